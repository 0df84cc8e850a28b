-- Controls: spend of the year $year_to per supplier, entity, buyer and classification, in and out
-- of its tail (the last $tail_days days). The rules in pipelines/controls/rules.py decide on these
-- cells (the other years come from history_cells.sql). Grouped on the narrow columns first; the
-- supplier's name is joined to the (few) groups afterwards.
-- Parameters: $year_from (= $year_to here), $year_to, $tail_days, $inclusive_families,
-- $buyers, $entities.
with lines as (
    select
        supplier_key,
        entity,
        buyer,
        family,
        is_addressable,
        status,
        amount_eur,
        period_year,
        dayofyear(period_date) > dayofyear(make_date(period_year, 12, 31)) - $tail_days
        as in_tail
    from fct_spend_lines
    where period_date between make_date($year_from, 1, 1) and make_date($year_to, 12, 31)
        and in_scope_buyer($buyers, buyer)
        and in_scope_entity($entities, entity)
),

grouped as (
    select
        supplier_key, entity, buyer, family, is_addressable, status, period_year, in_tail,
        sum(amount_eur) as amount_eur
    from lines
    group by supplier_key, entity, buyer, family, is_addressable, status, period_year, in_tail
),

names as (
    select supplier_key, any_value(supplier_name) as supplier_name
    from fct_spend_lines
    where period_date between make_date($year_to, 1, 1) and make_date($year_to, 12, 31)
        and in_scope_buyer($buyers, buyer)
        and in_scope_entity($entities, entity)
    group by supplier_key
),

final as (
    select
        g.supplier_key,
        coalesce(n.supplier_name, g.supplier_key) as supplier_name,
        g.entity,
        g.buyer,
        g.family,
        g.is_addressable and g.status = 'certain'
        and coalesce(list_contains($inclusive_families, g.family), false) as is_counted,
        g.is_addressable,
        g.period_year as year,
        g.in_tail,
        sum(g.amount_eur) as amount_eur
    from grouped as g
    left join names as n on n.supplier_key = g.supplier_key
    group by all
)

select * from final
