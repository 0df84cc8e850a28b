-- Fill SIRET, postcode, buyer and name of this load's lines from the supplier master (by supplier
-- code, then SIRET). Parameter: $load_id.
update raw_ledger_lines as t
set siret = coalesce(t.siret, m.siret),
    post_code = coalesce(t.post_code, m.post_code),
    buyer = coalesce(t.buyer, m.buyer),
    supplier_name = coalesce(t.supplier_name, m.supplier_name)
from ingest_suppliers as m
where t.load_id = $load_id and m.supplier_code = t.supplier_code;

update raw_ledger_lines as t
set post_code = coalesce(t.post_code, m.post_code),
    buyer = coalesce(t.buyer, m.buyer),
    supplier_name = coalesce(t.supplier_name, m.supplier_name)
from ingest_suppliers as m
where t.load_id = $load_id
    and t.siret is not null and m.siret = t.siret and (t.buyer is null or t.post_code is null);
