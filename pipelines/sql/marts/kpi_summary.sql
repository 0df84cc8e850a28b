-- Headline indicators over a period, grouped by one dimension ($by, or 'all').
-- Parameters: $date_from, $date_to, $by, $buyers (list or null), $entities (list or null),
-- $inclusive_families (list), $counted_statuses (list: certain, or certain + probable).
with people as (
    select person_id, manager_id from dim_people
),

lines as (
    select
        f.*,
        case $by
            when 'entity' then f.entity
            when 'buyer' then f.buyer
            when 'manager' then p.manager_id
            when 'family' then coalesce(f.family, 'none')
            when 'kind' then coalesce(f.kind, 'none')
            when 'month' then strftime(f.period_month, '%Y-%m')
            else 'all'
        end as dim,
        f.is_addressable
        and list_contains($counted_statuses, f.status)
        and list_contains($inclusive_families, f.family) as is_counted,
        f.is_addressable
        and f.status = 'probable'
        and list_contains($inclusive_families, f.family) as is_probable
    from fct_spend_lines as f
    left join people as p on p.person_id = f.buyer
    where f.period_date between $date_from and $date_to
        and in_scope_buyer($buyers, f.buyer)
        and in_scope_entity($entities, f.entity)
),

supplier_spend as (
    select dim, supplier_key, sum(amount_eur) as spend_eur
    from lines
    where is_counted
    group by dim, supplier_key
),

suppliers as (
    select dim, count(*) filter (where spend_eur > 0) as inclusive_suppliers
    from supplier_spend
    group by dim
),

kind_spend as (
    select dim, kind, sum(amount_eur) as spend_eur
    from lines
    where is_addressable and list_contains($counted_statuses, status) and kind is not null
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
        sum(amount_eur) as spend_eur,
        coalesce(sum(amount_eur) filter (where is_addressable), 0) as addressable_spend_eur,
        coalesce(sum(amount_eur) filter (where is_counted), 0) as inclusive_spend_eur,
        coalesce(sum(amount_eur) filter (
            where is_addressable and list_contains($counted_statuses, status) and family = 'insertion'
        ), 0) as insertion_spend_eur,
        coalesce(sum(amount_eur) filter (
            where is_addressable and list_contains($counted_statuses, status) and family = 'handicap'
        ), 0) as handicap_spend_eur,
        coalesce(sum(amount_eur) filter (
            where is_addressable and list_contains($counted_statuses, status) and family = 'ess'
        ), 0) as ess_spend_eur,
        coalesce(sum(amount_eur) filter (where is_probable), 0) as probable_spend_eur,
        count(*) as count_lines
    from lines
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
