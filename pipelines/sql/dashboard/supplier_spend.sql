-- Addressable spend of one supplier as it is classified today, per buyer, entity, day, status
-- and family: what a decision on this supplier could move (each line judged at its date).
-- Parameters: $supplier_key, $date_from, $date_to, $buyers, $entities (the reader's scope).
select buyer, entity, period_date, status, family, sum(amount_eur) as spend_eur
from fct_spend_lines
where supplier_key = $supplier_key
    and is_addressable
    and period_date between $date_from and $date_to
    and in_scope_buyer($buyers, buyer)
    and in_scope_entity($entities, entity)
group by buyer, entity, period_date, status, family
