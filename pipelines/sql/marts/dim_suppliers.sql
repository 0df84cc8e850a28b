-- One row per supplier key: its latest name, identifiers and location, and its spend.
with lines as (
    select * from stg_ledger_lines
),

final as (
    select
        supplier_key,
        arg_max(supplier_name, invoice_date) as supplier_name,
        arg_max(siret, invoice_date) as siret,
        substr(arg_max(siret, invoice_date), 1, 9) as siren,
        arg_max(post_code, invoice_date) as post_code,
        department_of(arg_max(post_code, invoice_date)) as department,
        arg_max(naf, invoice_date) as naf,
        sum(amount_eur) as spend_eur,
        -- what the review queue needs, without scanning the lines at every look
        sum(amount_eur) filter (where status = 'probable') as probable_spend_eur,
        sum(amount_eur) filter (where status is null) as unmatched_spend_eur,
        -- the part a review decision would move: excluded spend moves no figure
        coalesce(sum(amount_eur) filter (
            where status = 'probable' and coalesce(is_addressable, true)
        ), 0) as addressable_probable_eur,
        coalesce(sum(amount_eur) filter (
            where status is null and coalesce(is_addressable, true)
        ), 0) as addressable_unmatched_eur,
        count(*) as count_lines,
        min(invoice_date) as first_invoice_date,
        max(invoice_date) as last_invoice_date,
        list(distinct entity order by entity) as entities,
        list(distinct supplier_code order by supplier_code)
            filter (where supplier_code is not null) as supplier_codes
    from lines
    group by supplier_key
)

select * from final
