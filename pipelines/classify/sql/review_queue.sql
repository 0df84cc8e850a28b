-- Suppliers to review: spend classified "probable" or left unmatched (an analyst's rejection
-- is a decision, not a gap): probable first, then most addressable spend to review first.
-- The amount to review is what a decision would move: the probable part of a probable supplier,
-- the unmatched part of an unmatched one, on addressable lines (excluded spend moves nothing).
-- Parameters: $limit, $status ('probable', 'none', or null for both).
with per_supplier as (
    -- per-supplier probable and unmatched spend, pre-aggregated in the supplier dimension
    select
        supplier_key,
        probable_spend_eur,
        unmatched_spend_eur,
        addressable_probable_eur,
        addressable_unmatched_eur
    from dim_suppliers
),

best as (
    select
        supplier_key,
        rule,
        status,
        kind,
        record_id,
        source,
        score,
        explanation
    from supplier_matches
    where status = 'probable'
    qualify row_number() over (
        partition by supplier_key
        order by
            case status when 'probable' then 1 when 'certain' then 2 else 3 end,
            precedence,
            score desc nulls last,
            valid_from desc nulls last,
            record_id
    ) = 1
),

headline as (
    select * from supplier_classification
),

final as (
    select
        d.supplier_key,
        d.supplier_name,
        d.siret,
        d.post_code,
        case when p.probable_spend_eur is not null then 'probable' else 'none' end as status,
        coalesce(b.rule, h.rule) as rule,
        coalesce(b.kind, h.kind) as kind,
        coalesce(b.record_id, h.record_id) as record_id,
        coalesce(b.source, h.source) as source,
        coalesce(b.score, h.score) as score,
        case
            when p.probable_spend_eur is not null then p.addressable_probable_eur
            else p.addressable_unmatched_eur
        end as to_review_eur,
        d.spend_eur,
        coalesce(b.explanation, h.explanation) as explanation
    from per_supplier as p
    inner join dim_suppliers as d on d.supplier_key = p.supplier_key
    left join best as b on b.supplier_key = p.supplier_key and p.probable_spend_eur is not null
    left join headline as h on h.supplier_key = p.supplier_key
    where p.probable_spend_eur is not null or p.unmatched_spend_eur is not null
)

select * from final
where $status is null or status = $status
order by case status when 'probable' then 1 else 2 end, to_review_eur desc, supplier_key
limit $limit
