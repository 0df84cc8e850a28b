-- Data-quality figures of a period for the methodology notes of the annual report.
-- Parameters: $date_from, $date_to, $buyers, $entities (list or null).
with lines as (
    select *
    from fct_spend_lines
    where period_date between $date_from and $date_to
        and in_scope_buyer($buyers, buyer)
        and in_scope_entity($entities, entity)
),

suppliers as (
    select
        supplier_key,
        bool_or(siret is not null) as has_siret,
        bool_or(status = 'certain') as is_certain,
        bool_or(status = 'probable') as is_probable
    from lines
    where is_addressable
    group by supplier_key
),

final as (
    select
        (select count(*) from lines) as count_lines,
        (select coalesce(sum(amount_eur), 0) from lines) as spend_eur,
        (select coalesce(sum(amount_eur) filter (where is_addressable), 0) from lines)
            as addressable_spend_eur,
        (select coalesce(sum(amount_eur) filter (where is_addressable and siret is not null), 0)
            from lines) as addressable_with_siret_eur,
        (select coalesce(sum(amount_eur) filter (where is_addressable and status = 'certain'), 0)
            from lines) as certain_classified_eur,
        (select coalesce(sum(amount_eur) filter (where is_addressable and status = 'probable'), 0)
            from lines) as probable_classified_eur,
        (select count(*) from suppliers) as count_suppliers,
        (select count(*) filter (where has_siret) from suppliers) as count_suppliers_with_siret,
        (select count(*) filter (where is_certain) from suppliers) as count_suppliers_certain,
        (select count(*) filter (where is_probable and not is_certain) from suppliers)
            as count_suppliers_probable,
        (select count(*) from quarantine) as count_quarantined_rows,
        (select count(*) from loads) as count_loads
)

select * from final
