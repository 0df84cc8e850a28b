"""The text-input rules (pipelines/textinput.py), table-driven, with Hypothesis where a property
holds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.errors import UserError
from pipelines.textinput import (
    DateError,
    NumberError,
    clean_text,
    detect_decimal_separator,
    fold,
    normalize_newlines,
    parse_amount,
    parse_date,
    parse_decimal,
    read_rows,
    sniff_delimiter,
    to_cents,
)

# --- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "separator", "expected"),
    [
        ("1234,56", ",", "1234.56"),
        ("1 234,56", ",", "1234.56"),
        ("1\u00a0234,56", ",", "1234.56"),  # no-break space (Excel FR)
        ("1\u202f234,56", ",", "1234.56"),  # narrow no-break space (recent French locales)
        ("1.234,56", ",", "1234.56"),
        ("1.234.567,8", ",", "1234567.8"),
        ("1 234,56-", ",", "-1234.56"),  # SAP trailing minus
        ("(12,50)", ",", "-12.50"),
        ("-12,5", ",", "-12.5"),
        ("+12,5", ",", "12.5"),
        ("1 234,56 €", ",", "1234.56"),
        ("1234,56 EUR", ",", "1234.56"),
        ("  7 ", ",", "7"),
        (",5", ",", "0.5"),
        ("5,", ",", "5"),
        ("1,234.56", ".", "1234.56"),
        ("1'234.56", ".", "1234.56"),
        ("1\u2019234.56", ".", "1234.56"),
        ("1234.56", ".", "1234.56"),
        ("1,234,567", ".", "1234567"),
        # without a file-level separator, each value says its own
        ("1 234,56", None, "1234.56"),
        ("1.234,56", None, "1234.56"),
        ("1,234.56", None, "1234.56"),
        ("1234.56", None, "1234.56"),
        ("1,5", None, "1.5"),
        ("1.5", None, "1.5"),
        ("1.234.567", None, "1234567"),
        ("1,234,567", None, "1234567"),
        ("0,125", None, "0.125"),
    ],
)
def test_parse_decimal(text: str, separator: str | None, expected: str) -> None:
    assert parse_decimal(text, separator) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "separator"),
    [
        ("1.23,4", ","),  # dots that do not group by three
        ("1234.56", ","),  # a decimal point in a decimal-comma file
        ("1,234.56", ","),
        ("1.234,56", "."),
        ("1e3", None),  # exponents: no money is written so
        ("1E+3", ","),
        ("1_000", None),
        ("nan", None),
        ("NaN", "."),
        ("inf", None),
        ("-Infinity", None),
        ("12 34x", None),
        ("--5", None),
        ("-5-", None),
        ("(-5)", None),
        ("-", None),
        (".", None),
        ("()", None),
        ("٣", None),  # digits of other scripts
        ("1\t234", ","),
    ],
)
def test_parse_decimal_refuses(text: str, separator: str | None) -> None:
    with pytest.raises(NumberError):
        parse_decimal(text, separator)


@pytest.mark.parametrize("empty", [None, "", "  ", "€", " EUR "])
def test_parse_decimal_empty(empty: object) -> None:
    assert parse_decimal(empty) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, "3"), (Decimal("1.005"), "1.005"), (0.1, "0.1"), (1234.56, "1234.56")],
)
def test_parse_decimal_spreadsheet_numbers(value: object, expected: str) -> None:
    assert parse_decimal(value) == Decimal(expected)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("NaN"), True])
def test_parse_decimal_refuses_non_finite_cells(value: object) -> None:
    with pytest.raises(NumberError):
        parse_decimal(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0.125", "0.13"),
        ("-0.125", "-0.13"),
        ("0.115", "0.12"),
        ("0.005", "0.01"),
        ("-0.005", "-0.01"),
        ("0.0049", "0.00"),
        ("2.675", "2.68"),
        ("1.10", "1.10"),
    ],
)
def test_to_cents_rounds_half_up_away_from_zero(value: str, expected: str) -> None:
    assert to_cents(Decimal(value)) == Decimal(expected)


def test_parse_amount_refuses_what_decimal_18_2_cannot_hold() -> None:
    assert parse_amount("9999999999999999,99") == Decimal("9999999999999999.99")
    for too_big in ("9999999999999999,995", "10000000000000000", "1" + "0" * 40):
        with pytest.raises(NumberError):
            parse_amount(too_big)


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2))
def test_french_and_english_writings_read_the_same(value: Decimal) -> None:
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    french = sign + "\u202f".join(groups) + "," + cents
    german = sign + ".".join(groups) + "," + cents
    english = sign + ",".join(groups) + "." + cents
    sap = "\u00a0".join(groups) + "," + cents + sign
    for text, sep in ((french, ","), (german, ","), (english, "."), (sap, ",")):
        assert parse_decimal(text, sep) == value
    assert parse_decimal(french) == parse_decimal(english) == parse_decimal(german) == value


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-1e9, max_value=1e9))
def test_to_cents_is_within_half_a_cent(value: Decimal) -> None:
    cents = to_cents(value)
    assert abs(cents - value) <= Decimal("0.005")
    assert to_cents(cents) == cents
    assert to_cents(-value) == -cents


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1 234,56", "12,5", "3"], ","),
        (["1,234.56", "12.50"], "."),
        (["1.234", "2.345"], ","),  # ambiguous thousands: the French default
        (["1,234", "12.5"], "."),
        ([], ","),
    ],
)
def test_detect_decimal_separator(values: list[str], expected: str) -> None:
    assert detect_decimal_separator(values) == expected


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/01/2026", dt.date(2026, 1, 31)),
        ("1/2/2026", dt.date(2026, 2, 1)),
        ("2026-01-31", dt.date(2026, 1, 31)),
        ("20260131", dt.date(2026, 1, 31)),
        ("31.01.2026", dt.date(2026, 1, 31)),
        ("31-01-2026", dt.date(2026, 1, 31)),
        ("2026/01/31", dt.date(2026, 1, 31)),
        ("2026-01-31 10:11:12", dt.date(2026, 1, 31)),
        ("2026-01-31T10:11:12.123", dt.date(2026, 1, 31)),
        ("2026-01-31T10:11:12Z", dt.date(2026, 1, 31)),
        ("2019-05-20+02:00", dt.date(2019, 5, 20)),  # DECP 2019
        ("31/01/2026 10:11", dt.date(2026, 1, 31)),
        (" 29/02/2024 ", dt.date(2024, 2, 29)),
        ("9999-12-31", dt.date(9999, 12, 31)),
    ],
)
def test_parse_date(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["31/02/2026", "29/02/2025", "2026-13-01", "00/01/2026", "20260230"]
)
def test_parse_date_impossible(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert caught.value.impossible
    assert "impossible" in caught.value.fr


@pytest.mark.parametrize(
    "text", ["31/01/26", "2026015", "janvier 2026", "2026-01", "31/01/2026x", "01/02.2026", "1e3"]
)
def test_parse_date_wrong_format(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert not caught.value.impossible
    assert "jj/mm/aaaa" in caught.value.fr


def test_parse_date_passes_dates_through() -> None:
    assert parse_date(dt.datetime(2026, 1, 31, 10, 0)) == dt.date(2026, 1, 31)
    assert parse_date(dt.date(2026, 1, 31)) == dt.date(2026, 1, 31)
    assert parse_date("") is None and parse_date(None) is None


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_every_date_format_reads_back(day: dt.date) -> None:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%Y%m%d", "%d.%m.%Y", "%d-%m-%Y", "%Y/%m/%d"):
        assert parse_date(day.strftime(fmt)) == day


# --- folding, hygiene, delimiters ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Entreprise d'Insertion (EI)", "entreprise d insertion ei"),
        ("Heures réalisées", "heures realisees"),
        ("  ŒUVRES   Sociales ", "oeuvres sociales"),
        ("Clause_sociale", "clause sociale"),
        ("ÉTABLISSEMENT", "etablissement"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(text: str | None, expected: str) -> None:
    assert fold(text) == expected


@given(st.text())
def test_fold_is_idempotent_and_plain(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert all(c.islower() or c.isdigit() or c == " " for c in folded)
    assert folded.isascii()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("\nF-001", "F-001"),
        ("F-001\r", "F-001"),
        ("ACME\r\nSARL", "ACME SARL"),
        ("ACME \t SARL", "ACME SARL"),
        ("A\x00B\x1aC\x7f", "A B C"),
        ("ligne\u2028suite", "ligne suite"),
        ("  plain  ", "plain"),
        (None, ""),
    ],
)
def test_clean_text(value: str | None, expected: str) -> None:
    assert clean_text(value) == expected


@given(st.text())
def test_clean_text_leaves_no_control_character(text: str) -> None:
    import unicodedata

    cleaned = clean_text(text)
    assert not [c for c in cleaned if unicodedata.category(c) == "Cc" or c in "\u2028\u2029"]
    assert cleaned == cleaned.strip()


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r", "\r\r\n"])
def test_normalize_newlines(ending: str) -> None:
    assert normalize_newlines(f"a;b{ending}c;d{ending}") == "a;b\nc;d\n"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["a;b;c", "1;2;3"], ";"),
        (["a,b,c", "1,2,3"], ","),
        (["a\tb\tc", "1,5\t2\t3"], "\t"),
        (["a|b|c", "1|2|3"], "|"),
        (["Export du 01/01/2026", "a;b", "1;2"], ";"),  # a title line above the header
        (['"a;x",b', '"1;2",3'], ","),  # delimiters inside quotes do not count
        (["one column"], None),
    ],
)
def test_sniff_delimiter(lines: list[str], expected: str | None) -> None:
    assert sniff_delimiter(lines) == expected


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r", "\r\r\n"])
def test_read_rows_any_line_end(ending: str) -> None:
    text = ending.join(["id;name", "F-001;ACME", "F-002;Béta"]) + ending
    rows = list(read_rows(text, "f.csv"))
    assert rows == [(1, ["id", "name"]), (2, ["F-001", "ACME"]), (3, ["F-002", "Béta"])]


def test_read_rows_giant_field_is_a_user_error() -> None:
    import csv

    text = "id;name\nF-001;" + "x" * (csv.field_size_limit() + 10) + "\n"
    with pytest.raises(UserError) as caught:
        list(read_rows(text, "f.csv"))
    assert "f.csv, ligne 2" in caught.value.fr
    assert "f.csv, line 2" in caught.value.en
