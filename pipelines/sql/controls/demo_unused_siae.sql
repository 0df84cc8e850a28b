-- Demo planting: a directory record of an inclusive supplier the ledgers never bought from.
-- Parameters: $inclusive_families.
with used as (
    select distinct siret from fct_spend_lines where siret is not null
        and in_scope_buyer(null, buyer)
),

final as (
    select r.siret, r.name, r.post_code, r.kind
    from reference_records as r
    where r.is_active
        and r.is_luhn_valid
        and r.valid_to is null
        and (r.valid_from is null or r.valid_from <= date '2025-01-01')
        and list_contains($inclusive_families, r.family)
        and r.siret is not null
        and r.siret not in (select siret from used)
)

select * from final
order by siret
limit 1
