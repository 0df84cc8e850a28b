-- Lines quarantined for want of a rate in one of these currencies by the latest load of each
-- file: the files to load again now that the rates are there.
-- Parameters: $reason (the ingest's FX_MISSING_REASON), $currencies (list of codes).
with latest as (
    select file, max(load_id) as load_id
    from loads
    where status = 'loaded'
    group by file
),

final as (
    select
        q.file,
        count(*) as lines
    from quarantine as q
    inner join latest as l on l.load_id = q.load_id
    where q.reason = $reason and list_contains($currencies, q.value)
    group by q.file
)

select * from final
order by file
