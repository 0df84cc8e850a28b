-- One row per supplier key: the name, identifiers and location most used, and its spend.
with lines as (
    select * from stg_ledger_lines
),

ranked as (
    select
        supplier_key,
        supplier_name,
        siret,
        post_code,
        naf,
        count(*) as n
    from lines
    group by all
),

best as (
    select
        supplier_key,
        arg_max(supplier_name, n) as supplier_name,
        arg_max(siret, n) as siret,
        arg_max(post_code, n) as post_code,
        arg_max(naf, n) as naf
    from ranked
    group by supplier_key
),

totals as (
    select
        supplier_key,
        sum(amount_eur) as spend_eur,
        count(*) as count_lines,
        min(invoice_date) as first_invoice_date,
        max(invoice_date) as last_invoice_date,
        list(distinct entity order by entity) as entities,
        list(distinct supplier_code order by supplier_code) filter (where supplier_code is not null) as supplier_codes
    from lines
    group by supplier_key
),

final as (
    select
        b.supplier_key,
        b.supplier_name,
        b.siret,
        substr(b.siret, 1, 9) as siren,
        b.post_code,
        department_of(b.post_code) as department,
        b.naf,
        t.spend_eur,
        t.count_lines,
        t.first_invoice_date,
        t.last_invoice_date,
        t.entities,
        t.supplier_codes
    from best as b
    inner join totals as t using (supplier_key)
)

select * from final
