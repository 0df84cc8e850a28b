-- The lines a closing froze for $frozen_period, shaped like fct_spend_lines for the explorer's
-- lines and count (explore_filtered.sql reads them in place of the live lines).
select
    c.*,
    date_trunc('month', c.period_date)::date as period_month,
    year(c.period_date) as period_year,
    d.department
from closed_spend_lines as c
left join dim_suppliers as d on d.supplier_key = c.supplier_key
where c.period = $frozen_period
