-- Pass 1 of a load: every row of the input, read, typed and checked in one pass, straight into
-- raw_ledger_lines (no intermediate table, no window: the read stays parallel).
-- Readable rows get load id $load_id. Other rows are parked under -$load_id, with placeholders
-- in the not-null columns, and carry their diagnosis in three columns until land_lines moves
-- them to quarantine (quarantine_parked.sql) and deletes them, in the same transaction:
--   description = reason (null for an all-empty row), supplier_code = field, supplier_name = value.
-- source_row is 0 when the input does not number its rows (number_rows.sql does it afterwards,
-- from the insertion order), line_no is 0 when the file has none (number_lines.sql).
-- The derived keys (supplier_key, department, period_date) are filled here, by the macros of
-- migration 052, so that a new load needs no update of its lines afterwards.
-- Parameters: $load_id, $period_date_mode ('invoice' or 'posting'); the caller puts the
-- typed_lines.sql chain in the from clause.
insert into raw_ledger_lines (
    load_id, source_row, entity, invoice_id, line_no, invoice_date, posting_date, supplier_code,
    supplier_name, siret, post_code, buyer, account, category, naf, amount_eur, currency,
    amount_orig, description, amount_is_rounded, supplier_key, department, period_date
)
select
    case when q_reason is null and not is_blank then $load_id else -$load_id end,
    coalesce(source_row, 0),
    coalesce(entity, ''),
    coalesce(invoice_id, ''),
    coalesce(line_no, 0),
    coalesce(invoice_date, date '1900-01-01'),
    posting_date,
    case when q_reason is null then supplier_code else q_field end,
    case when q_reason is null then supplier_name else q_value end,
    siret,
    post_code,
    buyer,
    account,
    category,
    naf,
    coalesce(amount, 0),
    currency,
    amount_orig,
    case when q_reason is null then description else q_reason end,
    amount_is_rounded,
    supplier_key_of(siret, supplier_code, entity, supplier_name, post_code),
    department_of(post_code),
    period_date_of(invoice_date, posting_date, $period_date_mode)
from ({typed_lines}) as typed
