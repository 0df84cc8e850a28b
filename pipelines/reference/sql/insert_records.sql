-- Publish the staged records: continued records keep their id, new ones take the next id.
insert into reference_records (
    record_id, ref_load_id, source, source_key, kind, family, siret, siren, name, name_norm,
    brand, naf, post_code, department, valid_from, valid_to, is_luhn_valid, is_active, closed_on
)
select
    coalesce(keep_id, nextval('record_id_seq')) as record_id,
    ref_load_id,
    record_source,
    source_key,
    kind,
    family,
    siret,
    siren,
    name,
    name_norm,
    brand,
    naf,
    post_code,
    department,
    valid_from,
    valid_to,
    is_luhn_valid,
    is_active,
    null as closed_on
from ref_stage_ids
order by stage_row
