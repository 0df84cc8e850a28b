-- What a FEC held, for its load report: rows, entries, fallback entries, opening entries and the
-- purchase amount they carried, purchase lines quarantined for their supplier.
with per_entry as (
    select
        e.entry_key,
        bool_or(e.is_fallback) as is_fallback,
        any_value(f.is_opening) as is_opening,
        sum(r.amount) filter (where r.is_spend)
            as purchase_eur,
        count(*) filter (
            where r.is_spend
                and (r.amount is null or r.amount <> 0)
        ) as purchase_lines
    from fec_rows as r
    inner join fec_row_entries as e using (source_row)
    inner join fec_entry_facts as f using (entry_key)
    group by e.entry_key
)

select
    (select count(*) from fec_rows) as rows_read,
    count(*) as entries,
    count(*) filter (where is_fallback) as fallback_entries,
    count(*) filter (where is_opening) as opening_entries,
    coalesce(sum(purchase_lines) filter (where is_opening), 0) as opening_purchase_lines,
    coalesce(sum(purchase_eur) filter (where is_opening), 0) as opening_purchase_eur
from per_entry
