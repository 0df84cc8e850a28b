-- Insertion-family spend (certain matches, addressable lines) per purchase category and SIRET,
-- minus lines of a supplier whose contract with a social clause covers the line's date (their
-- hours are declared, not estimated).
-- Parameters: $date_from, $date_to, $buyers, $entities (list or null).
with contracts as (
    select supplier_siret, start_date, end_date
    from social_clause_contracts
    where supplier_siret is not null
),

lines as (
    select f.category, f.siret, f.amount_eur
    from fct_spend_lines as f
    where f.period_date between $date_from and $date_to
        and f.is_addressable
        and f.status = 'certain'
        and f.family = 'insertion'
        and in_scope_buyer($buyers, f.buyer)
        and in_scope_entity($entities, f.entity)
        and not exists (
            select 1 from contracts as c
            where c.supplier_siret = f.siret
                and f.period_date between c.start_date and c.end_date
        )
),

final as (
    select
        category,
        siret,
        sum(amount_eur) as spend_eur
    from lines
    group by category, siret
)

select * from final
order by category nulls last, siret nulls last
