-- Directory records with the file and date of their load; rename and join only. Column order is
-- the one of pipelines.classify.rules.Record.
with records as (
    select * from reference_records
),

loads as (
    select ref_load_id, file, loaded_at from reference_loads
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
    from records as r
    inner join loads as l on l.ref_load_id = r.ref_load_id
)

select * from final
