-- Controls: the lines behind a signal (pipelines.controls.model.LineFilter), largest first.
-- Parameters: $date_from, $date_to, $supplier_keys, $signal_buyers (empty: any),
-- $credits_only, $limit, $buyers, $entities.
with final as (
    select
        line_uid,
        entity,
        invoice_id,
        line_no,
        period_date,
        supplier_key,
        supplier_name,
        buyer,
        account,
        category,
        amount_eur,
        kind,
        family,
        status,
        is_addressable
    from fct_spend_lines
    where period_date between $date_from and $date_to
        and list_contains($supplier_keys, supplier_key)
        and (len($signal_buyers) = 0 or list_contains($signal_buyers, buyer))
        and (not $credits_only or amount_eur < 0)
        and in_scope_buyer($buyers, buyer)
        and in_scope_entity($entities, entity)
)

select * from final
order by abs(amount_eur) desc, line_uid
limit $limit
