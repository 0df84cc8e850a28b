-- Spend lines of a FEC (temp tables fec_rows, fec_row_entries, fec_entry_facts).
-- Spend = debit - credit on purchase accounts (fec_rows.is_spend) of entries that are not opening
-- entries and have exactly one supplier; the supplier is that of the entry's 401/404/408 lines.
-- Payments, VAT, payroll (64), taxes (63) and other accounts are not spend (DOMAIN.md section 4);
-- fec_quarantine.sql takes the purchase lines of entries with several suppliers or none.
with spend_lines as (
    select
        r.*,
        e.entry_key
    from fec_rows as r
    inner join fec_row_entries as e using (source_row)
    where r.is_spend
        and (r.amount is null or r.amount <> 0)
),

final as (
    select
        l.source_row,
        cast(null as varchar) as entity,
        l.entry_key as invoice_id,
        cast(null as varchar) as line_no,
        l.ecrituredate as invoice_date,
        l.validdate as posting_date,
        f.supplier_code,
        f.supplier_name,
        cast(null as varchar) as siret,
        cast(null as varchar) as post_code,
        cast(null as varchar) as buyer,
        l.account,
        cast(null as varchar) as category,
        cast(null as varchar) as naf,
        case
            when l.amount is not null then cast(l.amount as varchar)
            else coalesce(l.amount_text, '?')
        end as amount_eur,
        'EUR' as currency,
        coalesce(l.entry_label, l.account_label) as description
    from spend_lines as l
    inner join fec_entry_facts as f using (entry_key)
    where not f.is_opening and f.supplier_count = 1
)

select * from final
