-- Cheap first check for duplicate_keys.sql: keys of this load whose hash repeats. No repeated
-- hash means no repeated (entity, invoice_id, line_no); a repeat (or a hash collision) sends the
-- load through the exact check. Parameter: $load_id.
select count(*)
from (
    select hash(entity, invoice_id, line_no) as key_hash
    from raw_ledger_lines
    where load_id = $load_id
    group by key_hash
    having count(*) > 1
)
