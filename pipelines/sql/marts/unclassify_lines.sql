-- Clear the classification of the lines of one load ($load_id) or of all classified lines.
update raw_ledger_lines
set kind = null, family = null, status = null, match_rule = null, record_id = null, score = null
where ($load_id is null and status is not null) or load_id = $load_id
