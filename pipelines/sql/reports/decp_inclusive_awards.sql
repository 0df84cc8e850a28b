-- Contracts awarded to an inclusive supplier (holder SIRET or SIREN matching an insertion or
-- handicap reference record valid at the notification date), with the matched kind.
-- Parameters: $year (or null), $buyer_ids (list or null), $inclusive_families (list).
with contracts as (
    select *
    from decp_contracts
    where ($year is null or year(notification_date) = $year)
        and ($buyer_ids is null or list_contains($buyer_ids, buyer_id))
),

matched as (
    select
        c.contract_uid,
        c.contract_id,
        c.buyer_id,
        c.buyer_name,
        c.notification_date,
        c.amount_eur,
        c.object,
        h.siret as holder_siret,
        r.kind,
        r.name as holder_name,
        case when r.siret = h.siret then 'siret' else 'siren' end as rule,
        row_number() over (
            partition by c.contract_uid
            order by case when r.siret = h.siret then 1 else 2 end,
                case r.family when 'handicap' then 1 else 2 end, r.record_id
        ) as rn
    from contracts as c
    inner join decp_holders as h using (contract_uid)
    inner join reference_records as r
        on list_contains($inclusive_families, r.family)
        and (
            (h.siret is not null and r.siret = h.siret)
            or (coalesce(h.siren, substr(h.siret, 1, 9)) is not null
                and r.siren = coalesce(h.siren, substr(h.siret, 1, 9)))
        )
        and c.notification_date >= coalesce(r.valid_from, date '0001-01-01')
        and c.notification_date <= coalesce(r.valid_to, date '9999-12-31')
),

final as (
    select * exclude (rn) from matched where rn = 1
)

select * from final
order by notification_date, contract_uid
