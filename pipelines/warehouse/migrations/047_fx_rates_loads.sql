-- Exchange rates loaded from files (asr fx load): euros per unit kept to 20 decimals, so that a
-- currency quoted in thousands per euro still converts exact to the cent; the rate as the file
-- quoted it (units per 1 EUR), the file it came from and when.
alter table fx_rates alter rate_to_eur type decimal(38, 20);

alter table fx_rates add column rate_per_eur decimal(18, 8);

alter table fx_rates add column source varchar;

alter table fx_rates add column loaded_at timestamp;
