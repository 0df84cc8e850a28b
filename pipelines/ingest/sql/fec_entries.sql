-- The entry of each FEC row (DOMAIN.md section 4), into temp table fec_row_entries.
-- An entry is JournalCode + EcritureNum, except in the journals of fec_weak_journals, where it is
-- the balanced run of the line (temp table fec_runs: run_start = file line of the run's first
-- line), named JournalCode-L<that line>.
create or replace temp table fec_row_entries as
select
    r.source_row,
    case
        when u.run_start is not null then r.journal || '-L' || u.run_start
        else r.journal || '-' || r.entry_no
    end as entry_key,
    u.run_start is not null as is_fallback
from fec_rows as r
left join fec_runs as u using (source_row)
