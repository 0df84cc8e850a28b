-- The file's rates (temp table fx_input, decimals as text). Parameter: $source (the file's name).
insert into fx_rates (currency, valid_from, valid_to, rate_to_eur, rate_per_eur, source, loaded_at)
select
    currency,
    valid_from,
    valid_to,
    cast(rate_to_eur as decimal(38, 20)),
    cast(rate_per_eur as decimal(18, 8)),
    $source,
    current_timestamp
from fx_input
order by currency, valid_from
