-- Readable rows become ledger lines, with the file's own line numbers. Parameter: $load_id.
insert into raw_ledger_lines (
    load_id, source_row, entity, invoice_id, line_no, invoice_date, posting_date, supplier_code,
    supplier_name, siret, post_code, buyer, account, category, naf, amount_eur, currency,
    amount_orig, description
)
select
    $load_id,
    source_row,
    entity,
    invoice_id,
    line_no,
    invoice_date,
    posting_date,
    supplier_code,
    supplier_name,
    siret,
    post_code,
    buyer,
    account,
    category,
    naf,
    amount,
    currency,
    amount_orig,
    description
from ingest_typed
where q_reason is null
