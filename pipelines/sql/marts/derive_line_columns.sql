-- Fill the derived columns of the lines of one load ($load_id) or of all lines ($load_id null).
-- $period_date_mode: 'invoice' or 'posting'.
update raw_ledger_lines
set
    supplier_key = case
        when siret is not null then siret
        when supplier_code is not null then 'code:' || entity || ':' || supplier_code
        else 'name:'
            || trim(regexp_replace(upper(strip_accents(coalesce(supplier_name, ''))), '[^A-Z0-9]+', ' ', 'g'))
            || ':' || coalesce(post_code, '')
    end,
    department = department_of(post_code),
    period_date = case
        when $period_date_mode = 'posting' then coalesce(posting_date, invoice_date)
        else invoice_date
    end
where $load_id is null or load_id = $load_id
