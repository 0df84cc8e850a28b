-- Inclusive suppliers a reader could use: directory records (valid at the end of the period)
-- in the departments where the reader already buys, whose NAF class (4 first characters)
-- matches what the reader buys from ordinary suppliers; largest ordinary spend first.
-- Parameters: $date_from, $date_to, $buyers, $entities, $inclusive_families, $limit.
with mine as (
    select department, naf, supplier_key, status, family, is_addressable, amount_eur
    from fct_spend_lines
    where period_date between $date_from and $date_to
        and ($buyers is null or list_contains($buyers, buyer))
        and ($entities is null or list_contains($entities, entity))
),

departments as (
    select distinct department from mine where department is not null
),

ordinary as (
    select substr(naf, 1, 4) as naf_class, sum(amount_eur) as ordinary_spend_eur
    from mine
    where is_addressable
        and naf is not null
        and not coalesce(list_contains($inclusive_families, family), false)
    group by naf_class
    having sum(amount_eur) > 0
),

already as (
    select distinct supplier_key from mine
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
        o.ordinary_spend_eur as opportunity_eur
    from candidates as c
    inner join ordinary as o on o.naf_class = substr(c.naf, 1, 4)
    where c.rn = 1
)

select * from final
order by opportunity_eur desc, name
limit $limit
