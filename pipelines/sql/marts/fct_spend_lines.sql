-- Every ledger line with its period date, addressability and the classification valid at that
-- date (the supplier match with the lowest precedence, then the primary family, then the most
-- recent record). Parameter: $period_date_mode ('invoice' or 'posting').
with lines as (
    select
        *,
        case
            when $period_date_mode = 'posting' then coalesce(posting_date, invoice_date)
            else invoice_date
        end as period_date
    from stg_ledger_lines
),

matches as (
    select * from supplier_matches
),

candidates as (
    select
        l.line_uid,
        m.kind,
        m.family,
        m.status,
        m.rule,
        m.record_id,
        m.score,
        row_number() over (
            partition by l.line_uid
            order by
                m.precedence,
                case m.status when 'certain' then 1 when 'probable' then 2 else 3 end,
                case m.family when 'handicap' then 1 when 'insertion' then 2 when 'ess' then 3 else 4 end,
                m.valid_from desc nulls last,
                m.record_id
        ) as rn
    from lines as l
    inner join matches as m
        on m.supplier_key = l.supplier_key
        and l.period_date >= coalesce(m.valid_from, date '0001-01-01')
        and l.period_date <= coalesce(m.valid_to, date '9999-12-31')
),

best as (
    select * exclude (rn) from candidates where rn = 1
),

excluded_accounts as (
    select value from exclusions where exclusion_type = 'account_prefix'
),

excluded_suppliers as (
    select value from exclusions where exclusion_type = 'supplier'
),

excluded_categories as (
    select value from exclusions where exclusion_type = 'category'
),

final as (
    select
        l.line_uid,
        l.load_id,
        l.entity,
        l.invoice_id,
        l.line_no,
        l.invoice_date,
        l.posting_date,
        l.period_date,
        year(l.period_date) as period_year,
        date_trunc('month', l.period_date)::date as period_month,
        l.supplier_key,
        l.supplier_code,
        l.supplier_name,
        l.siret,
        l.post_code,
        l.department,
        l.buyer,
        l.account,
        l.category,
        l.naf,
        l.amount_eur,
        l.currency,
        not (
            exists (select 1 from excluded_accounts as e where starts_with(coalesce(l.account, ''), e.value))
            or exists (
                select 1 from excluded_suppliers as e
                where e.value = l.supplier_key or e.value = l.siret or e.value = l.supplier_code
            )
            or exists (select 1 from excluded_categories as e where e.value = l.category)
        ) as is_addressable,
        case when b.status in ('certain', 'probable') then b.kind end as kind,
        case when b.status in ('certain', 'probable') then b.family end as family,
        coalesce(b.status, 'none') as status,
        b.rule,
        b.record_id,
        b.score
    from lines as l
    left join best as b using (line_uid)
)

select * from final
