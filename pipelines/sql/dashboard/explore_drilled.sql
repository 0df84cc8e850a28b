-- Explorer lines after the filters and an optional drill-down on the grouped table.
-- Same parameters as explore_filtered.sql plus $dim1, $dim2 and their values $key1, $key2
-- (null: no drill on that dimension).
with lines as (
    select * from ({{filtered}})
),

final as (
    select *
    from lines
    where ($key1 is null or coalesce(case $dim1
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
        end, '') = $key1)
        and ($key2 is null or coalesce(case $dim2
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
        end, '') = $key2)
)

select * from final
