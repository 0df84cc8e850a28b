-- Ingestion (010-019): what each load was given and how it read the file.
-- details: JSON with the options (entity, year, sheet...), encoding, delimiter, decimal separator
-- and the column mapping (source column -> field); status: loaded | unchanged | dry-run.
alter table loads add column if not exists details varchar;
alter table loads add column if not exists status varchar default 'loaded';
alter table loads add column if not exists rows_warned bigint default 0;
