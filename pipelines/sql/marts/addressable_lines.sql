-- Addressable unless an exclusion applies (account prefix, supplier key/SIRET/code, category).
-- $load_id null = every line. Semi-joins on small sets, never a correlated scan of the lines:
-- the account prefixes and categories are matched against the distinct values, not line by line.
update raw_ledger_lines as l
set is_addressable = false
where ($load_id is null or l.load_id = $load_id)
    and (
        l.category in (
            -- categories match whatever their case and accents (« ÉNERGIE » = « Energie »)
            select c.category
            from (
                select distinct category
                from raw_ledger_lines
                where category is not null and ($load_id is null or load_id = $load_id)
            ) as c
            inner join exclusions as e
                on e.exclusion_type = 'category'
                and lower(strip_accents(trim(c.category))) = lower(strip_accents(trim(e.value)))
        )
        or l.supplier_key in (select value from exclusions where exclusion_type = 'supplier')
        or l.siret in (select value from exclusions where exclusion_type = 'supplier')
        or l.supplier_code in (select value from exclusions where exclusion_type = 'supplier')
        or l.account in (
            select a.account
            from (
                select distinct account
                from raw_ledger_lines
                where account is not null and ($load_id is null or load_id = $load_id)
            ) as a
            inner join exclusions as e
                on e.exclusion_type = 'account_prefix' and starts_with(a.account, e.value)
        )
    )
