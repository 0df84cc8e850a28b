-- Closed periods: the ledger lines and their classification exactly as they were at closing.
-- `asr period close` replaces a period's rows (pipelines/sql/objectives/freeze_period_lines.sql);
-- the objectives' frozen figures are in the store (period_closings.snapshot).
create table closed_spend_lines (
    period varchar not null,
    closed_at timestamp not null,
    line_uid varchar not null,
    load_id integer,
    entity varchar,
    invoice_id varchar,
    line_no integer,
    period_date date,
    supplier_key varchar,
    supplier_name varchar,
    siret varchar,
    buyer varchar,
    account varchar,
    category varchar,
    amount_eur decimal(18, 2),
    is_addressable boolean,
    kind varchar,
    family varchar,
    status varchar,
    rule varchar,
    record_id bigint,
    score double,
    primary key (period, line_uid)
);
