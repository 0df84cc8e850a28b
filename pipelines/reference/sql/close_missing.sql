-- A newer snapshot closes, at its date, the open records of the same source it no longer lists.
-- Records the source dated itself (valid_to given) keep their dates. Parameters: $ref_load_id, $as_of.
update reference_records
set valid_to = $as_of, closed_on = $as_of
where source in (select distinct record_source from ref_stage_ids)
    and ref_load_id <> $ref_load_id
    and valid_to is null
    and closed_on is null
    and ref_load_id in (
        select ref_load_id from reference_loads where as_of <= $as_of
    )
