-- Inclusive suppliers a reader could use: directory records (valid at the end of the period) in
-- the departments where the reader already buys, whose activity (NAF class, 4 first characters)
-- matches what the reader buys from ordinary suppliers. A line's activity is its supplier's NAF
-- (ledger or matched record); a line without one takes the NAF class that carries most of its
-- purchase category's spend in the warehouse (so each line counts once).
-- Largest ordinary spend first.
-- Parameters: $date_from, $date_to, $buyers, $entities, $inclusive_families, $limit.
with scoped as (
    select
        l.department,
        l.category,
        l.supplier_key,
        l.status,
        l.family,
        l.is_addressable,
        l.amount_eur,
        coalesce(l.naf, r.naf) as line_naf
    from fct_spend_lines as l
    left join reference_records as r on r.record_id = l.record_id
    where l.period_date between $date_from and $date_to
        and in_scope_buyer($buyers, l.buyer)
        and in_scope_entity($entities, l.entity)
),

category_classes as (
    -- the one NAF class that carries most of a category's spend (lines with a known NAF, whole
    -- warehouse): a line without NAF is counted once, in that class, not once per class
    select category, naf_class
    from (
        select
            f.category,
            substr(coalesce(f.naf, r.naf), 1, 4) as naf_class,
            sum(f.amount_eur) as class_spend_eur
        from fct_spend_lines as f
        left join reference_records as r on r.record_id = f.record_id
        where f.category is not null and coalesce(f.naf, r.naf) is not null
        group by f.category, substr(coalesce(f.naf, r.naf), 1, 4)
    )
    qualify row_number() over (
        partition by category order by class_spend_eur desc, naf_class
    ) = 1
),

departments as (
    select department, sum(amount_eur) as department_spend_eur
    from scoped
    where department is not null
    group by department
),

ordinary_lines as (
    select * from scoped
    where is_addressable and not coalesce(list_contains($inclusive_families, family), false)
),

by_class as (
    select substr(line_naf, 1, 4) as naf_class, category, amount_eur
    from ordinary_lines
    where line_naf is not null
    union all
    select c.naf_class, o.category, o.amount_eur
    from ordinary_lines as o
    inner join category_classes as c on c.category = o.category
    where o.line_naf is null
),

ordinary as (
    select
        naf_class,
        sum(amount_eur) as ordinary_spend_eur,
        arg_max(category, amount_eur) as category
    from by_class
    group by naf_class
    having sum(amount_eur) > 0
),

already as (
    select distinct supplier_key from scoped
    where status in ('certain', 'probable') and list_contains($inclusive_families, family)
),

candidates as (
    select
        r.record_id,
        r.name,
        r.kind,
        r.family,
        r.siret,
        r.naf,
        r.post_code,
        r.department,
        r.source,
        row_number() over (
            partition by coalesce(r.siret, r.siren, r.name_norm)
            order by r.valid_from desc nulls last, r.record_id
        ) as rn
    from reference_records as r
    where r.is_active
        and list_contains($inclusive_families, r.family)
        and (r.valid_to is null or r.valid_to >= $date_to)
        and (r.valid_from is null or r.valid_from <= $date_to)
        and r.department in (select department from departments)
        and (r.siret is null or r.siret not in (select supplier_key from already))
),

matched as (
    select
        c.*,
        o.category,
        o.ordinary_spend_eur,
        d.department_spend_eur,
        row_number() over (
            partition by o.naf_class order by d.department_spend_eur desc, c.name
        ) as rank_in_class
    from candidates as c
    inner join ordinary as o on o.naf_class = substr(c.naf, 1, 4)
    inner join departments as d on d.department = c.department
    where c.rn = 1
),

final as (
    select
        c.name,
        c.kind,
        c.family,
        c.siret,
        c.naf,
        c.post_code,
        c.department,
        c.source,
        c.category,
        c.ordinary_spend_eur as opportunity_eur,
        c.department_spend_eur
    from matched as c
    where c.rank_in_class <= 5
)

select * from final
order by opportunity_eur desc, department_spend_eur desc, name
limit $limit
