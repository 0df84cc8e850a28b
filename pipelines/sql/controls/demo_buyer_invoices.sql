-- Demo planting: every line of the invoices of $buyer in $year whose spend counts as inclusive,
-- as a ledger file would carry them (to re-extract them under another buyer).
-- Parameters: $year, $buyer, $inclusive_families, $buyers, $entities.
with counted as (
    select entity, invoice_id, sum(amount_eur) as invoice_eur
    from fct_spend_lines
    where period_year = $year
        and buyer = $buyer
        and is_addressable
        and status = 'certain'
        and list_contains($inclusive_families, family)
        and in_scope_buyer($buyers, buyer)
        and in_scope_entity($entities, entity)
    group by entity, invoice_id
    having sum(amount_eur) > 0
),

final as (
    select
        l.entity, l.invoice_id, l.line_no, l.invoice_date, l.supplier_key, l.supplier_code,
        l.supplier_name, l.siret, l.post_code, l.buyer, l.account, l.category, l.amount_eur,
        c.invoice_eur
    from fct_spend_lines as l
    inner join counted as c on c.entity = l.entity and c.invoice_id = l.invoice_id
)

select * from final
order by invoice_eur desc, entity, invoice_id, line_no
