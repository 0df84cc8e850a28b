-- Purchase lines of FEC entries that name several suppliers or none go to quarantine: the
-- supplier is not guessed (DOMAIN.md section 4). Opening entries are skipped, not quarantined.
-- Parameters: $load_id, $file, $supplier_header.
insert into quarantine (load_id, file, row_no, column_name, value, reason)
with unattributed as (
    select entry_key, supplier_count
    from fec_entry_facts
    where not is_opening and supplier_count <> 1
),

codes as (
    select
        e.entry_key,
        string_agg(distinct r.supplier_code, ', ' order by r.supplier_code) as supplier_codes,
        count(distinct r.supplier_code) as suppliers
    from fec_rows as r
    inner join fec_row_entries as e using (source_row)
    semi join unattributed as u on e.entry_key = u.entry_key
    group by e.entry_key
)

select
    $load_id,
    $file,
    r.source_row,
    $supplier_header,
    c.supplier_codes,
    case
        when u.supplier_count = 0 then
            'écriture ' || e.entry_key
            || ' sans ligne fournisseur (401/404/408) : achat non attribué'
        else
            'écriture ' || e.entry_key || ' avec ' || c.suppliers
            || ' fournisseurs : achat non attribué'
    end
from fec_rows as r
inner join fec_row_entries as e using (source_row)
inner join unattributed as u using (entry_key)
inner join codes as c using (entry_key)
where r.is_spend
    and (r.amount is null or r.amount <> 0)
order by r.source_row
