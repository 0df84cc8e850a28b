-- One supplier's candidate rows with their records, best probable first. Parameter: $key.
select
    m.rule,
    m.status,
    m.kind,
    m.record_id,
    m.source,
    m.score,
    m.valid_from,
    m.valid_to,
    m.explanation
from supplier_matches as m
where m.supplier_key = $key
order by
    case m.status when 'probable' then 1 when 'certain' then 2 else 3 end,
    m.precedence,
    m.score desc nulls last,
    m.record_id
