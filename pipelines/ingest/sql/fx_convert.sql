-- Convert this load's non-EUR lines with the rate valid at the invoice date (latest valid_from
-- wins). Lines left without a rate are quarantined by fx_quarantine.sql. Parameter: $load_id.
update raw_ledger_lines as t
set amount_orig = t.amount_eur, amount_eur = cast(round(t.amount_eur * r.rate_to_eur, 2) as decimal(18, 2))
from (
    select l.source_row, arg_max(f.rate_to_eur, f.valid_from) as rate_to_eur
    from raw_ledger_lines as l
    inner join fx_rates as f
        on f.currency = l.currency
        and l.invoice_date >= f.valid_from
        and l.invoice_date <= coalesce(f.valid_to, date '9999-12-31')
    where l.load_id = $load_id and l.currency <> 'EUR'
    group by l.source_row
) as r
where t.load_id = $load_id and t.source_row = r.source_row
