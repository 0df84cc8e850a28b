-- Keep the older buyer of every line a new load is about to replace with another buyer.
-- Parameter: $load_id (the new load). Runs before the replacement deletes the older lines.
insert into ledger_buyer_history (
    entity, invoice_id, line_no, old_load_id, new_load_id, old_buyer, new_buyer, amount_eur,
    period_date
)
select
    old.entity,
    old.invoice_id,
    old.line_no,
    old.load_id,
    new.load_id,
    old.buyer,
    new.buyer,
    new.amount_eur,
    new.invoice_date
from raw_ledger_lines as old
inner join raw_ledger_lines as new
    on new.entity = old.entity
    and new.invoice_id = old.invoice_id
    and new.line_no = old.line_no
where new.load_id = $load_id
    and old.load_id <> $load_id
    and old.buyer is distinct from new.buyer
