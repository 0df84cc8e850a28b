-- Contracts awarded to an inclusive supplier (a reliable holder SIRET or SIREN matching an
-- insertion or handicap reference record valid at the notification date: the warehouse macro
-- decp_inclusive_holders), with the matched kind.
-- Parameters: $year (or null), $buyer_ids (list or null), $inclusive_families (list).
with final as (
    select
        c.contract_uid,
        c.contract_id,
        c.buyer_id,
        c.buyer_name,
        c.notification_date,
        c.amount_eur,
        c.object,
        m.holder_siret,
        m.kind,
        m.holder_name,
        m.rule
    from decp_contracts as c
    inner join decp_inclusive_holders($inclusive_families) as m using (contract_uid)
    where ($year is null or year(c.notification_date) = $year)
        and ($buyer_ids is null or list_contains($buyer_ids, c.buyer_id))
)

select * from final
order by notification_date, contract_uid
