-- Records sharing a SIREN with a supplier (rules 2 and 3), or named by an override.
-- Parameter: $override_ids (list of record ids).
with supplier_sirens as (
    select distinct siren from dim_suppliers where siren is not null
),

final as (
    select
        r.record_id,
        r.source,
        r.kind,
        r.family,
        r.siret,
        r.siren,
        r.name,
        r.name_norm,
        r.brand,
        r.department,
        r.valid_from,
        r.valid_to,
        r.is_luhn_valid,
        r.is_active,
        l.file,
        l.loaded_at
    from reference_records as r
    inner join reference_loads as l on l.ref_load_id = r.ref_load_id
    where r.siren in (select siren from supplier_sirens)
        or list_contains($override_ids, r.record_id)
)

select * from final
