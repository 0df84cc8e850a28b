-- Parsing helpers for landed text (temporary: defined on each ingest connection).

-- Text fields: no control character survives (pipelines/textinput.py clean_text): each run of
-- them, with the spaces around it, becomes one space, and the ends are trimmed. A load picks one
-- of three cleaners for ingest_text (land.py define_text_cleaner) from what its file holds:
-- ingest_text_plain when no control character can reach a field (the usual file: DuckDB's
-- parallel reader splits every CR and LF, and there is no tab or other control byte),
-- ingest_text_fast when tabs or quoted line breaks can, ingest_text_thorough for any other.
create or replace temp macro ingest_text_clean(v) as
    nullif(trim(regexp_replace(
        v,
        '[ \t\n\r]*[\x00-\x1f\x7f-\x{9f}\x{2028}\x{2029}][ \t\n\r\x00-\x1f\x7f-\x{9f}\x{2028}\x{2029}]*',
        ' ',
        'g'
    )), '');

-- trim only when there is a space at either end (trim removes spaces only): most cells have none
create or replace temp macro ingest_text_plain(v) as
    case when starts_with(v, ' ') or ends_with(v, ' ') then nullif(trim(v), '') else nullif(v, '') end;

create or replace temp macro ingest_text_fast(v) as
    case
        when contains(v, chr(10)) or contains(v, chr(13)) or contains(v, chr(9)) then ingest_text_clean(v)
        when starts_with(v, ' ') or ends_with(v, ' ') then nullif(trim(v), '')
        else nullif(v, '')
    end;

create or replace temp macro ingest_text_thorough(v) as
    case
        when regexp_matches(v, '[\x00-\x1f\x7f-\x{9f}\x{2028}\x{2029}]') then ingest_text_clean(v)
        when starts_with(v, ' ') or ends_with(v, ' ') then nullif(trim(v), '')
        else nullif(v, '')
    end;

-- the default, until a load picks its own (land.py define_text_cleaner)
create or replace temp macro ingest_text(v) as ingest_text_thorough(v);

-- Amounts: the rule of pipelines/textinput.py parse_decimal, in SQL for speed (a test proves that
-- both give the same value for the same text). Spaces (plain, no-break, narrow no-break, thin),
-- apostrophes, euro signs and 'EUR' removed, ASCII whitespace trimmed at the ends; a trailing
-- minus (SAP) or (brackets) make a negative; DECIMAL(18, 2) rounds half-up, away from zero.
create or replace temp macro ingest_amount_clean(v) as
    trim(
        replace(replace(replace(replace(replace(replace(replace(replace(
            v, ' ', ''), chr(160), ''), chr(8239), ''), chr(8201), ''), chr(39), ''), chr(8217), ''),
            '€', ''), 'EUR', ''),
        chr(32) || chr(9) || chr(10) || chr(13) || chr(11) || chr(12)
    );

create or replace temp macro ingest_signed(s) as
    case
        when length(s) > 1 and ends_with(s, '-') then '-' || left(s, length(s) - 1)
        when length(s) > 2 and starts_with(s, '(') and ends_with(s, ')') then '-' || substr(s, 2, length(s) - 2)
        else s
    end;

-- a number with a decimal point and nothing else (no exponent, no underscore: a cast would take them)
create or replace temp macro ingest_plain_cast(s) as
    case when regexp_full_match(s, '[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)') then try_cast(s as decimal(18, 2)) end;

-- decimal comma, on a cleaned and signed text: dots are thousands separators only when they
-- group by three
create or replace temp macro ingest_amount_comma_signed(s) as (
    case
        when contains(s, '.') and not regexp_full_match(s, '[-+]?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]*)?') then null
        else ingest_plain_cast(replace(replace(s, '.', ''), ',', '.'))
    end
);

