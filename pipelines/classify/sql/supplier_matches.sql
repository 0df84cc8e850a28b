-- One supplier's stored candidate rows, every column of a Match. Parameter: $key.
select
    supplier_key,
    precedence,
    rule,
    status,
    kind,
    family,
    record_id,
    source,
    score,
    valid_from,
    valid_to,
    explanation
from supplier_matches
where supplier_key = $key
