-- Contracts this DECP file replaces (see decp_replace.sql).
delete from decp_contracts
where base_uid in (select base_uid from ingest_decp_uids)
