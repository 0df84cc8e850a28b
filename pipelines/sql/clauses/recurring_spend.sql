-- Recurring addressable spend per entity and purchase category over a window, with the buyer
-- who spends the most in it: the ledger side of the clause opportunities.
-- Parameters: $date_from, $date_to, $min_months (distinct months with spend), $buyers,
-- $entities (list or null).
with lines as (
    select f.entity, f.category, f.buyer, f.period_date, f.amount_eur
    from fct_spend_lines as f
    where f.period_date between $date_from and $date_to
        and f.is_addressable
        and f.category is not null
        and in_scope_buyer($buyers, f.buyer)
        and in_scope_entity($entities, f.entity)
),

by_buyer as (
    select entity, category, buyer, sum(amount_eur) as buyer_spend_eur
    from lines
    group by entity, category, buyer
),

owners as (
    select
        entity,
        category,
        arg_max(buyer, buyer_spend_eur) as buyer
    from by_buyer
    group by entity, category
),

totals as (
    select
        entity,
        category,
        sum(amount_eur) as spend_eur,
        count(distinct date_trunc('month', period_date)) as months_with_spend
    from lines
    group by entity, category
),

final as (
    select
        t.entity,
        t.category,
        o.buyer,
        t.spend_eur,
        t.months_with_spend
    from totals as t
    inner join owners as o on o.entity = t.entity and o.category = t.category
    where t.months_with_spend >= $min_months
)

select * from final
order by spend_eur desc, entity, category
