-- Ledger lines with their derived keys; rename and derive only, no business rule.
with src as (
    select * from raw_ledger_lines
),

final as (
    select
        entity || '|' || invoice_id || '|' || cast(line_no as varchar) as line_uid,
        load_id,
        source_row,
        entity,
        invoice_id,
        line_no,
        invoice_date,
        posting_date,
        supplier_code,
        supplier_name,
        siret,
        substr(siret, 1, 9) as siren,
        post_code,
        department_of(post_code) as department,
        buyer,
        account,
        category,
        naf,
        amount_eur,
        currency,
        amount_orig,
        case
            when siret is not null then siret
            when supplier_code is not null then 'code:' || entity || ':' || supplier_code
            else 'name:' || regexp_replace(upper(strip_accents(coalesce(supplier_name, ''))), '[^A-Z0-9]+', ' ', 'g')
                || ':' || coalesce(post_code, '')
        end as supplier_key
    from src
)

select * from final
