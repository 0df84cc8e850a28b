-- The rates table, of one currency or all ($currency or null), oldest first.
select
    currency,
    valid_from,
    valid_to,
    rate_per_eur,
    rate_to_eur,
    source
from fx_rates
where $currency is null or currency = $currency
order by currency, valid_from
