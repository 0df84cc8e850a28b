-- Lines of a period as a closing would freeze them, and how many fall in its last month.
-- Parameters: $date_from, $date_to, $last_month_from.
select
    count(*) as count_lines,
    count(*) filter (where period_date >= $last_month_from) as last_month_lines,
    coalesce(sum(amount_eur), 0) as spend_eur
from fct_spend_lines
where period_date between $date_from and $date_to
