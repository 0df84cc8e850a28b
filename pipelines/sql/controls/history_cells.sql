-- Controls: the years before the period, for the spike's comparisons only: spend per supplier,
-- year and tail, counted or not, addressable or not (entity and buyer are not needed there).
-- Parameters: $year_from, $year_to, $tail_days, $inclusive_families, $buyers, $entities.
with lines as (
    select
        supplier_key,
        is_addressable and status = 'certain'
        and coalesce(list_contains($inclusive_families, family), false) as is_counted,
        is_addressable,
        period_year,
        dayofyear(period_date) > dayofyear(make_date(period_year, 12, 31)) - $tail_days
        as in_tail,
        amount_eur
    from fct_spend_lines
    where period_date between make_date($year_from, 1, 1) and make_date($year_to, 12, 31)
        and in_scope_buyer($buyers, buyer)
        and in_scope_entity($entities, entity)
),

final as (
    select
        supplier_key,
        supplier_key as supplier_name,
        '' as entity,
        null::varchar as buyer,
        null::varchar as family,
        is_counted,
        is_addressable,
        period_year as year,
        in_tail,
        sum(amount_eur) as amount_eur
    from lines
    group by supplier_key, is_counted, is_addressable, period_year, in_tail
)

select * from final
