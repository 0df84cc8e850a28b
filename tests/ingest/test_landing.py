"""The one-pass landing: row numbers, parked rows, duplicates, and parsers that agree."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from pipelines.identifiers import normalize_siret
from pipelines.ingest import ingest_files
from pipelines.ingest.land import define_macros
from pipelines.settings import Settings
from pipelines.textinput import mostly_plain_numbers
from pipelines.warehouse.migrations import apply_migrations
from tests.ingest.conftest import query, totals

HEADER = "Société;N° de facture;N° de ligne;Date de facture;Fournisseur;Montant HT\n"


def _ledger(path: Path, rows: list[str], *, title: bool = False) -> Path:
    text = ("Export achats\n" if title else "") + HEADER + "".join(r + "\n" for r in rows)
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_numbered_in_file_order_around_bad_and_blank_rows(
    settings: Settings, tmp_path: Path
) -> None:
    rows = [f"E;F{i};1;01/02/2024;X;{i},00" for i in range(3000)]
    rows[10] = "E;F10;1;31/02/2024;X;10,00"  # bad date
    rows[2000] = ";;;;;"  # all empty
    rows[2999] = "E;F2999;1;01/02/2024;X;abc"  # bad amount, last row
    path = _ledger(tmp_path / "big.csv", rows, title=True)
    (result,) = ingest_files([path], settings=settings)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (2999, 2997, 2)
    # header on line 2: data row i is on line i + 3
    wrong = query(
        settings,
        "select count(*) from raw_ledger_lines "
        "where invoice_id <> 'F' || cast(source_row - 3 as varchar)",
    )
    assert wrong == [(0,)]
    assert query(settings, "select row_no, column_name, value from quarantine order by 1") == [
        (13, "Date de facture", "31/02/2024"),
        (3002, "Montant HT", "abc"),
    ]
    assert query(settings, "select count(*) from raw_ledger_lines where load_id < 0") == [(0,)]


def test_numbering_after_earlier_loads_and_replacements(settings: Settings, tmp_path: Path) -> None:
    first = _ledger(tmp_path / "a.csv", [f"E;A{i};1;01/02/2024;X;1,00" for i in range(50)])
    ingest_files([first], settings=settings)
    # replaces A0..A9 (deleted rows in the table), adds B rows
    second = _ledger(
        tmp_path / "b.csv",
        [f"E;A{i};1;01/02/2024;X;2,00" for i in range(10)]
        + [f"E;B{i};1;01/02/2024;X;1,00" for i in range(5)],
    )
    (res2,) = ingest_files([second], settings=settings)
    assert res2.rows_replaced == 10
    third = _ledger(
        tmp_path / "c.csv",
        ["E;C0;1;01/02/2024;X;1,00", "E;C1;1;xx;X;1,00", "E;C2;1;01/02/2024;X;1,00"],
    )
    (res3,) = ingest_files([third], settings=settings)
    assert (res3.rows_loaded, res3.rows_quarantined) == (2, 1)
    assert query(
        settings,
        "select invoice_id, source_row from raw_ledger_lines where load_id = ? order by 2",
        [res3.load_id],
    ) == [("C0", 2), ("C2", 4)]
    assert totals(settings) == (57, Decimal("40.00") + Decimal("20.00") + Decimal("5.00") + 2)


def test_duplicate_key_in_one_file_keeps_the_first(settings: Settings, tmp_path: Path) -> None:
    path = _ledger(
        tmp_path / "dup.csv",
        ["E;F1;1;01/02/2024;X;1,00", "E;F1;2;01/02/2024;X;2,00", "E;F1;1;01/02/2024;X;4,00"],
    )
    (result,) = ingest_files([path], settings=settings)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (3, 2, 1)
    assert totals(settings) == (2, Decimal("3.00"))
    assert query(settings, "select row_no, column_name, value from quarantine") == [
        (4, "line_no", "F1 / 1")
    ]


def test_empty_line_number_in_a_numbered_file_is_quarantined(
    settings: Settings, tmp_path: Path
) -> None:
    path = _ledger(tmp_path / "l.csv", ["E;F1;1;01/02/2024;X;1,00", "E;F1;;01/02/2024;X;2,00"])
    (result,) = ingest_files([path], settings=settings)
    assert (result.rows_loaded, result.rows_quarantined) == (1, 1)
    assert query(settings, "select row_no, column_name, reason from quarantine") == [
        (3, "N° de ligne", "n° de ligne manquant")
    ]


def test_line_numbers_without_a_line_column_follow_the_file(
    settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "noline.csv"
    path.write_text(
        "Société;N° de facture;Date de facture;Fournisseur;Montant HT\n"
        "E;F2;01/02/2024;X;1,00\n"
        "E;F1;01/02/2024;X;2,00\n"
        "E;F2;01/02/2024;X;bad\n"
        "E;F2;01/02/2024;X;3,00\n",
        encoding="utf-8",
    )
    ingest_files([path], settings=settings)
    assert query(
        settings, "select invoice_id, line_no, source_row from raw_ledger_lines order by 3"
    ) == [("F2", 1, 2), ("F1", 1, 3), ("F2", 2, 5)]


# --- the fast parsers give the same value as the full ones, for any text -----------------------

AMOUNT_TEXT = st.text(alphabet="0123456789,.-+() e€\u00a0'E_", max_size=14)


@pytest.fixture(scope="module")
def macro_con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    apply_migrations(con)  # the warehouse's luhn_ok, which ingest_siret uses
    define_macros(con)
    return con


@pytest.mark.parametrize(
    ("text", "comma", "point"),
    [
        ("-1234,56", Decimal("-1234.56"), None),
        ("1234.56", None, Decimal("1234.56")),
        ("1 234,56", Decimal("1234.56"), None),
        ("1\u00a0234,56-", Decimal("-1234.56"), None),
        ("1.234,56", Decimal("1234.56"), None),
        ("1,234.56", None, Decimal("1234.56")),
        ("(5,00)", Decimal("-5.00"), None),
        ("12 €", Decimal("12.00"), Decimal("12.00")),
        ("1.5", None, Decimal("1.50")),
        ("abc", None, None),
    ],
)
def test_amount_parsers(
    macro_con: duckdb.DuckDBPyConnection, text: str, comma: Decimal | None, point: Decimal | None
) -> None:
    got = macro_con.execute(
        "select ingest_amount_comma($v), ingest_amount_point($v)", {"v": text}
    ).fetchone()
    assert got == (comma, point)


@hsettings(max_examples=300, deadline=None)
@given(values=st.lists(AMOUNT_TEXT, min_size=1, max_size=20))
def test_fast_amount_parsers_agree_with_full_ones(
    macro_con: duckdb.DuckDBPyConnection, values: list[str]
) -> None:
    rows = macro_con.execute(
        "select v, ingest_amount_comma(v), ingest_amount_comma_slow(v), "
        "ingest_amount_point(v), ingest_amount_point_slow(v) from unnest($values) as t(v)",
        {"values": values},
    ).fetchall()
    for v, fast_c, slow_c, fast_p, slow_p in rows:
        assert (fast_c, fast_p) == (slow_c, slow_p), v


@pytest.mark.parametrize(
    ("text", "siret", "post_code", "currency", "clean"),
    [
        ("12345678901234", "12345678901234", None, "12345678901234", "12345678901234"),
        ("5442045900018", "05442045900018", None, "5442045900018", "5442045900018"),
        ("544 204 590 00018", "54420459000018", None, "544 204 590 00018", "544 204 590 00018"),
        ("5442045900018.0", "05442045900018", None, "5442045900018.0", "5442045900018.0"),
        # a number cell that lost two leading zeros: padded where the check digit passes
        ("542045000016", "00542045000016", None, "542045000016", "542045000016"),
        ("542045000016.0", "00542045000016", None, "542045000016.0", "542045000016.0"),
        ("542045000017", None, None, "542045000017", "542045000017"),
        ("8.0746931700018E+13", None, None, "8.0746931700018E+13", "8.0746931700018E+13"),
        ("75001", None, "75001", "75001", "75001"),
        ("8000", None, "08000", "8000", "8000"),
        (" eur ", None, None, "EUR", "eur"),
        ("€", None, None, "EUR", "€"),
        ("   ", None, None, "EUR", None),
        (None, None, None, "EUR", None),
    ],
)
def test_text_macros(
    macro_con: duckdb.DuckDBPyConnection,
    text: str | None,
    siret: str | None,
    post_code: str | None,
    currency: str,
    clean: str | None,
) -> None:
    got = macro_con.execute(
        "select ingest_siret($v), ingest_post_code($v), ingest_currency($v), ingest_text($v)",
        {"v": text},
    ).fetchone()
    assert got == (siret, post_code, currency, clean)


SIRET_TEXT = st.builds(
    lambda digits, sep, tail: sep.join([digits[:3], digits[3:]]) + tail,
    st.text(alphabet="0123456789", min_size=4, max_size=15),
    st.sampled_from(["", " ", ".", "\u00a0"]),
    st.sampled_from(["", ".0"]),
)


@given(st.lists(SIRET_TEXT, min_size=1, max_size=40))
def test_ingest_siret_is_normalize_siret(
    macro_con: duckdb.DuckDBPyConnection, texts: list[str]
) -> None:
    """The SQL reader and pipelines.identifiers pad and refuse the same SIRETs."""
    rows = macro_con.execute(
        "select v, ingest_siret(v) from unnest($texts) as t(v)", {"texts": texts}
    ).fetchall()
    for v, got in rows:
        assert got == normalize_siret(v), v


def test_plain_number_sample() -> None:
    assert mostly_plain_numbers(["-12,50", "3", "1000,00"], ",")
    assert not mostly_plain_numbers(["1 234,50", "1 000,00", "3,00"], ",")
    assert not mostly_plain_numbers([], ".")


@pytest.mark.parametrize(
    ("cap_mb", "size_mb", "expected_mb"),
    [
        (1024, 10, 512),  # small files: the 512 MB floor
        (1024, 1363, 1022),  # 10 M benchmark lines: 3/4 of the file
        (1024, 8000, 1024),  # capped by the setting
        (256, 1363, 256),  # a lower cap wins over the floor
        (10, 10, 64),  # never below 64 MB
    ],
)
def test_load_memory(settings: Settings, cap_mb: int, size_mb: int, expected_mb: int) -> None:
    from dataclasses import replace

    from pipelines.ingest import load_memory_mb

    capped = replace(settings, ingest_memory_mb=cap_mb)
    assert load_memory_mb(capped, size_mb << 20) == expected_mb
