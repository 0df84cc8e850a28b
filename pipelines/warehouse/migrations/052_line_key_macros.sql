-- One home for the derived keys of a ledger line, used both by the insert pass of a load
-- (insert_lines.sql fills them as it writes the lines) and by the full re-derivation of every
-- line (marts/derive_line_columns.sql, after a change of definitions or of ASR_PERIOD_DATE).
create or replace macro supplier_key_of(siret, supplier_code, entity, supplier_name, post_code) as (
    case
        when siret is not null then siret
        when supplier_code is not null then 'code:' || entity || ':' || supplier_code
        else 'name:'
            || trim(regexp_replace(upper(strip_accents(coalesce(supplier_name, ''))), '[^A-Z0-9]+', ' ', 'g'))
            || ':' || coalesce(post_code, '')
    end
);

-- $mode: 'invoice' or 'posting' (ASR_PERIOD_DATE).
create or replace macro period_date_of(invoice_date, posting_date, mode) as (
    case when mode = 'posting' then coalesce(posting_date, invoice_date) else invoice_date end
);
