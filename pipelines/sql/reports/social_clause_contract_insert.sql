-- Insert one contract with a social clause (loaded by `asr contracts load`).
insert into social_clause_contracts (
    entity, contract_id, supplier_siret, supplier_name, start_date, end_date, amount_eur,
    hours_required, hours_achieved, source_file, source_row, loaded_by
)
values (
    $entity, $contract_id, $supplier_siret, $supplier_name, $start_date, $end_date, $amount_eur,
    $hours_required, $hours_achieved, $source_file, $source_row, $loaded_by
)
