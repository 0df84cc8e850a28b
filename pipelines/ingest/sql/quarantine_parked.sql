-- Rows parked under -$load_id by insert_lines.sql go to quarantine with the source column that
-- failed (all-empty rows, without a reason, are just dropped); then they leave the line table.
-- Parameters: $load_id, $file.
insert into quarantine (load_id, file, row_no, column_name, value, reason)
select
    $load_id,
    $file,
    p.source_row,
    coalesce(h.header, p.supplier_code),
    p.supplier_name,
    p.description
from raw_ledger_lines as p
left join ingest_headers as h on h.field = p.supplier_code
where p.load_id = -$load_id and p.description is not null
order by p.source_row;

delete from raw_ledger_lines
where load_id = -$load_id;
