-- A FEC is the entity's whole fiscal year: it replaces every line of that entity in that period.
-- Parameters: $load_id, $entity, $date_from, $date_to.
delete from raw_ledger_lines
where load_id <> $load_id
    and entity = $entity
    and invoice_date between $date_from and $date_to
