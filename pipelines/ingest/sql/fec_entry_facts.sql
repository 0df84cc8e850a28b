-- What each FEC entry is (temp table fec_entry_facts): opening entry or not, and its suppliers.
-- Opening entries (a-nouveaux) are never purchases: journal code in $opening_journals (upper
-- case), a journal label mentioning "nouveau", or any line on equity accounts 10-12.
-- Parameters: $opening_journals (list of upper-case journal codes).
create or replace temp table fec_entry_facts as
select
    e.entry_key,
    bool_or(
        list_contains($opening_journals, upper(r.journal))
        or upper(strip_accents(coalesce(r.journal_label, ''))) like '%NOUVEAU%'
        or r.account like '10%' or r.account like '11%' or r.account like '12%'
    ) as is_opening,
    count(distinct r.supplier_code) as supplier_count,
    min(r.supplier_code) as supplier_code,
    arg_min(r.supplier_name, r.source_row) filter (where r.supplier_code is not null)
        as supplier_name,
    string_agg(distinct r.supplier_code, ', ' order by r.supplier_code) as supplier_codes
from fec_rows as r
inner join fec_row_entries as e using (source_row)
group by e.entry_key
