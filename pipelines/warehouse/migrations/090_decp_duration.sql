-- Duration of a public contract in months, as its DECP record gives it (``dureeMois``); null
-- when the record gives none (a clause contract from DECP then assumes one year:
-- pipelines/clauses/register.py).
alter table decp_contracts add column duration_months integer;
