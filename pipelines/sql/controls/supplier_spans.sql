-- Controls: first and last purchase date (any line, any classification) of the suppliers with
-- counted spend in the last $new_days days of the period, and where the data ends. One scan.
-- Parameters: $date_to, $new_days, $inclusive_families, $buyers, $entities.
with per_supplier as (
    select
        supplier_key,
        min(period_date) as first_date,
        max(period_date) as last_date,
        bool_or(
            period_date between $date_to - to_days($new_days - 1) and $date_to
            and is_addressable
            and status = 'certain'
            and coalesce(list_contains($inclusive_families, family), false)
        ) as is_recent
    from fct_spend_lines
    where in_scope_buyer($buyers, buyer)
        and in_scope_entity($entities, entity)
    group by supplier_key
),

final as (
    select supplier_key, first_date, last_date, max(last_date) over () as data_end, is_recent
    from per_supplier
)

select supplier_key, first_date, last_date, data_end
from final
where is_recent
