-- Count and total of the frozen lines of a period. Parameter: $period.
select count(*) as count_lines, coalesce(sum(amount_eur), 0) as spend_eur
from closed_spend_lines
where period = $period
