-- Inclusive suppliers a reader could turn to, by purchase category: for each category where the
-- reader (their scope) has ordinary spend in the period — addressable lines of suppliers outside
-- the inclusive families — the directory records of the same activity (a NAF class of the
-- category: 4 first characters, dots dropped, of the NAF of its lines, or of their matched
-- record) in the departments where the reader buys (every department when the reader has no
-- located line), valid at $as_of, of an inclusive family. One record per identity (SIRET, else
-- SIREN, else normalised name): the most recent. One row per (category, record); how much of the
-- objective's gap each could cover is computed in Python (pipelines.queries.suggestions).
-- A category's activities are read across the warehouse (no amount leaves that CTE): a reader
-- whose own lines carry no NAF still gets the activity their colleagues' lines show.
-- Parameters: $date_from, $date_to, $as_of, $buyers, $entities, $inclusive_families.
with scoped as (
    select
        l.department,
        l.category,
        l.family,
        l.is_addressable,
        l.amount_eur
    from fct_spend_lines as l
    where l.period_date between $date_from and $date_to
        and in_scope_buyer($buyers, l.buyer)
        and in_scope_entity($entities, l.entity)
),

reader_departments as (
    select distinct department from scoped where department is not null
),

ordinary as (
    select category, sum(amount_eur) as ordinary_spend_eur
    from scoped
    where is_addressable
        and category is not null
        and not coalesce(list_contains($inclusive_families, family), false)
    group by category
    having sum(amount_eur) > 0
),

category_classes as (
    select distinct
        f.category,
        substr(replace(upper(coalesce(f.naf, r.naf)), '.', ''), 1, 4) as naf_class
    from fct_spend_lines as f
    left join reference_records as r on r.record_id = f.record_id
    where f.category in (select o.category from ordinary as o)
        and coalesce(f.naf, r.naf) is not null
),

records as (
    select
        r.record_id,
        r.name,
        r.kind,
        r.family,
        r.siret,
        r.naf,
        substr(replace(upper(r.naf), '.', ''), 1, 4) as naf_class,
        r.post_code,
        r.department,
        r.source,
        row_number() over (
            partition by coalesce(r.siret, r.siren, r.name_norm)
            order by r.valid_from desc nulls last, r.kind, r.name, r.post_code
        ) as rn
    from reference_records as r
    where r.is_active
        and list_contains($inclusive_families, r.family)
        and (r.valid_from is null or r.valid_from <= $as_of)
        and (r.valid_to is null or r.valid_to >= $as_of)
        and r.naf is not null
        and (
            r.department in (select d.department from reader_departments as d)
            or not exists (select 1 from reader_departments)
        )
),

final as (
    select
        o.category,
        o.ordinary_spend_eur,
        r.record_id,
        r.name,
        r.kind,
        r.family,
        r.siret,
        r.naf,
        r.post_code,
        r.department,
        r.source
    from ordinary as o
    inner join category_classes as c on c.category = o.category
    inner join records as r on r.naf_class = c.naf_class and r.rn = 1
)

select * from final
order by ordinary_spend_eur desc, category, name, siret
