-- Within one file, a key seen twice keeps its first row; later ones go to quarantine.
create or replace temp table ingest_dupes as
select source_row, invoice_id, line_no
from (
    select
        source_row,
        invoice_id,
        line_no,
        row_number() over (partition by entity, invoice_id, line_no order by source_row) as rn
    from raw_ledger_lines
    where load_id = $load_id
)
where rn > 1;

insert into quarantine (load_id, file, row_no, column_name, value, reason)
select $load_id, $file, source_row, 'line_no', invoice_id || ' / ' || cast(line_no as varchar),
    'ligne en double dans le fichier (même société, facture et n° de ligne) : première occurrence gardée'
from ingest_dupes;

delete from raw_ledger_lines
where load_id = $load_id and source_row in (select source_row from ingest_dupes);
