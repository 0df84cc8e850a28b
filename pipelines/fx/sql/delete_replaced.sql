-- Rates of the same currency and first day as one of the file's (temp table fx_input) make way.
delete from fx_rates as f
where exists (
    select 1 from fx_input as i
    where i.currency = f.currency and i.valid_from = f.valid_from
)
