-- Contracts with a social clause (insertion hours declared by the facilitator), loaded by
-- `asr contracts load FILE`. One row per (entity, contract_id); a reload replaces the row.
create table social_clause_contracts (
    entity varchar not null,
    contract_id varchar not null,
    supplier_siret varchar,
    supplier_name varchar,
    start_date date not null,
    end_date date not null,
    amount_eur decimal(18, 2),
    hours_required decimal(12, 2),
    hours_achieved decimal(12, 2),
    source_file varchar not null,
    source_row bigint not null,
    loaded_at timestamp not null default current_timestamp,
    loaded_by varchar,
    primary key (entity, contract_id)
);
