-- Controls: spend taken out of addressable spend, per supplier, account and category, for the
-- self-interested exclusions. Parameters: $date_from, $date_to, $buyers, $entities.
with final as (
    select supplier_key, siret, account, category, entity, buyer, sum(amount_eur) as amount_eur
    from fct_spend_lines
    where period_date between $date_from and $date_to
        and not is_addressable
        and in_scope_buyer($buyers, buyer)
        and in_scope_entity($entities, entity)
    group by all
)

select * from final
