-- Remove one contract before it is loaded again. Parameters: $entity, $contract_id.
delete from social_clause_contracts
where entity = $entity and contract_id = $contract_id
returning contract_id
