-- Controls: first and last purchase date (any line, any classification) of the suppliers with
-- counted spend in the last $new_days days of the period, and where the data ends.
-- Parameters: $date_to, $new_days, $inclusive_families, $buyers, $entities.
with scoped as (
    select supplier_key, period_date, family, is_addressable, status
    from fct_spend_lines
    where in_scope_buyer($buyers, buyer)
        and in_scope_entity($entities, entity)
),

recent as (
    select distinct supplier_key
    from scoped
    where period_date between $date_to - to_days($new_days - 1) and $date_to
        and is_addressable
        and status = 'certain'
        and coalesce(list_contains($inclusive_families, family), false)
),

final as (
    select
        s.supplier_key,
        min(s.period_date) as first_date,
        max(s.period_date) as last_date,
        (select max(period_date) from scoped) as data_end
    from scoped as s
    inner join recent as r on r.supplier_key = s.supplier_key
    group by s.supplier_key
)

select * from final
