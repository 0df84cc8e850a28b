-- Stamp each line with the supplier period valid at its date; $load_id null = every line.
update raw_ledger_lines as l
set
    kind = p.kind,
    family = p.family,
    status = p.status,
    match_rule = p.rule,
    record_id = p.record_id,
    score = p.score
from supplier_periods as p
where ($load_id is null or l.load_id = $load_id)
    and p.supplier_key = l.supplier_key
    and l.period_date between p.valid_from and p.valid_to
