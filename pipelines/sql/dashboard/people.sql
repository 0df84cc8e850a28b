-- People known to the warehouse, restricted to a scope's buyers. Parameters: $buyers.
with people as (
    select person_id, name, manager_id, entity, role from dim_people
),

final as (
    select person_id, name, manager_id, entity, role
    from people
    where $buyers is null or list_contains($buyers, person_id)
)

select * from final
order by person_id
