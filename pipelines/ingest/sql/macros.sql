-- Parsing helpers for landed text (temporary: defined on each ingest connection).
-- Amounts: spaces, no-break spaces, euro signs removed; trailing minus (SAP) and (brackets) negative.
create or replace temp macro ingest_text(v) as nullif(trim(v), '');

create or replace temp macro ingest_amount_clean(v) as
    replace(replace(replace(replace(replace(replace(trim(v), ' ', ''), chr(160), ''), chr(8239), ''),
        '€', ''), 'EUR', ''), chr(39), '');

create or replace temp macro ingest_signed(s) as
    case
        when s like '%-' then '-' || rtrim(s, '-')
        when s like '(%)' then '-' || trim(s, '()')
        else s
    end;

-- decimal comma: dots are thousands separators only when they group by three
create or replace temp macro ingest_amount_comma_slow(v) as (
    case
        when contains(ingest_signed(ingest_amount_clean(v)), '.')
            and not regexp_full_match(ingest_signed(ingest_amount_clean(v)), '[-+]?\d{1,3}(\.\d{3})+(,\d*)?')
            then null
        else try_cast(replace(replace(ingest_signed(ingest_amount_clean(v)), '.', ''), ',', '.') as decimal(18, 2))
    end
);

-- decimal point: commas are thousands separators only when they group by three
create or replace temp macro ingest_amount_point_slow(v) as (
    case
        when contains(ingest_signed(ingest_amount_clean(v)), ',')
            and not regexp_full_match(ingest_signed(ingest_amount_clean(v)), '[-+]?\d{1,3}(,\d{3})+(\.\d*)?')
            then null
        else try_cast(replace(ingest_signed(ingest_amount_clean(v)), ',', '') as decimal(18, 2))
    end
);

-- fast paths for the usual plain forms ("-1234,56", "1234.56"); anything else takes the slow path
create or replace temp macro ingest_amount_comma(v) as (
    case
        when translate(v, '0123456789,', '') in ('', '-') and not ends_with(v, '-')
            then try_cast(replace(v, ',', '.') as decimal(18, 2))
        else ingest_amount_comma_slow(v)
    end
);

create or replace temp macro ingest_amount_point(v) as (
    case
        when translate(v, '0123456789.', '') in ('', '-') and not ends_with(v, '-')
            then try_cast(v as decimal(18, 2))
        else ingest_amount_point_slow(v)
    end
);

create or replace temp macro ingest_date(v) as
    cast(try_strptime(trim(v), [
        '%d/%m/%Y', '%Y-%m-%d', '%Y%m%d', '%d.%m.%Y', '%d-%m-%Y', '%Y/%m/%d',
        '%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M'
    ]) as date);

create or replace temp macro ingest_date_ok(d) as d between date '1950-01-01' and date '2100-12-31';

-- SIRET: digits only (a trailing ".0" from a spreadsheet dropped), 13 digits left-padded
create or replace temp macro ingest_siret_slow(v) as (
    case length(regexp_replace(regexp_replace(trim(v), '\.0$', ''), '[^0-9]', '', 'g'))
        when 14 then regexp_replace(regexp_replace(trim(v), '\.0$', ''), '[^0-9]', '', 'g')
        when 13 then '0' || regexp_replace(regexp_replace(trim(v), '\.0$', ''), '[^0-9]', '', 'g')
        else null
    end
);

create or replace temp macro ingest_post_code_slow(v) as (
    case length(regexp_replace(regexp_replace(trim(v), '\.0$', ''), '[^0-9]', '', 'g'))
        when 5 then regexp_replace(regexp_replace(trim(v), '\.0$', ''), '[^0-9]', '', 'g')
        when 4 then '0' || regexp_replace(regexp_replace(trim(v), '\.0$', ''), '[^0-9]', '', 'g')
        else null
    end
);

create or replace temp macro ingest_siret(v) as (
    case
        when v is null then null
        when length(v) = 14 and translate(v, '0123456789', '') = '' then v
        when length(v) = 13 and translate(v, '0123456789', '') = '' then '0' || v
        else ingest_siret_slow(v)
    end
);

create or replace temp macro ingest_post_code(v) as (
    case
        when v is null then null
        when length(v) = 5 and translate(v, '0123456789', '') = '' then v
        else ingest_post_code_slow(v)
    end
);

create or replace temp macro ingest_currency(v) as
    case upper(coalesce(nullif(trim(v), ''), 'EUR')) when '€' then 'EUR' else upper(coalesce(nullif(trim(v), ''), 'EUR')) end;