-- decimal point, on a cleaned and signed text: commas are thousands separators only when they
-- group by three
create or replace temp macro ingest_amount_point_signed(s) as (
    case
        when contains(s, ',') and not regexp_full_match(s, '[-+]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?') then null
        else ingest_plain_cast(replace(s, ',', ''))
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
-- brackets, trailing minus and thousands separators, which a castable text cannot contain; the
-- cast's other liberties, exponents and underscores, are kept out by the contains tests).
-- The full parser is bound through a one-element list_transform so that DuckDB evaluates it
-- only for the rows that need it (otherwise its repeated sub-expressions are computed for all).
create or replace temp macro ingest_amount_comma_plain(v) as
    case
        when not contains(v, '.') and not contains(v, 'e') and not contains(v, 'E') and not contains(v, '_')
            then try_cast(replace(v, ',', '.') as decimal(18, 2))
    end;

create or replace temp macro ingest_amount_point_plain(v) as
    case
        when not contains(v, ',') and not contains(v, 'e') and not contains(v, 'E') and not contains(v, '_')
            then try_cast(v as decimal(18, 2))
    end;

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

-- Whether a readable amount lost something when rounded to the cent (pipelines/textinput.py
-- is_rounded): a non-zero digit after the second decimal (spaces and units removed). The length test keeps the regular
-- expression off the values with at most two characters after the separator.
create or replace temp macro ingest_amount_comma_rounded(v) as
    case
        when strpos(v, ',') > 0 and length(v) - strpos(v, ',') > 2
            then regexp_matches(ingest_amount_clean(v), ',[0-9]{2}[0-9]*[1-9]')
        else false
    end;

create or replace temp macro ingest_amount_point_rounded(v) as
    case
        when strpos(v, '.') > 0 and length(v) - strpos(v, '.') > 2
            then regexp_matches(ingest_amount_clean(v), '\.[0-9]{2}[0-9]*[1-9]')
        else false
    end;

-- ingest_amount(v), the parser of the load's amount column, is defined per load by land_lines
-- (one of the four above, chosen from the decimal separator and a sample of the column).

-- Dates: the rule of pipelines/textinput.py parse_date (same formats, the same time and time
-- zone allowed after the date; a test proves both agree). The three usual shapes go straight to
-- their one format (each format that fails costs as much as a whole parse: yyyymmdd, third in a
-- list, took 5 s per 2 M values instead of 0.3 s); the others try the separated formats on the
-- value as it is (strptime skips surrounding whitespace; a year of fewer than four digits falls
-- outside ingest_date_ok), then yyyymmdd, only on exactly eight digits (strptime would read
-- 2026015 as 2026-01-05); the time suffix is cut off only for what they do not read.
create or replace temp macro ingest_date_text(v) as
    trim(v, chr(32) || chr(9) || chr(10) || chr(13) || chr(11) || chr(12));

create or replace temp macro ingest_date_formats() as
    ['%d/%m/%Y', '%Y-%m-%d', '%d.%m.%Y', '%d-%m-%Y', '%Y/%m/%d'];

create or replace temp macro ingest_date_compact(t) as
    case when length(t) = 8 and regexp_full_match(t, '[0-9]{8}') then try_strptime(t, '%Y%m%d') end;

create or replace temp macro ingest_date_suffix() as
    '(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?';

create or replace temp macro ingest_date_cut(t) as
    coalesce(ingest_date_compact(t), case when length(t) >= 8 then try_strptime(t, ingest_date_formats()) end);

create or replace temp macro ingest_date_any(v) as
    cast(coalesce(
        try_strptime(v, ingest_date_formats()),
        ingest_date_compact(v),
        -- bound through a one-element list_transform so that DuckDB computes the cut text only
        -- for the values that need it (its common-subexpression pass would do it for all)
        list_transform(
            [regexp_extract(ingest_date_text(v), '^(.*?)' || ingest_date_suffix() || '$', 1)],
            lambda t: ingest_date_cut(t)
        )[1]
    ) as date);

-- (a value of a usual length whose last character is not a digit, 2026-01-1Z, gets every rule)
create or replace temp macro ingest_date(v) as
    case
        when length(v) = 10 and substr(v, 3, 1) = '/' and substr(v, 6, 1) = '/'
            and substr(v, 10, 1) between '0' and '9'
            then cast(try_strptime(v, '%d/%m/%Y') as date)
        when length(v) = 10 and substr(v, 5, 1) = '-' and substr(v, 8, 1) = '-'
            and substr(v, 10, 1) between '0' and '9'
            then cast(try_strptime(v, '%Y-%m-%d') as date)
        when length(v) = 8 and regexp_full_match(v, '[0-9]{8}')
            then cast(try_strptime(v, '%Y%m%d') as date)
        else ingest_date_any(v)
    end;

-- A value with the shape of one of the formats (the reason for an unreadable one then says
-- "impossible date", e.g. 31/02/2026, rather than "wrong format").
create or replace temp macro ingest_date_shaped(v) as
    regexp_full_match(
        ingest_date_text(v),
        '([0-9]{1,2}/[0-9]{1,2}/[0-9]{4}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{8}|[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}'
        || '|[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}|[0-9]{4}/[0-9]{1,2}/[0-9]{1,2})' || ingest_date_suffix()
    );

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
