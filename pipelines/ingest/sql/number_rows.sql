-- Row numbers of a load whose input did not number its rows: the rows were inserted in file
-- order (preserve_insertion_order, DuckDB's default, checked by land_lines), so a row's number is
-- its rowid offset inside the load. Parameters: $load_id, $first_rowid (smallest rowid of the
-- load), $first_row_no (row number, in the user's file, of the first data row).
update raw_ledger_lines
set source_row = rowid - $first_rowid + $first_row_no
where load_id in ($load_id, -$load_id)
