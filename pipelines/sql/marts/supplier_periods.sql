-- Cut each supplier's timeline at every validity bound of its matches and keep, on each piece,
-- the match with the lowest precedence (then the primary family handicap > insertion > ess, then
-- certain before probable, then the most recent record). Family before certainty: within one
-- rule only SIREN matches mix certain (ESUS/ESS) and probable rows, and an ESS flag must not hide
-- a probable EA/ESAT/SIAE record. Pieces are disjoint, so a line finds at most one.
with matches as (
    select
        *,
        coalesce(valid_from, date '0001-01-01') as from_date,
        coalesce(valid_to, date '9999-12-31') as to_date
    from supplier_matches
),

bounds as (
    select supplier_key, from_date as bound from matches
    union
    select supplier_key, to_date + 1 as bound from matches where to_date < date '9999-12-31'
),

pieces as (
    select
        supplier_key,
        bound as piece_from,
        coalesce(
            lead(bound) over (partition by supplier_key order by bound) - 1,
            date '9999-12-31'
        ) as piece_to
    from bounds
),

candidates as (
    select
        p.supplier_key,
        p.piece_from,
        p.piece_to,
        m.kind,
        m.family,
        m.status,
        m.rule,
        m.record_id,
        m.score,
        row_number() over (
            partition by p.supplier_key, p.piece_from
            order by
                m.precedence,
                case m.family when 'handicap' then 1 when 'insertion' then 2 when 'ess' then 3 else 4 end,
                case m.status when 'certain' then 1 when 'probable' then 2 else 3 end,
                m.valid_from desc nulls last,
                m.record_id
        ) as rn
    from pieces as p
    inner join matches as m
        on m.supplier_key = p.supplier_key
        and m.from_date <= p.piece_from
        and m.to_date >= p.piece_to
),

final as (
    select
        supplier_key,
        piece_from as valid_from,
        piece_to as valid_to,
        case when status in ('certain', 'probable') then kind end as kind,
        case when status in ('certain', 'probable') then family end as family,
        status,
        rule,
        record_id,
        score
    from candidates
    where rn = 1
)

select * from final
