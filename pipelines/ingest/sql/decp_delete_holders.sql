-- Holders of the contracts this DECP file replaces (see decp_replace.sql).
delete from decp_holders
where contract_uid in (
    select contract_uid from decp_contracts
    where base_uid in (select base_uid from ingest_decp_uids)
)
