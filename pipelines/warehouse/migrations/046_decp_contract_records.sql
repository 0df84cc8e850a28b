-- Public contracts (DECP): records sharing buyer and id are distinct contracts (DOMAIN.md
-- section 5). base_uid is the DECP uid (buyer id + contract id, or the uid the file gives);
-- contract_uid is base_uid for the first contract sharing it, base_uid#2, #3... for the others.
-- A file replaces every contract of the base uids it contains.
alter table decp_contracts add column base_uid varchar;
update decp_contracts set base_uid = contract_uid;
-- records (JSON) or rows (flat CSV: one per holder) of the file merged into the contract
alter table decp_contracts add column source_rows integer;
update decp_contracts set source_rows = 1;
-- amount of the last modification that gives one (kept apart from the notified amount)
alter table decp_contracts add column amount_modified_eur decimal(18, 2);
alter table decp_contracts add column modifications_count integer;
