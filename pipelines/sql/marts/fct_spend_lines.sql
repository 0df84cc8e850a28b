-- Every ledger line with its period, addressability and the classification valid at its date.
-- A view: the per-line columns are maintained on the line table by refresh_marts.
with lines as (
    select * from stg_ledger_lines
),

final as (
    select
        line_uid,
        load_id,
        entity,
        invoice_id,
        line_no,
        invoice_date,
        posting_date,
        period_date,
        year(period_date) as period_year,
        date_trunc('month', period_date)::date as period_month,
        supplier_key,
        supplier_code,
        supplier_name,
        siret,
        post_code,
        department,
        buyer,
        account,
        category,
        naf,
        amount_eur,
        currency,
        coalesce(is_addressable, true) as is_addressable,
        kind,
        family,
        coalesce(status, 'none') as status,
        match_rule as rule,
        record_id,
        score
    from lines
)

select * from final
