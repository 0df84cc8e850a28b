-- Addressable unless an exclusion applies (account prefix, supplier key/SIRET/code, category).
-- $load_id null = every line.
update raw_ledger_lines as l
set is_addressable = not (
    exists (
        select 1 from exclusions as e
        where e.exclusion_type = 'account_prefix' and starts_with(coalesce(l.account, ''), e.value)
    )
    or exists (
        select 1 from exclusions as e
        where e.exclusion_type = 'supplier'
            and (e.value = l.supplier_key or e.value = l.siret or e.value = l.supplier_code)
    )
    or exists (
        select 1 from exclusions as e
        where e.exclusion_type = 'category' and e.value = l.category
    )
)
where $load_id is null or l.load_id = $load_id
