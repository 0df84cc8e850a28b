-- Reference snapshots: when a record was closed because it disappeared from a newer snapshot,
-- and a SQL Luhn check for loaders that stay in SQL (the SIRENE stock).
alter table reference_records add column closed_on date;

create index if not exists reference_records_siren_idx on reference_records (siren);

create index if not exists reference_records_source_idx on reference_records (source, source_key);

-- Luhn check of a digit string (SIREN, SIRET); same rule as pipelines.identifiers (La Poste aside).
create macro luhn_ok(s) as (
    s is not null
    and length(s) > 0
    and regexp_full_match(s, '[0-9]+')
    and list_sum(
        list_transform(
            range(1, length(s) + 1),
            lambda i: case
                when (length(s) - i) % 2 = 1
                    then (cast(substr(s, i, 1) as integer) * 2) // 10
                        + (cast(substr(s, i, 1) as integer) * 2) % 10
                else cast(substr(s, i, 1) as integer)
            end
        )
    ) % 10 = 0
);
