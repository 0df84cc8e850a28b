-- Inclusive suppliers ranked by counted spend over a period, with their share of the total.
-- With $frozen_period, over the lines that period's closing froze (their classification then)
-- instead of today's monthly mart.
-- Parameters: $date_from, $date_to, $buyers, $entities, $inclusive_families, $counted_statuses,
-- $limit, $frozen_period (text or null).
with counted as (
    select s.supplier_key, s.kind, s.family, s.spend_eur
    from mart_inclusive_suppliers_monthly as s
    where $frozen_period is null
        and s.period_month between $date_from and $date_to
        and in_scope_buyer($buyers, s.buyer)
        and in_scope_entity($entities, s.entity)
        and s.is_addressable
        and list_contains($counted_statuses, s.status)
        and list_contains($inclusive_families, s.family)
    union all
    select c.supplier_key, c.kind, c.family, c.amount_eur as spend_eur
    from closed_spend_lines as c
    where c.period = $frozen_period
        and c.period_date between $date_from and $date_to
        and in_scope_buyer($buyers, c.buyer)
        and in_scope_entity($entities, c.entity)
        and c.is_addressable
        and list_contains($counted_statuses, c.status)
        and list_contains($inclusive_families, c.family)
),

spend as (
    select
        supplier_key,
        arg_max(kind, spend_eur) as kind,
        arg_max(family, spend_eur) as family,
        sum(spend_eur) as spend_eur
    from counted
    group by supplier_key
),

ranked as (
    select
        *,
        row_number() over (order by spend_eur desc, supplier_key) as rank,
        sum(spend_eur) over () as total_eur
    from spend
    where spend_eur > 0
),

final as (
    select
        r.rank,
        r.supplier_key,
        coalesce(d.supplier_name, r.supplier_key) as supplier_name,
        d.siret,
        d.department,
        r.kind,
        r.family,
        r.spend_eur,
        case when r.total_eur <> 0 then r.spend_eur::double / r.total_eur::double end as share
    from ranked as r
    left join dim_suppliers as d using (supplier_key)
    where r.rank <= $limit
)

select * from final
order by rank
