-- Parsing helpers for landed text (temporary: defined on each ingest connection).
-- Amounts: spaces, no-break spaces, euro signs removed; trailing minus (SAP) and (brackets) negative.
-- trim only when there is a space at either end (trim removes spaces only): most cells have none
create or replace temp macro ingest_text(v) as
    case when starts_with(v, ' ') or ends_with(v, ' ') then nullif(trim(v), '') else nullif(v, '') end;

create or replace temp macro ingest_amount_clean(v) as
    replace(replace(replace(replace(replace(replace(trim(v), ' ', ''), chr(160), ''), chr(8239), ''),
        '€', ''), 'EUR', ''), chr(39), '');

create or replace temp macro ingest_signed(s) as
    case
        when s like '%-' then '-' || rtrim(s, '-')
        when s like '(%)' then '-' || trim(s, '()')
        else s
    end;

-- decimal comma, on a cleaned and signed text: dots are thousands separators only when they
-- group by three
create or replace temp macro ingest_amount_comma_signed(s) as (
    case
        when contains(s, '.') and not regexp_full_match(s, '[-+]?\d{1,3}(\.\d{3})+(,\d*)?') then null
        else try_cast(replace(replace(s, '.', ''), ',', '.') as decimal(18, 2))
    end
);

-- decimal point, on a cleaned and signed text: commas are thousands separators only when they
-- group by three
create or replace temp macro ingest_amount_point_signed(s) as (
    case
        when contains(s, ',') and not regexp_full_match(s, '[-+]?\d{1,3}(,\d{3})+(\.\d*)?') then null
        else try_cast(replace(s, ',', '') as decimal(18, 2))
    end
);

-- The full parsers, for columns where many values have thousands separators, signs or units.
create or replace temp macro ingest_amount_comma_slow(v) as
    ingest_amount_comma_signed(ingest_signed(ingest_amount_clean(v)));

create or replace temp macro ingest_amount_point_slow(v) as
    ingest_amount_point_signed(ingest_signed(ingest_amount_clean(v)));

-- The same value, faster when most values are plain numbers ("-1234,56", "1234.56"): a plain
-- number casts as it is, and only what does not cast takes the full parser. Whenever the plain
-- cast succeeds the full parser gives the same value (it only removes spaces, currency marks,
-- brackets, trailing minus and thousands separators, which a castable text cannot contain).
-- The full parser is bound through a one-element list_transform so that DuckDB evaluates it
-- only for the rows that need it (otherwise its repeated sub-expressions are computed for all).
create or replace temp macro ingest_amount_comma_plain(v) as
    case when not contains(v, '.') then try_cast(replace(v, ',', '.') as decimal(18, 2)) end;

create or replace temp macro ingest_amount_point_plain(v) as
    case when not contains(v, ',') then try_cast(v as decimal(18, 2)) end;

create or replace temp macro ingest_amount_comma(v) as
    case
        when ingest_amount_comma_plain(v) is not null then ingest_amount_comma_plain(v)
        else list_transform(
            [ingest_amount_clean(v)], lambda c: ingest_amount_comma_signed(ingest_signed(c))
        )[1]
    end;

create or replace temp macro ingest_amount_point(v) as
    case
        when ingest_amount_point_plain(v) is not null then ingest_amount_point_plain(v)
        else list_transform(
            [ingest_amount_clean(v)], lambda c: ingest_amount_point_signed(ingest_signed(c))
        )[1]
    end;

-- ingest_amount(v), the parser of the load's amount column, is defined per load by land_lines
-- (one of the four above, chosen from the decimal separator and a sample of the column).

create or replace temp macro ingest_date_any(v) as
    cast(try_strptime(trim(v), [
        '%d/%m/%Y', '%Y-%m-%d', '%Y%m%d', '%d.%m.%Y', '%d-%m-%Y', '%Y/%m/%d',
        '%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M'
    ]) as date);

-- The same date, read with the one format its shape allows: each format that fails costs as
-- much as a whole parse (yyyymmdd, third in the list, took 5 s per 2 M values instead of 0.3 s).
-- Only these three shapes take a fast branch; for them the list can give no other reading.
create or replace temp macro ingest_date(v) as
    case
        when length(v) = 10 and substr(v, 3, 1) = '/' and substr(v, 6, 1) = '/'
            then cast(try_strptime(v, '%d/%m/%Y') as date)
        when length(v) = 8 and not contains(v, '/') and not contains(v, '-')
            and not contains(v, '.') and not contains(v, ' ')
            then cast(try_strptime(v, '%Y%m%d') as date)
        when length(v) = 10 and substr(v, 5, 1) = '-' and substr(v, 8, 1) = '-'
            then cast(try_strptime(v, '%Y-%m-%d') as date)
        else ingest_date_any(v)
    end;

create or replace temp macro ingest_date_ok(d) as d between date '1950-01-01' and date '2100-12-31';

-- SIRET (DOMAIN.md §3, same rule as pipelines.identifiers.normalize_siret): digits only (a
-- trailing ".0" from a spreadsheet dropped); 13 digits left-padded; 10 to 12 digits (a number cell
-- that lost all its leading zeros) left-padded where the padded number passes the check digit
-- (luhn_ok, a warehouse macro; leading zeros do not change it); a scientific notation never.
create or replace temp macro ingest_siret_digits(d) as (
    case
        when length(d) = 14 then d
        when length(d) = 13 then '0' || d
        when length(d) between 10 and 12 and luhn_ok(d) then lpad(d, 14, '0')
        else null
    end
);

create or replace temp macro ingest_siret_slow(v) as (
    case
        when contains(upper(v), 'E') then null
        else ingest_siret_digits(regexp_replace(regexp_replace(trim(v), '\.0$', ''), '[^0-9]', '', 'g'))
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
        when regexp_full_match(v, '[0-9]{14}') then v
        when regexp_full_match(v, '[0-9]{13}') then '0' || v
        else ingest_siret_slow(v)
    end
);

create or replace temp macro ingest_post_code(v) as (
    case
        when v is null then null
        when regexp_full_match(v, '[0-9]{5}') then v
        else ingest_post_code_slow(v)
    end
);

create or replace temp macro ingest_currency(v) as
    case
        when v is null or v = 'EUR' then 'EUR'
        when upper(coalesce(nullif(trim(v), ''), 'EUR')) = '€' then 'EUR'
        else upper(coalesce(nullif(trim(v), ''), 'EUR'))
    end;
