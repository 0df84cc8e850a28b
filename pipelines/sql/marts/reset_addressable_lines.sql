-- Every line of one load ($load_id), or every line, back to addressable before exclusions apply.
update raw_ledger_lines
set is_addressable = true
where ($load_id is null or load_id = $load_id) and is_addressable is distinct from true
