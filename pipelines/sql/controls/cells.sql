-- Controls: spend per supplier, entity, buyer and classification, per year and tail (the last
-- $tail_days days of each year), for the years $year_from..$year_to. The rules in
-- pipelines/controls/rules.py decide on these cells.
-- Parameters: $year_from, $year_to, $tail_days, $inclusive_families, $buyers, $entities.
with lines as (
    select
        supplier_key,
        supplier_name,
        entity,
        buyer,
        family,
        is_addressable,
        status,
        amount_eur,
        period_year,
        period_date > make_date(period_year, 12, 31) - to_days($tail_days) as in_tail
    from fct_spend_lines
    where period_year between $year_from and $year_to
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
        period_year as year,
        in_tail,
        sum(amount_eur) as amount_eur
    from lines
    group by all
)

select * from final
