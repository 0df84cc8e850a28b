-- Addressable spend with one supplier per buyer, entity and day over a window (one query for all
-- the objectives a decision may move). Parameters: $supplier_key, $date_from, $date_to.
select buyer, entity, period_date, sum(amount_eur) as spend_eur
from fct_spend_lines
where supplier_key = $supplier_key
    and is_addressable
    and period_date between $date_from and $date_to
group by buyer, entity, period_date
