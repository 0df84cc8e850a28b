-- Spend with EA, EATT, ESAT and TIH suppliers (certain matches, addressable lines) per kind,
-- purchase category and SIRET: the base of the OETH deduction.
-- Parameters: $date_from, $date_to, $kinds (list), $buyers, $entities (list or null).
with lines as (
    select kind, category, siret, amount_eur
    from fct_spend_lines
    where period_date between $date_from and $date_to
        and is_addressable
        and status = 'certain'
        and list_contains($kinds, kind)
        and in_scope_buyer($buyers, buyer)
        and in_scope_entity($entities, entity)
),

final as (
    select
        kind,
        category,
        siret,
        sum(amount_eur) as spend_eur
    from lines
    group by kind, category, siret
)

select * from final
order by kind, category nulls last, siret nulls last
