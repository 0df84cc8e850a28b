-- First and last month with lines visible in a scope, and the last line date (data freshness).
-- Parameters: $buyers, $entities (lists or null).
with monthly as (
    select period_month
    from mart_spend_monthly
    where in_scope_buyer($buyers, buyer)
        and in_scope_entity($entities, entity)
),

final as (
    select
        min(period_month) as first_month,
        max(period_month) as last_month,
        (select max(period_date) from fct_spend_lines) as last_line_date
    from monthly
)

select * from final
