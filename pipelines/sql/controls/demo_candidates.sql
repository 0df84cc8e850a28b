-- Demo planting (pipelines/demo/controls.py): each supplier's spend per buyer in a year, with
-- what a planted invoice needs to look like the supplier's own. Whole organisation on purpose.
-- Parameters: $year, $inclusive_families, $buyers, $entities.
with final as (
    select
        supplier_key,
        buyer,
        any_value(entity) as entity,
        any_value(supplier_code) as supplier_code,
        any_value(supplier_name) as supplier_name,
        any_value(siret) as siret,
        any_value(post_code) as post_code,
        any_value(account) as account,
        any_value(category) as category,
        any_value(family) as family,
        bool_and(is_addressable and status = 'certain'
            and coalesce(list_contains($inclusive_families, family), false)) as is_counted,
        bool_and(is_addressable) as is_addressable,
        sum(amount_eur) as amount_eur,
        max(period_date) as last_date
    from fct_spend_lines
    where period_year = $year
        and in_scope_buyer($buyers, buyer)
        and in_scope_entity($entities, entity)
    group by supplier_key, buyer
)

select * from final
order by amount_eur desc, supplier_key, buyer
