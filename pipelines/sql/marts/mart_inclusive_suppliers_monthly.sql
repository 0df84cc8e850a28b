-- Spend per month, entity, buyer and classified supplier (certain or probable matches only).
-- Feeds the overview's supplier counts, top suppliers and concentration without a line scan.
with lines as (
    select * from fct_spend_lines
    where status in ('certain', 'probable')
),

final as (
    select
        period_month,
        entity,
        buyer,
        supplier_key,
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
