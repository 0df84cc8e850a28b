-- Lines and euros left out of addressable spend by the exclusions (before and after a change,
-- the difference is what the change took out).
select count(*) as lines, coalesce(sum(amount_eur), 0) as amount_eur
from raw_ledger_lines
where not coalesce(is_addressable, true)
