-- FEC journals whose entry numbers do not identify balanced entries (DOMAIN.md section 4), into
-- temp table fec_weak_journals: a number spanning several dates, a number whose readable lines
-- do not balance, or one number on most rows of a file of $min_rows_one_number rows or more.
-- Their lines are cut into balanced runs instead (fec_runs.py, fec_entries.sql).
-- Parameters: $min_rows_one_number.
create or replace temp table fec_weak_journals as
with numbered as (
    select
        journal,
        entry_no,
        count(distinct entry_date) as dates,
        bool_and(amount is not null) as readable,
        sum(coalesce(amount, 0)) as balance
    from fec_rows
    group by journal, entry_no
),

one_number as (
    select entry_no
    from fec_rows
    group by entry_no
    having count(*) * 2 > (select count(*) from fec_rows)
        and (select count(*) from fec_rows) >= $min_rows_one_number
),

final as (
    select distinct journal
    from numbered
    where dates > 1
        or (readable and balance <> 0)
        or entry_no in (select o.entry_no from one_number as o)
)

select * from final
