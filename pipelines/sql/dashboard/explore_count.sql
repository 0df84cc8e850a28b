-- How many explorer lines the filters and drill-down keep (for the pager).
-- Parameters: those of explore_drilled.sql.
with drilled as (
    select * from ({{drilled}})
),

final as (
    select count(*) as total_lines from drilled
)

select * from final
