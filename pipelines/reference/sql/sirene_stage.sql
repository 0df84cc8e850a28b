-- ESS legal units of the SIRENE stock, staged as SIREN-level ESS records.
-- Input: temp table sirene_ess (the stock's rows flagged economieSocialeSolidaireUniteLegale = O).
-- A ceased unit (etat C) stays valid until the start of its ceased period (dateDebut).
insert into ref_stage (
    stage_row, source_key, kind, family, siret, siren, name, name_norm, brand, naf, post_code,
    department, valid_from, valid_to, is_luhn_valid, is_active, source
)
with src as (
    select
        lpad(regexp_replace(siren, '[^0-9]', '', 'g'), 9, '0') as siren,
        nullif(trim(coalesce(
            nullif(trim(denomination), ''),
            trim(coalesce(prenom, '') || ' ' || coalesce(nom, ''))
        )), '') as name,
        nullif(trim(naf), '') as naf,
        upper(trim(coalesce(etat, 'A'))) as etat,
        try_cast(date_debut as date) as date_debut
    from sirene_ess
),

final as (
    select
        row_number() over () as stage_row,
        siren || '|ESS' as source_key,
        'ESS' as kind,
        'ess' as family,
        cast(null as varchar) as siret,
        siren,
        name,
        nullif(trim(regexp_replace(upper(strip_accents(coalesce(name, ''))), '[^A-Z0-9]+', ' ', 'g')), '') as name_norm,
        cast(null as varchar) as brand,
        naf,
        cast(null as varchar) as post_code,
        cast(null as varchar) as department,
        cast(null as date) as valid_from,
        case when etat = 'C' then date_debut end as valid_to,
        luhn_ok(siren) or siren = '356000000' as is_luhn_valid,
        true as is_active,
        cast(null as varchar) as source
    from src
    where length(siren) = 9
)

select * from final
