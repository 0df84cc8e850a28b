"""The ledger path parses amounts and dates in SQL (pipelines/ingest/sql/macros.sql) for speed;
pipelines/textinput.py is the rule. These tests prove that both read every text the same way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.ingest.land import define_macros, ingest_sql
from pipelines.textinput import (
    DATE_FORMATS,
    DATE_SUFFIX,
    DateError,
    NumberError,
    is_rounded,
    parse_amount,
    parse_date,
    parse_decimal,
)
from pipelines.warehouse.migrations import apply_migrations

PARSERS = {
    ",": ("ingest_amount_comma", "ingest_amount_comma_slow", "ingest_amount_comma_rounded"),
    ".": ("ingest_amount_point", "ingest_amount_point_slow", "ingest_amount_point_rounded"),
}


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    apply_migrations(connection)  # the warehouse's luhn_ok, which the SIRET macros use
    define_macros(connection)
    return connection


def python_amount(text: str, separator: str) -> tuple[Decimal | None, bool]:
    try:
        exact = parse_decimal(text, separator)
        return parse_amount(text, separator), is_rounded(exact)
    except NumberError:
        return None, False


def sql_amounts(
    con: duckdb.DuckDBPyConnection, texts: list[str], separator: str
) -> list[tuple[str, Decimal | None, Decimal | None, bool]]:
    fast, slow, rounded = PARSERS[separator]
    # macro names from the fixed table above
    return con.execute(
        f"select t, {fast}(t), {slow}(t), "
        f"case when {fast}(t) is not null then {rounded}(t) else false end "
        "from unnest(?) as u(t)",
        [texts],
    ).fetchall()


CASES = [
    "1234,56", "1 234,56", "1\u00a0234,56", "1\u202f234,56", "1.234,56", "1 234,56-",
    "(12,50)", "-12,5", "+12,5", "1 234,56 €", "12 EUR", "1,234.56", "1'234.56", "1234.56",
    "1,234,567", "1.234.567", "0,125", "-0,125", "0.125", "-0.125", "0,005", "2,675", "1,10",
    "1,2300", "1,2301", "1e3", "1E+3", "1_000", "nan", "inf", "--5", "-5-", "(-5)", "-", ".",
    ",", "()", "٣", "1\t234", "\t12,5\r", " 12 ", "9999999999999999,99", "9999999999999999,995",
    "10000000000000000", "0", "-0", "00012", ",5", "5,", "1.23,4", "12.345,678", "12,345.678",
]  # fmt: skip


@pytest.mark.parametrize("separator", [",", "."])
def test_sql_and_python_amounts_agree_on_cases(
    con: duckdb.DuckDBPyConnection, separator: str
) -> None:
    for text, fast, slow, rounded in sql_amounts(con, CASES, separator):
        expected, expected_rounded = python_amount(text, separator)
        assert (fast, slow, rounded) == (expected, expected, expected_rounded), (text, separator)


def test_sql_rounds_half_up_away_from_zero(con: duckdb.DuckDBPyConnection) -> None:
    rows = dict((r[0], r[1]) for r in sql_amounts(con, ["0,125", "-0,125", "-0,005"], ","))
    assert rows == {
        "0,125": Decimal("0.13"),
        "-0,125": Decimal("-0.13"),
        "-0,005": Decimal("-0.01"),
    }


AMOUNT_CHARS = st.sampled_from(
    list("0123456789") * 4
    + list(",.-+() ") * 2
    + ["\u00a0", "\u202f", "\u2009", "'", "\u2019", "€", "EUR", "e", "E", "_", "\t", "\r", "x"]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(AMOUNT_CHARS, max_size=14).map("".join), min_size=1, max_size=60))
def test_sql_and_python_amounts_agree_on_any_text(
    con: duckdb.DuckDBPyConnection, texts: list[str]
) -> None:
    for separator in (",", "."):
        for text, fast, slow, rounded in sql_amounts(con, texts, separator):
            expected, expected_rounded = python_amount(text, separator)
            assert (fast, slow, rounded) == (expected, expected, expected_rounded), (
                text,
                separator,
            )


# --- dates -----------------------------------------------------------------------------------


def test_sql_date_rule_is_the_python_one() -> None:
    macros = ingest_sql("macros")
    separated = [f for f in DATE_FORMATS if f != "%Y%m%d"]  # yyyymmdd has its own test in SQL
    assert "[" + ", ".join(f"'{f}'" for f in separated) + "]" in macros
    assert "try_strptime(t, '%Y%m%d')" in macros
    assert f"'{DATE_SUFFIX}'" in macros


def python_date(text: str) -> tuple[dt.date | None, bool]:
    """The date if the ingest keeps it (1950-2100), and whether it is 'impossible'."""
    try:
        day = parse_date(text)
    except DateError as exc:
        return None, exc.impossible
    if day is None or not dt.date(1950, 1, 1) <= day <= dt.date(2100, 12, 31):
        return None, False
    return day, False


def sql_dates(
    con: duckdb.DuckDBPyConnection, texts: list[str]
) -> list[tuple[str, dt.date | None, bool]]:
    return con.execute(
        "select t, case when ingest_date_ok(ingest_date(t)) then ingest_date(t) end, "
        "ingest_date(t) is null and coalesce(ingest_date_shaped(t), false) "
        "from unnest(?) as u(t)",
        [texts],
    ).fetchall()


DATE_CASES = [
    "31/01/2026", "1/2/2026", "2026-01-31", "20260131", "31.01.2026", "31-01-2026", "2026/01/31",
    "2026-01-1Z", "1/02/2026Z", "2026-1-01Z",
    "2026-01-31 10:11:12", "2026-01-31T10:11:12.123", "2026-01-31T10:11:12Z", "2019-05-20+02:00",
    "31/01/2026 10:11", " 29/02/2024 ", "31/02/2026", "29/02/2025", "2026-13-01", "00/01/2026",
    "20260230", "31/01/26", "2026015", "janvier 2026", "2026-01", "31/01/2026x", "01/02.2026",
    "01-02-2026-0100", "1/2/26", "", " ",
]  # fmt: skip


def test_sql_and_python_dates_agree_on_cases(con: duckdb.DuckDBPyConnection) -> None:
    for text, day, impossible in sql_dates(con, DATE_CASES):
        assert (day, impossible) == python_date(text), text


DATE_PARTS = st.tuples(
    st.integers(0, 40).map(str) | st.integers(0, 40).map(lambda n: f"{n:02d}"),
    st.integers(0, 14).map(str) | st.integers(0, 14).map(lambda n: f"{n:02d}"),
    st.sampled_from(["2026", "2024", "1949", "0026", "26", "12026", "2100", "2101"]),
    st.sampled_from(["/", "-", ".", ""]),
    st.booleans(),
    st.sampled_from(["", " 10:11", "T10:11:12", " 10:11:12.5", "Z", "+01:00", "-0100", "x", " "]),
)


def _date_text(parts: tuple[str, str, str, str, bool, str]) -> str:
    day, month, year, sep, year_first, suffix = parts
    body = sep.join([year, month, day] if year_first else [day, month, year])
    return body + suffix


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(DATE_PARTS.map(_date_text), min_size=1, max_size=60))
def test_sql_and_python_dates_agree_on_any_text(
    con: duckdb.DuckDBPyConnection, texts: list[str]
) -> None:
    for text, day, impossible in sql_dates(con, texts):
        assert (day, impossible) == python_date(text), text
