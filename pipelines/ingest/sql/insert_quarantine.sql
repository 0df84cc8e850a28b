-- Unreadable rows, with the source column that failed. Parameters: $load_id, $file.
insert into quarantine (load_id, file, row_no, column_name, value, reason)
select
    $load_id,
    $file,
    t.source_row,
    coalesce(h.header, t.q_field),
    t.q_value,
    t.q_reason
from ingest_typed as t
left join ingest_headers as h on h.field = t.q_field
where t.q_reason is not null
order by t.source_row
