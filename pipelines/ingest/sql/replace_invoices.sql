-- A newer extract replaces the invoices it contains (DOMAIN.md section 5). Parameter: $load_id.
delete from raw_ledger_lines as old
where old.load_id <> $load_id
    and exists (
        select 1
        from raw_ledger_lines as new
        where new.load_id = $load_id
            and new.entity = old.entity
            and new.invoice_id = old.invoice_id
    )
