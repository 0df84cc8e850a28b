-- Controls: lines of the period whose buyer changed between two extracts, with their current
-- classification. Parameters: $date_from, $date_to, $inclusive_families, $buyers, $entities.
with changes as (
    select entity, invoice_id, line_no, old_buyer, new_buyer, old_load_id, new_load_id
    from ledger_buyer_history
),

final as (
    select
        f.line_uid,
        f.supplier_key,
        f.entity,
        c.old_buyer,
        f.buyer as new_buyer,
        f.family,
        f.is_addressable and f.status = 'certain'
        and coalesce(list_contains($inclusive_families, f.family), false) as is_counted,
        f.amount_eur,
        f.period_date
    from changes as c
    inner join fct_spend_lines as f
        on f.entity = c.entity
        and f.invoice_id = c.invoice_id
        and f.line_no = c.line_no
        and f.load_id = c.new_load_id
    where f.period_date between $date_from and $date_to
        and c.old_buyer is distinct from f.buyer
        and in_scope_buyer($buyers, f.buyer)
        and in_scope_entity($entities, f.entity)
    qualify row_number() over (partition by f.line_uid order by c.new_load_id, c.old_load_id) = 1
)

select * from final
