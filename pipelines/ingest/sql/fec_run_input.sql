-- Every FEC row in file order, as the arrays the balanced-run scan needs (fec_runs.py):
-- journal and date (hashed: only equality with the previous line matters), the amount in cents
-- (unreadable: 0) and whether the row's journal falls back to runs (temp table
-- fec_weak_journals).
select
    r.source_row,
    hash(r.journal) as journal_hash,
    hash(coalesce(r.ecrituredate, '')) as date_hash,
    cast(coalesce(r.amount, 0) * 100 as bigint) as cents,
    r.journal in (select w.journal from fec_weak_journals as w) as is_weak
from fec_rows as r
order by r.source_row
