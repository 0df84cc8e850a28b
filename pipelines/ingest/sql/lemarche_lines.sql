-- Yearly spend per supplier from the Le marché de l'inclusion purchase template
-- (view ingest_source). One line per row, dated the last day of the year.
-- Parameters: $year_prefix ('LEMARCHE-<year>-'), $year_end (text yyyy-mm-dd).
select
    source_row,
    entity,
    $year_prefix || coalesce(ingest_siret(siret), upper(ingest_text(supplier_name))) as invoice_id,
    cast(null as varchar) as line_no,
    $year_end as invoice_date,
    cast(null as varchar) as posting_date,
    supplier_code,
    supplier_name,
    siret,
    post_code,
    buyer,
    account,
    category,
    naf,
    amount_eur,
    currency,
    description
from ingest_source
