-- Every row of a FEC, typed once (view fec_source: source_row + the FEC columns as text).
-- amount = debit - credit (or Montant signed by Sens), null when unreadable; supplier_code is the
-- auxiliary account (or the general account) of a 401/404/408 line, null on other lines.
-- is_spend: a purchase account ($spend_prefixes, two digits, less $not_spend_prefixes);
-- is_equity: an equity account that marks an opening entry ($equity_prefixes less
-- $not_equity_prefixes).
-- Parameters: $fec_decimal_comma, $spend_prefixes, $not_spend_prefixes, $equity_prefixes,
-- $not_equity_prefixes.
create or replace temp table fec_rows as
with texts as (
    select
        source_row,
        coalesce(ingest_text(journalcode), '') as journal,
        ingest_text(journallib) as journal_label,
        coalesce(ingest_text(ecriturenum), '') as entry_no,
        ecrituredate,
        ingest_date(ecrituredate) as entry_date,
        validdate,
        coalesce(ingest_text(comptenum), '') as account,
        ingest_text(comptelib) as account_label,
        ingest_text(compauxnum) as aux_code,
        ingest_text(compauxlib) as aux_label,
        ingest_text(ecriturelib) as entry_label,
        ingest_text(debit) as debit,
        ingest_text(credit) as credit,
        ingest_text(montant) as montant,
        upper(ingest_text(sens)) as sens
    from fec_source
),

amounts as (
    select
        *,
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
        end as montant_eur,
        -- a source amount with more than two decimals, rounded half-up to the cent: counted
        coalesce(
            case
                when $fec_decimal_comma then
                    ingest_amount_comma_rounded(debit) or ingest_amount_comma_rounded(credit)
                    or ingest_amount_comma_rounded(montant)
                else
                    ingest_amount_point_rounded(debit) or ingest_amount_point_rounded(credit)
                    or ingest_amount_point_rounded(montant)
            end,
            false
        ) as is_rounded
    from texts
),

final as (
    select
        source_row,
        journal,
        journal_label,
        entry_no,
        ecrituredate,
        entry_date,
        validdate,
        account,
        account_label,
        aux_label,
        entry_label,
        is_rounded,
        case
            when montant is not null or sens is not null then
                montant_eur * case
                    when sens in ('D', '+1', '1', 'DEBIT') then 1
                    when sens in ('C', '-1', 'CREDIT') then -1
                end
            when debit is not null and debit_eur is null then null
            when credit is not null and credit_eur is null then null
            else coalesce(debit_eur, 0) - coalesce(credit_eur, 0)
        end as amount,
        case
            when montant is not null or sens is not null then
                coalesce(montant, '') || ' ' || coalesce(sens, '')
            when debit is not null and debit_eur is null then debit
            else credit
        end as amount_text,
        list_contains($spend_prefixes, substr(account, 1, 2))
        and not list_contains($not_spend_prefixes, substr(account, 1, 3)) as is_spend,
        list_contains($equity_prefixes, substr(account, 1, 2))
        and not list_contains($not_equity_prefixes, substr(account, 1, 3)) as is_equity,
        case
            when account like '401%' or account like '404%' or account like '408%'
                then coalesce(aux_code, account)
        end as supplier_code,
        case
            when account like '401%' or account like '404%' or account like '408%'
                then coalesce(aux_label, aux_code, account_label, account)
        end as supplier_name
    from amounts
)

select * from final
