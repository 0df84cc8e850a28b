-- DECP contracts that may carry a social consideration, with their first holder's SIRET: the
-- register keeps those pipelines.reports.decp.is_social_consideration accepts.
-- duration_months: the record's dureeMois (null: none given).
-- Parameters: $year (or null).
with contracts as (
    select
        contract_uid,
        buyer_id,
        buyer_name,
        object,
        cpv_code,
        notification_date,
        amount_eur,
        duration_months,
        social_considerations,
        coalesce(is_reserved, false) as is_reserved
    from decp_contracts
    where ($year is null or year(notification_date) = $year)
),

holders as (
    select contract_uid, min(siret) as siret
    from decp_holders
    where siret is not null
    group by contract_uid
),

final as (
    select
        c.contract_uid,
        c.buyer_id,
        c.buyer_name,
        c.object,
        c.cpv_code,
        c.notification_date,
        c.amount_eur,
        c.duration_months,
        c.social_considerations,
        c.is_reserved,
        h.siret
    from contracts as c
    left join holders as h on h.contract_uid = c.contract_uid
    where c.is_reserved or len(coalesce(c.social_considerations, [])) > 0
)

select * from final
order by contract_uid
