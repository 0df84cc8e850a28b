-- Insertion-family spend (certain matches, addressable lines) per purchase category and SIRET,
-- minus lines of a supplier whose hours are declared over the line's date: a contract of the
-- contracts file, or a workspace contract with declarations (pipelines/clauses/declared.py), so
-- declared and estimated hours are never added for the same contract and period.
-- A contract covers its own entity's purchases from its contractor.
-- Parameters: $date_from, $date_to, $buyers, $entities (list or null); $file_contracts (boolean:
-- the contracts file's hours count in this scope); $declared: the workspace's contracts with
-- declarations counted in this scope, a list of structs (entity, supplier_siret, start_date,
-- end_date).
with file_contracts as (
    select entity, supplier_siret, start_date, end_date
    from social_clause_contracts
    where supplier_siret is not null
        and $file_contracts
),

workspace_contracts as (
    select unnest(
        $declared::struct(
            entity varchar, supplier_siret varchar, start_date date, end_date date
        )[],
        recursive := true
    )
),

contracts as (
    select entity, supplier_siret, start_date, end_date from file_contracts
    union all
    select entity, supplier_siret, start_date, end_date from workspace_contracts
    where supplier_siret is not null
),

lines as (
    select f.category, f.siret, f.amount_eur
    from fct_spend_lines as f
    where f.period_date between $date_from and $date_to
        and f.is_addressable
        and f.status = 'certain'
        and f.family = 'insertion'
        and in_scope_buyer($buyers, f.buyer)
        and in_scope_entity($entities, f.entity)
        and not exists (
            select 1 from contracts as c
            where c.supplier_siret = f.siret
                and c.entity = f.entity
                and f.period_date between c.start_date and c.end_date
        )
),

final as (
    select
        category,
        siret,
        sum(amount_eur) as spend_eur
    from lines
    group by category, siret
)

select * from final
order by category nulls last, siret nulls last
