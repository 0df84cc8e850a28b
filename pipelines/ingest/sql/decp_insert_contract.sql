-- One public contract of a DECP file (pipelines/ingest/decp.py).
insert into decp_contracts (
    load_id, contract_uid, base_uid, contract_id, buyer_id, buyer_name, nature, object, cpv_code,
    procedure, notification_date, amount_eur, amount_modified_eur, modifications_count,
    source_rows, social_considerations, has_social_consideration, is_reserved, duration_months
)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
