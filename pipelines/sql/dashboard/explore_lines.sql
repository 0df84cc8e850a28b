-- One page of explorer lines, newest first (a top-N: no line beyond the page reaches Python).
-- Parameters: those of explore_drilled.sql plus $limit, $offset.
with drilled as (
    select * from ({{drilled}})
),

final as (
    select
        period_date,
        entity,
        invoice_id,
        line_no,
        supplier_name,
        siret,
        supplier_key,
        buyer,
        account,
        category,
        amount_eur,
        is_addressable,
        status,
        kind,
        family,
        rule
    from drilled
)

select * from final
order by period_date desc, entity, invoice_id, line_no
limit $limit offset $offset
