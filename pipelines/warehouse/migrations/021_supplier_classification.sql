-- One row per supplier: its headline classification (best candidate, dates aside) and the
-- one-line French explanation, including "why not" for unmatched suppliers. supplier_matches
-- keeps only real candidates (and rejections), so that the line mart stays fast.
create table supplier_classification (
    supplier_key varchar primary key,
    status varchar not null,        -- certain | probable | none
    rule varchar not null,          -- override | siret | siren | name | none
    kind varchar,
    family varchar,
    record_id bigint,
    source varchar,
    score double,
    valid_from date,
    valid_to date,
    candidates integer not null,
    explanation varchar not null
);
