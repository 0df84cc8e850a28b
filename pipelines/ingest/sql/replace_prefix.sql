-- A yearly template replaces the previous one of the same entities and year.
-- Parameters: $load_id, $prefix.
delete from raw_ledger_lines
where load_id <> $load_id
    and starts_with(invoice_id, $prefix)
    and entity in (select distinct entity from raw_ledger_lines where load_id = $load_id)
