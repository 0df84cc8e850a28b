-- Inclusive suppliers with the most certain, addressable spend over a period; with
-- $frozen_period, over the lines that period's closing froze (their classification then).
-- Parameters: $date_from, $date_to, $inclusive_families (list), $buyers, $entities (list or
-- null), $limit, $frozen_period (text or null).
with lines as (
    select supplier_key, supplier_name, siret, kind, family, amount_eur
    from fct_spend_lines
    where $frozen_period is null
        and period_date between $date_from and $date_to
        and is_addressable
        and status = 'certain'
        and list_contains($inclusive_families, family)
        and in_scope_buyer($buyers, buyer)
        and in_scope_entity($entities, entity)
    union all
    select supplier_key, supplier_name, siret, kind, family, amount_eur
    from closed_spend_lines
    where period = $frozen_period
        and period_date between $date_from and $date_to
        and is_addressable
        and status = 'certain'
        and list_contains($inclusive_families, family)
        and in_scope_buyer($buyers, buyer)
        and in_scope_entity($entities, entity)
),

final as (
    select
        supplier_key,
        arg_max(supplier_name, amount_eur) as supplier_name,
        any_value(siret) as siret,
        mode(kind) as kind,
        mode(family) as family,
        sum(amount_eur) as spend_eur,
        count(*) as count_lines
    from lines
    group by supplier_key
    having sum(amount_eur) > 0
)

select * from final
order by spend_eur desc, supplier_key
limit $limit
