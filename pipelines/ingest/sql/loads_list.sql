-- Every load, newest first.
select
    load_id,
    file,
    sha256,
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
order by load_id desc
