-- Copy a period's lines with their classification into closed_spend_lines.
-- Parameters: $period, $closed_at, $date_from, $date_to.
insert into closed_spend_lines (
    period, closed_at, line_uid, load_id, entity, invoice_id, line_no, period_date, supplier_key,
    supplier_name, siret, buyer, account, category, amount_eur, is_addressable, kind, family,
    status, rule, record_id, score
)
select
    $period,
    $closed_at,
    line_uid,
    load_id,
    entity,
    invoice_id,
    line_no,
    period_date,
    supplier_key,
    supplier_name,
    siret,
    buyer,
    account,
    category,
    amount_eur,
    is_addressable,
    kind,
    family,
    status,
    rule,
    record_id,
    score
from fct_spend_lines
where period_date between $date_from and $date_to
