-- One page of explorer lines (newest first) with the total count.
-- Same parameters as explore_filtered.sql plus $key1/$key2 drill values (or null), $dim1, $dim2,
-- $limit, $offset.
with lines as (
    select * from ({{filtered}})
),

drilled as (
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
),

final as (
    select
        period_date,
        entity,
        invoice_id,
        line_no,
        supplier_name,
        siret,
        supplier_key,
        buyer,
        account,
        category,
        amount_eur,
        is_addressable,
        status,
        kind,
        family,
        rule,
        count(*) over () as total_lines
    from drilled
)

select * from final
order by period_date desc, entity, invoice_id, line_no
limit $limit offset $offset
