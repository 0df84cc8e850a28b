-- The lines a closing froze for $frozen_period, shaped like fct_spend_lines, in the reader's
-- scope (explore_filtered.sql reads them instead of today's lines for a closed year).
-- Parameters: $frozen_period, $buyers, $entities.
select
    c.*,
    date_trunc('month', c.period_date)::date as period_month,
    year(c.period_date) as period_year,
    d.department
from closed_spend_lines as c
left join dim_suppliers as d on d.supplier_key = c.supplier_key
where c.period = $frozen_period
    and in_scope_buyer($buyers, c.buyer)
    and in_scope_entity($entities, c.entity)
