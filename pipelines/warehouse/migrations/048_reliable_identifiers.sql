-- Identifiers that are evidence on their own (DOMAIN.md section 3), in SQL, the same rule as
-- pipelines.identifiers.is_reliable_siret / is_reliable_siren: the check digit passes and the
-- number is no placeholder (one digit repeated, all zeros, 1234567890... or 9876543210...).
create or replace macro placeholder_digits(d) as (
    d is not null
    and regexp_full_match(d, '[0-9]+')
    and (
        length(replace(d, substr(d, 1, 1), '')) = 0
        or d = substr('12345678901234567890', 1, length(d))
        or d = substr('98765432109876543210', 1, length(d))
    )
);

create or replace macro reliable_siren(s) as (
    s is not null and length(s) = 9 and luhn_ok(s) and not placeholder_digits(s)
);

create or replace macro reliable_siret(s) as (
    s is not null
    and length(s) = 14
    and (
        luhn_ok(s)
        or (
            starts_with(s, '356000000')
            and list_sum(list_transform(range(1, 15), lambda i: cast(substr(s, i, 1) as integer)))
                % 5 = 0
        )
    )
    and not placeholder_digits(s)
    and not placeholder_digits(substr(s, 1, 9))
);

-- Public contracts whose holder is an inclusive supplier: a holder's SIRET, or its SIREN, that
-- is reliable and equal to a record of one of `families` valid at the notification date (a
-- placeholder such as 12345678901234 is no evidence). One row per contract, the best match:
-- SIRET before SIREN, handicap before insertion, then the oldest record.
create or replace macro decp_inclusive_holders(families) as table
with matches as (
    select
        c.contract_uid,
        h.siret as holder_siret,
        r.kind,
        r.name as holder_name,
        case when r.siret = h.siret then 'siret' else 'siren' end as rule,
        row_number() over (
            partition by c.contract_uid
            order by case when r.siret = h.siret then 1 else 2 end,
                case r.family when 'handicap' then 1 else 2 end, r.record_id
        ) as rn
    from decp_contracts as c
    inner join decp_holders as h using (contract_uid)
    inner join reference_records as r
        on list_contains(families, r.family)
        and (
            (reliable_siret(h.siret) and r.siret = h.siret)
            or (
                reliable_siren(coalesce(h.siren, substr(h.siret, 1, 9)))
                and r.siren = coalesce(h.siren, substr(h.siret, 1, 9))
            )
        )
        and c.notification_date >= coalesce(r.valid_from, date '0001-01-01')
        and c.notification_date <= coalesce(r.valid_to, date '9999-12-31')
)
select * exclude (rn) from matches where rn = 1;
