-- A DECP record or row that was not loaded, with its position in the file and the reason.
insert into quarantine (load_id, file, row_no, column_name, value, reason)
values (?, ?, ?, ?, ?, ?)
