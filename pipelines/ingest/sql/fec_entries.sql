-- The entry of each FEC row (DOMAIN.md section 4), into temp table fec_row_entries.
-- An entry is JournalCode + EcritureNum. A journal whose numbers do not identify balanced
-- entries -- a number spanning several dates, a number whose readable lines do not balance, or
-- one number on most rows of a file of $min_rows_one_number rows or more -- is cut instead into
-- runs of consecutive lines (file order) of one date, each run ending where its balance
-- returns to zero; such entries are named JournalCode-EcritureNum.k (k-th run of that number).
-- Parameters: $min_rows_one_number.
create or replace temp table fec_row_entries as
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

weak_journals as (
    select distinct journal
    from numbered
    where dates > 1
        or (readable and balance <> 0)
        or entry_no in (select o.entry_no from one_number as o)
),

weak_rows as (
    select
        r.source_row,
        r.journal,
        r.entry_no,
        r.entry_date,
        coalesce(r.amount, 0) as amount,
        r.entry_date is distinct from lag(r.entry_date) over by_journal as new_date
    from fec_rows as r
    semi join weak_journals as w on r.journal = w.journal
    window by_journal as (partition by r.journal order by r.source_row)
),

dated_runs as (
    select
        *,
        sum(case when new_date then 1 else 0 end) over (
            partition by journal order by source_row rows unbounded preceding
        ) as date_run
    from weak_rows
),

balances as (
    select
        *,
        sum(amount) over (
            partition by journal, date_run order by source_row rows unbounded preceding
        ) as running_balance
    from dated_runs
),

starts as (
    select
        *,
        coalesce(
            lag(running_balance) over (partition by journal, date_run order by source_row) = 0,
            true
        ) as starts_entry
    from balances
),

runs as (
    select
        *,
        sum(case when starts_entry then 1 else 0 end) over (
            partition by journal order by source_row rows unbounded preceding
        ) as run_no
    from starts
),

run_heads as (
    select
        journal,
        run_no,
        arg_min(entry_no, source_row) as first_entry_no
    from runs
    group by journal, run_no
),

run_names as (
    select
        journal,
        run_no,
        journal || '-' || first_entry_no || '.'
        || row_number() over (partition by journal, first_entry_no order by run_no) as entry_key
    from run_heads
),

final as (
    select
        r.source_row,
        n.entry_key,
        true as is_fallback
    from runs as r
    inner join run_names as n using (journal, run_no)
    union all
    select
        r.source_row,
        r.journal || '-' || r.entry_no as entry_key,
        false as is_fallback
    from fec_rows as r
    anti join weak_journals as w on r.journal = w.journal
)

select * from final
