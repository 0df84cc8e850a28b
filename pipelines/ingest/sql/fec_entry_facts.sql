-- What each FEC entry is (temp table fec_entry_facts): opening entry or not, and its supplier
-- (supplier_count: 0 none, 1 one, 2 several).
-- Opening entries (a-nouveaux) are never purchases: journal code in $opening_journals (upper
-- case), a journal label mentioning "nouveau", or any line on an equity account (fec_rows.is_equity).
-- Parameters: $opening_journals (list of upper-case journal codes).
create or replace temp table fec_entry_facts as
select
    e.entry_key,
    bool_or(
        list_contains($opening_journals, upper(r.journal))
        or upper(strip_accents(coalesce(r.journal_label, ''))) like '%NOUVEAU%'
        or r.is_equity
    ) as is_opening,
    -- one supplier when the smallest and largest codes are equal
    case
        when min(r.supplier_code) is null then 0
        when min(r.supplier_code) = max(r.supplier_code) then 1
        else 2
    end as supplier_count,
    min(r.supplier_code) as supplier_code,
    arg_min(r.supplier_name, r.source_row) filter (where r.supplier_code is not null)
        as supplier_name
from fec_rows as r
inner join fec_row_entries as e using (source_row)
group by e.entry_key
