-- new_inclusive_suppliers: distinct inclusive suppliers with positive counted spend in the window
-- and no positive spend (of any classification) in the previous window, within the same scope.
-- Parameters: $date_from, $date_to, $prev_from, $prev_to, $buyers, $entities,
-- $inclusive_families, $counted_statuses.
with scoped as (
    select supplier_key, period_date, amount_eur, is_addressable, status, family
    from fct_spend_lines
    where in_scope_buyer($buyers, buyer)
        and in_scope_entity($entities, entity)
),

current_suppliers as (
    select supplier_key
    from scoped
    where period_date between $date_from and $date_to
        and is_addressable
        and list_contains($counted_statuses, status)
        and list_contains($inclusive_families, family)
    group by supplier_key
    having sum(amount_eur) > 0
),

previous_suppliers as (
    select supplier_key
    from scoped
    where period_date between $prev_from and $prev_to
    group by supplier_key
    having sum(amount_eur) > 0
),

final as (
    select count(*) as new_inclusive_suppliers
    from current_suppliers as c
    where not exists (select 1 from previous_suppliers as p where p.supplier_key = c.supplier_key)
)

select * from final
