-- Every active directory record with its load (the evaluation matches against all of them).
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
where r.is_active
