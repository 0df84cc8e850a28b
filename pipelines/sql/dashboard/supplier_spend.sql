-- Addressable spend of one supplier that a confirmation would make certain: its lines classified
-- "probable" (each judged at its date) between $date_from and $date_to (the objectives' windows
-- within the confirmed record's validity window), per buyer, entity and day.
-- Parameters: $supplier_key, $date_from, $date_to, $buyers, $entities (the reader's scope).
select buyer, entity, period_date, sum(amount_eur) as spend_eur
from fct_spend_lines
where supplier_key = $supplier_key
    and is_addressable
    and status = 'probable'
    and period_date between $date_from and $date_to
    and in_scope_buyer($buyers, buyer)
    and in_scope_entity($entities, entity)
group by buyer, entity, period_date
