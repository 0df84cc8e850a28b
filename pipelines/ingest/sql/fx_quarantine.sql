-- This load's non-EUR lines that found no rate go to quarantine, then leave the load.
-- Parameters: $load_id, $file, $fx_reason (land.FX_MISSING_REASON: asr fx names these lines).
insert into quarantine (load_id, file, row_no, column_name, value, reason)
select
    $load_id,
    $file,
    l.source_row,
    coalesce(h.header, 'currency'),
    l.currency,
    $fx_reason
from raw_ledger_lines as l
left join ingest_headers as h on h.field = 'currency'
where l.load_id = $load_id and l.currency <> 'EUR' and l.amount_orig is null
order by l.source_row;

delete from raw_ledger_lines
where load_id = $load_id and currency <> 'EUR' and amount_orig is null;
