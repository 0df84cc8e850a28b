-- Ledger lines with their keys; rename and derive only, no business rule.
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
        period_date,
        supplier_key,
        supplier_code,
        supplier_name,
        siret,
        substr(siret, 1, 9) as siren,
        post_code,
        department,
        buyer,
        account,
        category,
        naf,
        amount_eur,
        currency,
        amount_orig,
        description,
        is_addressable,
        kind,
        family,
        status,
        match_rule,
        record_id,
        score
    from src
)

select * from final
