-- Every explorer line the filters and drill-down keep, for a download: the columns of the
-- on-screen lines table, in its order (pipelines.queries.explorer.LINE_COLUMNS), newest first.
-- No limit: the caller streams the result in record batches.
-- Parameters: those of explore_drilled.sql.
with drilled as (
    select * from ({{drilled}})
),

final as (
    select
        period_date,
        entity,
        supplier_name,
        amount_eur,
        kind,
        status,
        invoice_id,
        case
            when buyer_name is null then buyer
            else buyer_name || ' (' || buyer || ')'
        end as buyer_label,
        category,
        account,
        siret,
        line_no
    from drilled
)

select
    period_date,
    entity,
    supplier_name,
    amount_eur,
    kind,
    status,
    invoice_id,
    buyer_label,
    category,
    account,
    siret
from final
order by period_date desc, entity, invoice_id, line_no
