-- Controls: credit notes (negative lines) of inclusive suppliers after a closing: dated in the
-- $window_days after the period, or dated in it and loaded after $closed_at.
-- Parameters: $date_from, $date_to, $window_days, $closed_at, $inclusive_families, $buyers,
-- $entities.
with lines as (
    select f.supplier_key, f.supplier_name, f.entity, f.buyer, f.family, f.amount_eur,
        f.period_date, l.loaded_at
    from fct_spend_lines as f
    left join loads as l on l.load_id = f.load_id
    where f.amount_eur < 0
        and f.period_date between $date_from and $date_to + to_days($window_days)
        and coalesce(list_contains($inclusive_families, f.family), false)
        and in_scope_buyer($buyers, f.buyer)
        and in_scope_entity($entities, f.entity)
),

final as (
    select
        supplier_key,
        any_value(supplier_name) as supplier_name,
        entity,
        buyer,
        family,
        sum(amount_eur) as amount_eur,
        min(period_date) as first_date,
        max(period_date) as last_date
    from lines
    where period_date > $date_to or loaded_at > $closed_at
    group by all
)

select * from final
