-- People known to the warehouse, restricted to a scope's buyers. Parameters: $buyers.
with people as (
    select person_id, name, manager_id, entity, role from dim_people
),

final as (
    select person_id, name, manager_id, entity, role
    from people
    where in_scope_buyer($buyers, person_id)
)

select * from final
order by person_id
