-- Controls: counted spend of a closed period as its closing froze it, per supplier, entity and
-- buyer. Parameters: $period, $inclusive_families, $buyers, $entities.
with frozen as (
    select supplier_key, supplier_name, entity, buyer, family, is_addressable, status, amount_eur,
        period_date
    from closed_spend_lines
    where period = $period
        and in_scope_buyer($buyers, buyer)
        and in_scope_entity($entities, entity)
),

final as (
    select
        supplier_key,
        any_value(supplier_name) as supplier_name,
        entity,
        buyer,
        family,
        is_addressable and status = 'certain'
        and coalesce(list_contains($inclusive_families, family), false) as is_counted,
        is_addressable,
        year(any_value(period_date)) as year,
        false as in_tail,
        sum(amount_eur) as amount_eur
    from frozen
    group by all
)

select * from final
