-- Active named records in a department where at least one supplier is (rule 4 blocks).
with supplier_departments as (
    select distinct department from dim_suppliers where department is not null
),

final as (
    select * from stg_reference_records
    where is_active
        and name_norm is not null
        and department in (select department from supplier_departments)
)

select * from final
