-- Explorer totals grouped by two dimensions ($dim1, $dim2: entity, buyer, manager, family, kind,
-- status, month, year, category, account, supplier, department, or 'none').
-- Same parameters as explore_filtered.sql plus $inclusive_families, $limit.
with lines as (
    select * from ({{filtered}})
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
            when 'category' then category
            when 'account' then account
            when 'supplier' then supplier_key
            when 'department' then department
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
            when 'category' then category
            when 'account' then account
            when 'supplier' then supplier_key
            when 'department' then department
            else ''
        end as key2
    from lines
),

final as (
    select
        key1,
        key2,
        case when $dim1 = 'supplier' or $dim2 = 'supplier' then any_value(supplier_name) end
            as supplier_name,
        sum(amount_eur) as spend_eur,
        coalesce(sum(amount_eur) filter (where is_addressable), 0) as addressable_spend_eur,
        coalesce(sum(amount_eur) filter (
            where is_addressable and status = 'certain'
                and list_contains($inclusive_families, family)
        ), 0) as inclusive_spend_eur,
        coalesce(sum(amount_eur) filter (
            where is_addressable and status = 'probable'
                and list_contains($inclusive_families, family)
        ), 0) as probable_spend_eur,
        count(*) as count_lines,
        count(distinct supplier_key) as count_suppliers
    from keyed
    group by key1, key2
)

select * from final
order by spend_eur desc nulls last, key1, key2
limit $limit
