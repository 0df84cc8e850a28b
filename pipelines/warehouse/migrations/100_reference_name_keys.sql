-- Directory records without SIRET or SIREN were keyed by name and kind alone, so two structures
-- of one name in two towns collapsed into one at load. Their key now carries where they are
-- (pipelines/reference/records.py, make_record): existing records are re-keyed alike, so the
-- next snapshot of their source continues them (same record id) instead of closing them.
update reference_records
set source_key = coalesce(name_norm, '') || '|' || coalesce(post_code, department, '') || '|' || kind
where siret is null
    and siren is null
    and source_key = coalesce(name_norm, '') || '|' || kind;
