-- Without a line number in the file, a line's number is its order inside the invoice (among the
-- readable rows of the load). Parameter: $load_id.
update raw_ledger_lines as l
set line_no = n.line_no
from (
    select
        source_row,
        cast(row_number() over (partition by entity, invoice_id order by source_row) as integer)
            as line_no
    from raw_ledger_lines
    where load_id = $load_id
) as n
where l.load_id = $load_id and l.source_row = n.source_row
