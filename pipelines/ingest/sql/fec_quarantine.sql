-- Purchase lines of FEC entries that name several suppliers or none go to quarantine: the
-- supplier is not guessed (DOMAIN.md section 4). Opening entries are skipped, not quarantined.
-- Parameters: $load_id, $file, $spend_prefixes, $supplier_header.
insert into quarantine (load_id, file, row_no, column_name, value, reason)
select
    $load_id,
    $file,
    r.source_row,
    $supplier_header,
    f.supplier_codes,
    case
        when f.supplier_count = 0 then
            'écriture ' || e.entry_key
            || ' sans ligne fournisseur (401/404/408) : achat non attribué'
        else
            'écriture ' || e.entry_key || ' avec ' || f.supplier_count
            || ' fournisseurs : achat non attribué'
    end
from fec_rows as r
inner join fec_row_entries as e using (source_row)
inner join fec_entry_facts as f using (entry_key)
where list_contains($spend_prefixes, substr(r.account, 1, 2))
    and (r.amount is null or r.amount <> 0)
    and not f.is_opening
    and f.supplier_count <> 1
order by r.source_row
