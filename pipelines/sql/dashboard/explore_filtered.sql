-- Lines of the explorer within a period, a scope and the user's filters, read from today's lines
-- (explore_live_source.sql) or a closed year's frozen ones (explore_frozen_source.sql).
-- Parameters: $date_from, $date_to, $buyers, $entities (scope), $families, $kinds, $statuses
-- (lists or null), $search (supplier name part, SIRET start, key or code; or null),
-- $account (prefix or null), $addressable (true/false, or null for every line).
select
    f.*,
    p.manager_id,
    p.name as buyer_name,
    coalesce(f.family, 'none') as family_or_none,
    coalesce(f.kind, 'none') as kind_or_none
from ({{lines}}) as f
left join dim_people as p on p.person_id = f.buyer
where f.period_date between $date_from and $date_to
    and in_scope_buyer($buyers, f.buyer)
    and in_scope_entity($entities, f.entity)
    and ($families is null or list_contains($families, coalesce(f.family, 'none')))
    and ($kinds is null or list_contains($kinds, coalesce(f.kind, 'none')))
    and ($statuses is null or list_contains($statuses, f.status))
    and ($account is null or starts_with(coalesce(f.account, ''), $account))
    and ($addressable is null or f.is_addressable = $addressable)
    and (
        $search is null
        or f.supplier_key in (
            -- matched on the supplier dimension (thousands of rows), not on every line
            select d.supplier_key
            from dim_suppliers as d
            where d.supplier_name ilike '%' || $search || '%'
                or starts_with(coalesce(d.siret, ''), $search)
                or d.supplier_key = $search
                or list_contains(coalesce(d.supplier_codes, []), $search)
        )
    )
