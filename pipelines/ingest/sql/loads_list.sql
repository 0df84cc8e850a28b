-- Every load, newest first (details: the load's JSON report, e.g. a FEC's entries).
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
    note,
    details
from loads
order by load_id desc
