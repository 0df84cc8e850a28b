-- Pre-aggregated spend per month for the overview pages.
with lines as (
    select * from fct_spend_lines
),

final as (
    select
        period_month,
        period_year,
        entity,
        buyer,
        family,
        kind,
        status,
        is_addressable,
        sum(amount_eur) as spend_eur,
        count(*) as count_lines
    from lines
    group by all
)

select * from final
