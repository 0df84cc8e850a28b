-- The distinct suppliers to classify.
select
    supplier_key,
    supplier_name,
    siret,
    post_code,
    department
from dim_suppliers
order by supplier_key
