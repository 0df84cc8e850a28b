-- Whether the source amount of a line had more than two decimals (not all zeros) and was rounded
-- half-up to the cent when loaded (DOMAIN.md section 4): the load report counts them. Null for
-- lines loaded before, and for lines whose amount needed no rounding.
alter table raw_ledger_lines add column amount_is_rounded boolean;
