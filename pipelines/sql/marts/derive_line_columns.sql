-- Fill the derived columns of the lines of one load ($load_id) or of all lines ($load_id null).
-- $period_date_mode: 'invoice' or 'posting'. A new load's lines get the same values from its
-- insert pass (insert_lines.sql); the rules are the macros of migration 052.
update raw_ledger_lines
set
    supplier_key = supplier_key_of(siret, supplier_code, entity, supplier_name, post_code),
    department = department_of(post_code),
    period_date = period_date_of(invoice_date, posting_date, $period_date_mode)
where $load_id is null or load_id = $load_id
