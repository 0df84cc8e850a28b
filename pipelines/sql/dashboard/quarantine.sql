-- Quarantined rows, of one load or all ($load_id or null), at most $limit rows.
select
    load_id,
    file,
    row_no,
    column_name,
    value,
    reason
from quarantine
where $load_id is null or load_id = $load_id
order by load_id desc, row_no
limit $limit
