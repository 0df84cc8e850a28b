-- How many loaded rates the file's (temp table fx_input) replace: same currency, same first day.
select count(*)
from fx_rates as f
where exists (
    select 1 from fx_input as i
    where i.currency = f.currency and i.valid_from = f.valid_from
)
