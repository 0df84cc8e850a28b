-- Contracts with a social clause overlapping a period, each with where its declared hours come
-- from (pipelines/clauses/declared.py): the workspace's declarations for a contract that has
-- any ($declared), else the contracts file's hours_achieved; never both.
-- Parameters: $date_from, $date_to, $entities (list or null); $file_contracts (boolean: the
-- contracts file's contracts count in this scope, not in a buyer's); $declared: a list of structs
-- (entity, contract_id, supplier_siret, supplier_name, start_date, end_date, amount_eur,
-- hours_required), one per workspace contract with declarations.
with declared as (
    select unnest(
        $declared::struct(
            entity varchar,
            contract_id varchar,
            supplier_siret varchar,
            supplier_name varchar,
            start_date date,
            end_date date,
            amount_eur decimal(18, 2),
            hours_required decimal(12, 2)
        )[],
        recursive := true
    )
),

file_contracts as (
    select
        f.entity,
        f.contract_id,
        f.supplier_siret,
        f.supplier_name,
        f.start_date,
        f.end_date,
        f.amount_eur,
        f.hours_required,
        f.hours_achieved,
        'contracts_file' as hours_source
    from social_clause_contracts as f
    where $file_contracts
        and not exists (
        select 1 from declared as d
        where d.entity = f.entity and d.contract_id = f.contract_id
    )
),

workspace_contracts as (
    select
        entity,
        contract_id,
        supplier_siret,
        supplier_name,
        start_date,
        end_date,
        amount_eur,
        hours_required,
        cast(null as decimal(12, 2)) as hours_achieved,
        'declarations' as hours_source
    from declared
),

contracts as (
    select * from file_contracts
    union all
    select * from workspace_contracts
),

final as (
    select
        entity,
        contract_id,
        supplier_siret,
        supplier_name,
        start_date,
        end_date,
        amount_eur,
        hours_required,
        hours_achieved,
        hours_source
    from contracts
    where start_date <= $date_to
        and end_date >= $date_from
        and in_scope_entity($entities, entity)
)

select * from final
order by entity, contract_id
