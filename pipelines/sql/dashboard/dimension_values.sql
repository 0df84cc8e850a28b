-- Distinct entities and buyers visible in a scope. Parameters: $buyers, $entities.
with monthly as (
    select distinct entity, buyer
    from mart_spend_monthly
    where in_scope_buyer($buyers, buyer)
        and in_scope_entity($entities, entity)
),

final as (
    select distinct 'entity' as dimension, entity as value from monthly where entity is not null
    union all
    select distinct 'buyer' as dimension, buyer as value from monthly where buyer is not null
)

select * from final
order by dimension, value
