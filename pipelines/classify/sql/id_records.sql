-- Records sharing a SIREN with a supplier (rules 2 and 3), or named by an override.
-- Parameter: $override_ids (list of record ids).
with supplier_sirens as (
    select distinct siren from dim_suppliers where siren is not null
),

final as (
    select * from stg_reference_records
    where siren in (select siren from supplier_sirens)
        or list_contains($override_ids, record_id)
)

select * from final
