-- One holder (titulaire) of a public contract.
insert into decp_holders (contract_uid, holder_id, id_type, siret, siren)
values (?, ?, ?, ?, ?)
