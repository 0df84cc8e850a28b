-- Number of (entity, invoice_id, line_no) keys this load holds more than once.
select count(*)
from (
    select entity, invoice_id, line_no
    from raw_ledger_lines
    where load_id = $load_id
    group by entity, invoice_id, line_no
    having count(*) > 1
)
