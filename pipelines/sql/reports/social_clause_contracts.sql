-- Contracts with a social clause overlapping a period.
-- Parameters: $date_from, $date_to, $entities (list or null).
with contracts as (
    select * from social_clause_contracts
),

final as (
    select
        entity,
        contract_id,
        supplier_siret,
        supplier_name,
        start_date,
        end_date,
        amount_eur,
        hours_required,
        hours_achieved
    from contracts
    where start_date <= $date_to
        and end_date >= $date_from
        and in_scope_entity($entities, entity)
)

select * from final
order by entity, contract_id
