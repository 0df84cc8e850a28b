-- Convert non-EUR lines with the rate valid at the invoice date (latest valid_from wins).
update ingest_typed as t
set amount_orig = t.amount, amount = cast(round(t.amount * r.rate_to_eur, 2) as decimal(18, 2))
from (
    select l.source_row, arg_max(f.rate_to_eur, f.valid_from) as rate_to_eur
    from ingest_typed as l
    inner join fx_rates as f
        on f.currency = l.currency
        and l.invoice_date >= f.valid_from
        and l.invoice_date <= coalesce(f.valid_to, date '9999-12-31')
    where l.currency <> 'EUR' and l.q_reason is null
    group by l.source_row
) as r
where t.source_row = r.source_row;

update ingest_typed
set q_reason = 'devise sans taux de change à la date de facture (table fx_rates)', q_field = 'currency', q_value = currency
where currency <> 'EUR' and q_reason is null and amount_orig is null;
