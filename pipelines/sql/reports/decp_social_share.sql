-- Public contracts per buyer and notification year: how many carry a social consideration,
-- how many are reserved, how many went to an inclusive supplier (a holder's SIRET, or SIREN,
-- matching an insertion or handicap reference record valid at the notification date: the
-- warehouse macro decp_inclusive_holders).
-- Parameters: $year (or null), $buyer_ids (list or null), $social_pattern, $reserved_pattern,
-- $negation_pattern (regular expressions on folded labels), $inclusive_families (list).
with contracts as (
    select
        contract_uid,
        buyer_id,
        buyer_name,
        year(notification_date) as year,
        notification_date,
        coalesce(amount_eur, 0) as amount_eur,
        coalesce(is_reserved, false) as is_reserved_flag,
        list_transform(
            coalesce(social_considerations, []),
            lambda x: trim(regexp_replace(lower(strip_accents(coalesce(x, ''))), '[^a-z0-9]+', ' ', 'g'))
        ) as labels
    from decp_contracts
    where ($year is null or year(notification_date) = $year)
        and ($buyer_ids is null or list_contains($buyer_ids, buyer_id))
),

flagged as (
    select
        *,
        len(list_filter(labels, lambda x: regexp_matches(x, $social_pattern)
            and not regexp_matches(x, $negation_pattern))) > 0 as is_social,
        is_reserved_flag or len(list_filter(labels, lambda x: regexp_matches(x, $reserved_pattern)
            and not regexp_matches(x, $negation_pattern))) > 0 as is_reserved
    from contracts
),

inclusive_contracts as (
    select contract_uid
    from decp_inclusive_holders($inclusive_families)
),

final as (
    select
        c.buyer_id,
        any_value(c.buyer_name) as buyer_name,
        c.year,
        count(*) as count_contracts,
        count(*) filter (where c.is_social) as count_social,
        sum(c.amount_eur)::decimal(18, 2) as amount_eur,
        coalesce(sum(c.amount_eur) filter (where c.is_social), 0)::decimal(18, 2) as amount_social_eur,
        count(*) filter (where c.is_reserved) as count_reserved,
        count(*) filter (where i.contract_uid is not null) as count_inclusive_holder,
        coalesce(sum(c.amount_eur) filter (where i.contract_uid is not null), 0)::decimal(18, 2)
            as amount_inclusive_holder_eur
    from flagged as c
    left join inclusive_contracts as i using (contract_uid)
    group by c.buyer_id, c.year
)

select * from final
order by year, buyer_id
