-- Explorer totals from the monthly mart, for groupings and filters the mart carries (entity,
-- buyer, manager, family, kind, status, month, year; no supplier search or account filter).
-- Same result columns as explore_grouped.sql (count_suppliers is null: the mart has none).
-- Parameters: $date_from, $date_to, $buyers, $entities, $families, $kinds, $statuses, $dim1,
-- $dim2, $inclusive_families, $limit, $addressable (true/false or null).
with monthly as (
    select
        m.*,
        p.manager_id,
        coalesce(m.family, 'none') as family_or_none,
        coalesce(m.kind, 'none') as kind_or_none
    from mart_spend_monthly as m
    left join dim_people as p on p.person_id = m.buyer
    where m.period_month between $date_from and $date_to
        and in_scope_buyer($buyers, m.buyer)
        and in_scope_entity($entities, m.entity)
        and ($families is null or list_contains($families, coalesce(m.family, 'none')))
        and ($kinds is null or list_contains($kinds, coalesce(m.kind, 'none')))
        and ($statuses is null or list_contains($statuses, m.status))
        and ($addressable is null or m.is_addressable = $addressable)
),

keyed as (
    select
        *,
        case $dim1
            when 'entity' then entity
            when 'buyer' then buyer
            when 'manager' then manager_id
            when 'family' then family_or_none
            when 'kind' then kind_or_none
            when 'status' then status
            when 'month' then strftime(period_month, '%Y-%m')
            when 'year' then cast(period_year as varchar)
            else ''
        end as key1,
        case $dim2
            when 'entity' then entity
            when 'buyer' then buyer
            when 'manager' then manager_id
            when 'family' then family_or_none
            when 'kind' then kind_or_none
            when 'status' then status
            when 'month' then strftime(period_month, '%Y-%m')
            when 'year' then cast(period_year as varchar)
            else ''
        end as key2
    from monthly
),

final as (
    select
        key1,
        key2,
        cast(null as varchar) as supplier_name,
        sum(spend_eur) as spend_eur,
        coalesce(sum(spend_eur) filter (where is_addressable), 0) as addressable_spend_eur,
        coalesce(sum(spend_eur) filter (
            where is_addressable and status = 'certain'
                and list_contains($inclusive_families, family)
        ), 0) as inclusive_spend_eur,
        coalesce(sum(spend_eur) filter (
            where is_addressable and status = 'probable'
                and list_contains($inclusive_families, family)
        ), 0) as probable_spend_eur,
        sum(count_lines) as count_lines,
        cast(null as bigint) as count_suppliers
    from keyed
    group by key1, key2
)

select * from final
order by spend_eur desc nulls last, key1, key2
limit $limit
