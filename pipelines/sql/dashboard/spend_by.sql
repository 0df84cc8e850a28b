-- Headline indicators from the monthly marts, grouped by one dimension ($by, or 'all').
-- Same columns and rules as marts/kpi_summary.sql, for periods made of whole months.
-- Parameters: $date_from, $date_to (first day of first month, last day of last month), $by,
-- $buyers, $entities (lists or null), $inclusive_families, $counted_statuses (lists).
with people as (
    select person_id, manager_id from dim_people
),

monthly as (
    select
        m.*,
        case $by
            when 'entity' then m.entity
            when 'buyer' then m.buyer
            when 'manager' then p.manager_id
            when 'family' then coalesce(m.family, 'none')
            when 'kind' then coalesce(m.kind, 'none')
            when 'month' then strftime(m.period_month, '%Y-%m')
            else 'all'
        end as dim,
        m.is_addressable and list_contains($counted_statuses, m.status) as is_counted_status
    from mart_spend_monthly as m
    left join people as p on p.person_id = m.buyer
    where m.period_month between $date_from and $date_to
        and in_scope_buyer($buyers, m.buyer)
        and in_scope_entity($entities, m.entity)
),

supplier_spend as (
    select
        case $by
            when 'entity' then s.entity
            when 'buyer' then s.buyer
            when 'manager' then p.manager_id
            when 'family' then coalesce(s.family, 'none')
            when 'kind' then coalesce(s.kind, 'none')
            when 'month' then strftime(s.period_month, '%Y-%m')
            else 'all'
        end as dim,
        s.supplier_key,
        sum(s.spend_eur) as spend_eur
    from mart_inclusive_suppliers_monthly as s
    left join people as p on p.person_id = s.buyer
    where s.period_month between $date_from and $date_to
        and in_scope_buyer($buyers, s.buyer)
        and in_scope_entity($entities, s.entity)
        and s.is_addressable
        and list_contains($counted_statuses, s.status)
        and list_contains($inclusive_families, s.family)
    group by all
),

suppliers as (
    select dim, count(*) filter (where spend_eur > 0) as inclusive_suppliers
    from supplier_spend
    group by dim
),

kind_spend as (
    select dim, kind, sum(spend_eur) as spend_eur
    from monthly
    where is_counted_status and kind is not null
    group by dim, kind
),

kinds as (
    select dim, map_from_entries(list((kind, spend_eur) order by kind)) as by_kind
    from kind_spend
    group by dim
),

totals as (
    select
        dim,
        sum(spend_eur) as spend_eur,
        coalesce(sum(spend_eur) filter (where is_addressable), 0) as addressable_spend_eur,
        coalesce(sum(spend_eur) filter (
            where is_counted_status and list_contains($inclusive_families, family)
        ), 0) as inclusive_spend_eur,
        coalesce(sum(spend_eur) filter (where is_counted_status and family = 'insertion'), 0)
            as insertion_spend_eur,
        coalesce(sum(spend_eur) filter (where is_counted_status and family = 'handicap'), 0)
            as handicap_spend_eur,
        coalesce(sum(spend_eur) filter (where is_counted_status and family = 'ess'), 0)
            as ess_spend_eur,
        coalesce(sum(spend_eur) filter (
            where is_addressable and status = 'probable'
                and list_contains($inclusive_families, family)
        ), 0) as probable_spend_eur,
        sum(count_lines) as count_lines
    from monthly
    group by dim
),

final as (
    select
        t.dim,
        t.spend_eur,
        t.addressable_spend_eur,
        t.inclusive_spend_eur,
        case
            when t.addressable_spend_eur <> 0
                then round(t.inclusive_spend_eur::double / t.addressable_spend_eur::double, 6)
        end as inclusive_share,
        t.insertion_spend_eur,
        t.handicap_spend_eur,
        t.ess_spend_eur,
        t.probable_spend_eur,
        coalesce(s.inclusive_suppliers, 0) as inclusive_suppliers,
        coalesce(k.by_kind, map()) as by_kind,
        t.count_lines
    from totals as t
    -- null-safe: lines without a buyer (or a buyer without a manager) form the null group
    left join suppliers as s on s.dim is not distinct from t.dim
    left join kinds as k on k.dim is not distinct from t.dim
)

select * from final
order by dim nulls last
