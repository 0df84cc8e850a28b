-- Staged records of one file, each with the record it continues (same source and source_key).
-- A record closed by an earlier snapshot that reappears gets a new id from the snapshot date.
-- Parameters: $ref_load_id, $as_of, $default_source.
with stage as (
    select
        *,
        coalesce(source, $default_source) as record_source
    from ref_stage
    qualify row_number() over (
        partition by coalesce(source, $default_source), source_key order by stage_row
    ) = 1
),

latest as (
    select source, source_key, record_id, closed_on
    from reference_records
    qualify row_number() over (partition by source, source_key order by record_id desc) = 1
),

final as (
    select
        s.stage_row,
        case when l.closed_on is null then l.record_id end as keep_id,
        s.source_key,
        s.kind,
        s.family,
        s.siret,
        s.siren,
        s.name,
        s.name_norm,
        s.brand,
        s.naf,
        s.post_code,
        s.department,
        case
            when l.closed_on is not null then coalesce(s.valid_from, $as_of)
            else s.valid_from
        end as valid_from,
        s.valid_to,
        s.is_luhn_valid,
        s.is_active,
        s.record_source,
        $ref_load_id as ref_load_id
    from stage as s
    left join latest as l
        on l.source = s.record_source and l.source_key = s.source_key
)

select * from final
