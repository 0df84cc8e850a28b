-- Controls (DOMAIN.md section 8, portfolio moves): when a newer extract replaces a line whose
-- buyer it changes, the older buyer is kept here (raw lines stay raw: the replaced line itself
-- is gone). Written by pipelines/sql/controls/record_buyer_changes.sql before the replacement.
create table if not exists ledger_buyer_history (
    entity varchar not null,
    invoice_id varchar not null,
    line_no integer not null,
    old_load_id integer not null,
    new_load_id integer not null,
    old_buyer varchar,
    new_buyer varchar,
    amount_eur decimal(18, 2),
    period_date date
);
