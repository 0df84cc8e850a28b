-- Load history, newest first. Parameter: $limit.
select
    load_id,
    file,
    format,
    entity,
    rows_read,
    rows_loaded,
    rows_quarantined,
    rows_replaced,
    loaded_at,
    loaded_by,
    note
from loads
order by loaded_at desc, load_id desc
limit $limit
