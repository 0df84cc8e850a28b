-- The lines a closing froze for $period, shaped like fct_spend_lines for the KPI query
-- (marts/kpi_summary.sql reads them in place of the live lines), in the reader's scope.
-- Parameters: $period, $buyers, $entities.
select
    c.*,
    date_trunc('month', c.period_date)::date as period_month
from closed_spend_lines as c
where c.period = $period
    and in_scope_buyer($buyers, c.buyer)
    and in_scope_entity($entities, c.entity)
