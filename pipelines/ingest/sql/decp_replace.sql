-- Contracts of earlier loads that this DECP file replaces: every contract of a buyer + id
-- (base uid) the file contains. Temp table ingest_decp_uids (base_uid) holds the file's uids.
select count(*) from decp_contracts
where base_uid in (select base_uid from ingest_decp_uids)
