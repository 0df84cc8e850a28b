-- Core warehouse schema. Identifiers, postcodes and accounts are text; money is DECIMAL(18,2).
-- Migrations 010-019 belong to ingestion, 020-029 to reference/classification,
-- 030-039 to objectives, 040-049 to regulatory reports.

create sequence if not exists load_id_seq start 1;

create table loads (
    load_id integer primary key,
    file varchar not null,
    sha256 varchar not null,
    format varchar not null,
    entity varchar,
    rows_read bigint not null default 0,
    rows_loaded bigint not null default 0,
    rows_quarantined bigint not null default 0,
    rows_replaced bigint not null default 0,
    loaded_at timestamp not null default current_timestamp,
    loaded_by varchar,
    note varchar
);

-- Landed ledger lines, one per (entity, invoice_id, line_no).
create table raw_ledger_lines (
    load_id integer not null,
    source_row bigint not null,
    entity varchar not null,
    invoice_id varchar not null,
    line_no integer not null,
    invoice_date date not null,
    posting_date date,
    supplier_code varchar,
    supplier_name varchar,
    siret varchar,
    post_code varchar,
    buyer varchar,
    account varchar,
    category varchar,
    naf varchar,
    amount_eur decimal(18, 2) not null,
    currency varchar not null default 'EUR',
    amount_orig decimal(18, 2),
    description varchar
);

create table quarantine (
    load_id integer not null,
    file varchar not null,
    row_no bigint,
    column_name varchar,
    value varchar,
    reason varchar not null
);

create sequence if not exists ref_load_id_seq start 1;

create table reference_loads (
    ref_load_id integer primary key,
    source varchar not null,
    file varchar not null,
    sha256 varchar not null,
    as_of date not null,
    loaded_at timestamp not null default current_timestamp,
    loaded_by varchar,
    rows_loaded bigint not null default 0,
    rows_flagged bigint not null default 0,
    rows_closed bigint not null default 0
);

create sequence if not exists record_id_seq start 1;

-- Directory records (SIAE, EA, ESAT, TIH, ESUS, ESS), each with its validity window.
create table reference_records (
    record_id bigint primary key,
    ref_load_id integer not null,
    source varchar not null,
    source_key varchar,
    kind varchar not null,
    family varchar not null,
    siret varchar,
    siren varchar,
    name varchar,
    name_norm varchar,
    brand varchar,
    naf varchar,
    post_code varchar,
    department varchar,
    valid_from date,
    valid_to date,
    is_luhn_valid boolean not null default true,
    is_active boolean not null default true
);

-- Output of the classification cascade: candidate matches per supplier. The line mart keeps,
-- for each line, the candidate valid at the line's date with the lowest precedence.
create table supplier_matches (
    supplier_key varchar not null,
    precedence integer not null,
    rule varchar not null,          -- override | siret | siren | name
    status varchar not null,        -- certain | probable | none
    kind varchar,
    family varchar,
    record_id bigint,
    source varchar,
    score double,
    valid_from date,
    valid_to date,
    explanation varchar
);

-- Addressable-spend exclusions: account prefix, supplier (key or SIRET) or purchase category.
create table exclusions (
    exclusion_type varchar not null,   -- account_prefix | supplier | category
    value varchar not null,
    reason varchar,
    primary key (exclusion_type, value)
);

create table fx_rates (
    currency varchar not null,
    valid_from date not null,
    valid_to date,
    rate_to_eur decimal(18, 8) not null
);

-- People synchronised from the objectives store (for by-manager breakdowns and scopes).
create table dim_people (
    person_id varchar primary key,
    name varchar,
    email varchar,
    manager_id varchar,
    entity varchar,
    role varchar
);

-- Public contracts (DECP) for the public-buyer indicators.
create table decp_contracts (
    load_id integer not null,
    contract_uid varchar primary key,
    contract_id varchar not null,
    buyer_id varchar,
    buyer_name varchar,
    nature varchar,
    object varchar,
    cpv_code varchar,
    procedure varchar,
    notification_date date,
    amount_eur decimal(18, 2),
    social_considerations varchar[],
    has_social_consideration boolean,
    is_reserved boolean
);

create table decp_holders (
    contract_uid varchar not null,
    holder_id varchar,
    id_type varchar,
    siret varchar,
    siren varchar
);

create macro department_of(pc) as (
    case
        when pc is null or length(pc) <> 5 then null
        when pc like '97%' or pc like '98%' then substr(pc, 1, 3)
        when pc like '20%' then case when pc < '20200' then '2A' else '2B' end
        else substr(pc, 1, 2)
    end
);
