-- Public contracts notified on or after a date, at or above an amount, with no social
-- consideration listed and not reserved: candidates for the climate and resilience law
-- (art. 35) flag. The caller applies the threshold by nature (works or not).
-- Parameters: $notified_from, $min_amount.
with contracts as (
    select
        contract_uid,
        buyer_id,
        buyer_name,
        nature,
        object,
        cpv_code,
        notification_date,
        amount_eur,
        social_considerations,
        coalesce(is_reserved, false) as is_reserved
    from decp_contracts
    where notification_date >= $notified_from
        and amount_eur >= $min_amount
),

final as (
    select *
    from contracts
    where not is_reserved
)

select * from final
order by notification_date, contract_uid
