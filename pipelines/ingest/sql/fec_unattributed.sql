-- Purchase lines of non-opening FEC entries whose supplier cannot be attributed, by cause:
-- 'none' (no 401/404/408 line) or 'several' (more than one supplier).
select
    case when f.supplier_count = 0 then 'none' else 'several' end as cause,
    count(*) as lines
from fec_rows as r
inner join fec_row_entries as e using (source_row)
inner join fec_entry_facts as f using (entry_key)
where r.is_spend
    and (r.amount is null or r.amount <> 0)
    and not f.is_opening
    and f.supplier_count <> 1
group by cause
