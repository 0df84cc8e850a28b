-- Quarantined rows, optionally of one load. Parameter: $load_id (null for all).
select load_id, file, row_no, column_name, value, reason
from quarantine
where $load_id is null or load_id = $load_id
order by load_id, row_no
