-- Spend lines of a FEC (view fec_source: source_row + the FEC columns as text).
-- Spend = debit - credit (or Montant signed by Sens) on purchase accounts; the supplier is the
-- auxiliary account of the 401/404/408 line of the same entry (JournalCode + EcritureNum).
-- Payments, VAT, payroll (64), taxes (63) and other accounts are not spend (DOMAIN.md section 4).
-- Parameters: $fec_decimal_comma, $spend_prefixes (list of account prefixes).
with entries as (
    select
        source_row,
        trim(journalcode) as journalcode,
        trim(ecriturenum) as ecriturenum,
        ecrituredate,
        validdate,
        trim(comptenum) as comptenum,
        ingest_text(comptelib) as comptelib,
        ingest_text(compauxnum) as compauxnum,
        ingest_text(compauxlib) as compauxlib,
        ingest_text(ecriturelib) as ecriturelib,
        ingest_text(debit) as debit,
        ingest_text(credit) as credit,
        ingest_text(montant) as montant,
        upper(ingest_text(sens)) as sens,
        case
            when $fec_decimal_comma then ingest_amount_comma(debit)
            else ingest_amount_point(debit)
        end as debit_eur,
        case
            when $fec_decimal_comma then ingest_amount_comma(credit)
            else ingest_amount_point(credit)
        end as credit_eur,
        case
            when $fec_decimal_comma then ingest_amount_comma(montant)
            else ingest_amount_point(montant)
        end as montant_eur
    from fec_source
),

signed as (
    select
        *,
        case
            when montant is not null or sens is not null then
                montant_eur * case
                    when sens in ('D', '+1', '1', 'DEBIT') then 1
                    when sens in ('C', '-1', 'CREDIT') then -1
                end
            when debit is not null and debit_eur is null then null
            when credit is not null and credit_eur is null then null
            else coalesce(debit_eur, 0) - coalesce(credit_eur, 0)
        end as spend_eur,
        case
            when montant is not null or sens is not null then coalesce(montant, '') || ' ' || coalesce(sens, '')
            when debit is not null and debit_eur is null then debit
            else credit
        end as amount_text
    from entries
),

suppliers as (
    select
        journalcode,
        ecriturenum,
        arg_min(coalesce(compauxnum, comptenum), source_row) as supplier_code,
        arg_min(coalesce(compauxlib, comptelib), source_row) as supplier_name
    from entries
    where comptenum like '401%' or comptenum like '404%' or comptenum like '408%'
    group by journalcode, ecriturenum
),

spend_lines as (
    select *
    from signed
    where list_contains($spend_prefixes, substr(comptenum, 1, 2))
        and (spend_eur is null or spend_eur <> 0)
),

final as (
    select
        l.source_row,
        cast(null as varchar) as entity,
        l.journalcode || '-' || l.ecriturenum as invoice_id,
        cast(null as varchar) as line_no,
        l.ecrituredate as invoice_date,
        l.validdate as posting_date,
        s.supplier_code,
        s.supplier_name,
        cast(null as varchar) as siret,
        cast(null as varchar) as post_code,
        cast(null as varchar) as buyer,
        l.comptenum as account,
        cast(null as varchar) as category,
        cast(null as varchar) as naf,
        case
            when l.spend_eur is not null then cast(l.spend_eur as varchar)
            else coalesce(l.amount_text, '?')
        end as amount_eur,
        'EUR' as currency,
        coalesce(l.ecriturelib, l.comptelib) as description
    from spend_lines as l
    left join suppliers as s using (journalcode, ecriturenum)
)

select * from final
