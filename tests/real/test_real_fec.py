"""Real FECs, as accounting software wrote them, loaded through ``asr ingest --format fec``.

Every expected figure comes from ``independent.read_fec_spend`` (plain Python written from the
FEC specification and DOMAIN.md section 4); the product's figures are read back through the CLI
(``asr loads list``, ``asr loads quarantine``, ``asr report kpi``) and the warehouse. The files,
their sources and what each one exercises are listed in ``README.md`` beside this file.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from tests.real.harness import HERE, Home, details, euros, iso, load_into
from tests.real.independent import (
    NO_SUPPLIER,
    SEVERAL_SUPPLIERS,
    FecReading,
    read_fec,
    read_fec_spend,
)

ENTITY = "REAL"


@dataclass(frozen=True)
class Case:
    file: str
    exercises: str


CASES = {
    "quadra": Case(
        "fec/quadra_123456789FEC20190731.txt",
        "opening entry AN 'A NOUVEAUX' carrying fixed assets on 2x; tab; CompAuxNum suppliers; "
        "bank entries paying several suppliers",
    ),
    "odicom": Case(
        "fec/odicom_123456789FEC20200331.txt",
        "EcritureNum = 0 on every row; pipe; Windows-1252; opening journal 'BILAN D'OUVERTURE' "
        "known only by its equity accounts; suppliers as 401xxx accounts without CompAuxNum",
    ),
    "agrigest": Case(
        "fec/agrigest_123456789FEC20230331.txt",
        "space-padded fields and zero-padded signed amounts (+000000069,40); CRLF; opening "
        "journal AN; entry numbers shared across journals (A-1 and OD-1 are one entry)",
    ),
    "istea": Case(
        "fec/istea_123456789FEC20201231.txt",
        "21 columns (DateRglt, ModeRglt, NatOp); pipe; a whole fiscal year; opening journal "
        "'BILAN DEBUT'; purchases paid from the bank journal without a supplier account",
    ),
    "sage_coala": Case(
        "fec/sage_coala_2020.txt",
        "no purchase line (cash receipts, payroll charges 645, 658): nothing is spend",
    ),
}
NAMES = sorted(CASES)


def path_of(name: str) -> Path:
    return HERE / CASES[name].file


@pytest.fixture(scope="module")
def readings() -> dict[str, FecReading]:
    return {name: read_fec_spend(path_of(name)) for name in NAMES}


@pytest.fixture(scope="module")
def homes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Home]:
    """Each real FEC loaded once, alone, in its own ASR_HOME."""
    root = tmp_path_factory.mktemp("real_fec")
    return {
        name: load_into(root / name, path_of(name), "--format", "fec", "--entity", ENTITY)
        for name in NAMES
    }


def test_the_independent_reading_sees_what_each_file_is_chosen_for(
    readings: dict[str, FecReading],
) -> None:
    """Guards the corpus itself: if a file is replaced, the property it was kept for must stay."""
    quadra, odicom, agrigest = readings["quadra"], readings["odicom"], readings["agrigest"]
    istea, coala = readings["istea"], readings["sage_coala"]
    assert quadra.opening_entries == 1 and quadra.opening_amount_eur > 0
    assert quadra.quarantined.get(SEVERAL_SUPPLIERS, 0) > 0
    assert {line.number for line in read_fec(path_of("odicom"))} == {"0"}
    assert odicom.entry_fallback and odicom.opening_entries > 0
    assert agrigest.entry_fallback and agrigest.opening_entries >= 1
    assert path_of("agrigest").read_bytes().count(b"\r\n") == agrigest.rows_read + 1
    header = path_of("istea").read_text(encoding="utf-8").splitlines()[0]
    assert len(header.split("|")) == 21
    assert istea.opening_entries > 0 and istea.rows_loaded > 0
    assert coala.rows_loaded == 0 and coala.rows_quarantined == 0


@pytest.mark.parametrize("name", NAMES)
def test_the_file_loads(name: str, homes: dict[str, Home]) -> None:
    result = homes[name].ingest
    assert result.exit_code == 0, result.output
    assert homes[name].load()["format"] == "fec"


@pytest.mark.parametrize("name", NAMES)
def test_rows_read_counts_the_file_rows(
    name: str, homes: dict[str, Home], readings: dict[str, FecReading]
) -> None:
    assert homes[name].load()["rows_read"] == readings[name].rows_read


@pytest.mark.parametrize("name", NAMES)
def test_purchase_lines_loaded(
    name: str, homes: dict[str, Home], readings: dict[str, FecReading]
) -> None:
    home, reading = homes[name], readings[name]
    assert home.load()["rows_loaded"] == reading.rows_loaded
    rows = home.query("select source_row from raw_ledger_lines order by source_row")
    assert [r[0] for r in rows] == sorted(reading.loaded_rows)


@pytest.mark.parametrize("name", NAMES)
def test_total_spend_to_the_cent(
    name: str, homes: dict[str, Home], readings: dict[str, FecReading]
) -> None:
    reading = readings[name]
    kpi = homes[name].kpi(iso(reading.date_from), iso(reading.date_to))
    assert euros(kpi["spend_eur"]) == reading.spend_eur


@pytest.mark.parametrize("name", NAMES)
def test_spend_per_supplier(
    name: str, homes: dict[str, Home], readings: dict[str, FecReading]
) -> None:
    rows = homes[name].query(
        "select supplier_code, sum(amount_eur) from raw_ledger_lines group by supplier_code"
    )
    assert {code: Decimal(total) for code, total in rows} == readings[name].spend_by_supplier


@pytest.mark.parametrize("name", NAMES)
def test_opening_entries_never_count(
    name: str, homes: dict[str, Home], readings: dict[str, FecReading]
) -> None:
    loaded = {r[0] for r in homes[name].query("select source_row from raw_ledger_lines")}
    assert not loaded & set(readings[name].opening_rows)


@pytest.mark.parametrize("name", NAMES)
def test_lines_quarantined(
    name: str, homes: dict[str, Home], readings: dict[str, FecReading]
) -> None:
    home, reading = homes[name], readings[name]
    assert home.load()["rows_quarantined"] == reading.rows_quarantined
    assert {q["row_no"] for q in home.quarantine()} == set(reading.quarantined_rows)


@pytest.mark.parametrize("name", NAMES)
def test_quarantine_says_why(
    name: str, homes: dict[str, Home], readings: dict[str, FecReading]
) -> None:
    """A quarantined line's reason tells an entry with no supplier from one with several."""
    category_of = {
        row: reason
        for reason, rows in readings[name].quarantined_rows_by_reason.items()
        for row in rows
    }
    reasons: dict[str, set[str]] = defaultdict(set)
    for q in homes[name].quarantine():
        reasons[category_of.get(q["row_no"], "unexpected row")].add(q["reason"])
    assert set(reasons) <= {NO_SUPPLIER, SEVERAL_SUPPLIERS}, dict(reasons)
    assert not reasons[NO_SUPPLIER] & reasons[SEVERAL_SUPPLIERS]


# --- The load report's details (names agreed with the integrator; adjust here if they move) ---


@pytest.mark.parametrize("name", NAMES)
def test_details_entries(
    name: str, homes: dict[str, Home], readings: dict[str, FecReading]
) -> None:
    assert details(homes[name].load())["entries"] == readings[name].entries


@pytest.mark.parametrize("name", NAMES)
def test_details_entry_fallback(
    name: str, homes: dict[str, Home], readings: dict[str, FecReading]
) -> None:
    assert bool(details(homes[name].load())["entry_fallback"]) is readings[name].entry_fallback


@pytest.mark.parametrize("name", NAMES)
def test_details_opening_entries(
    name: str, homes: dict[str, Home], readings: dict[str, FecReading]
) -> None:
    assert details(homes[name].load())["opening_entries"] == readings[name].opening_entries


@pytest.mark.parametrize("name", NAMES)
def test_details_opening_purchase_lines(
    name: str, homes: dict[str, Home], readings: dict[str, FecReading]
) -> None:
    """Spend-account lines of the opening entries, never counted."""
    got = details(homes[name].load())["opening_purchase_lines"]
    assert got == len(readings[name].opening_rows)


@pytest.mark.parametrize("name", NAMES)
def test_details_opening_amount(
    name: str, homes: dict[str, Home], readings: dict[str, FecReading]
) -> None:
    """The spend the opening entries would have brought (their lines on purchase accounts)."""
    got = euros(details(homes[name].load())["opening_purchase_eur"])
    assert got == readings[name].opening_amount_eur


@pytest.mark.parametrize("name", NAMES)
def test_details_quarantine_reasons(
    name: str, homes: dict[str, Home], readings: dict[str, FecReading]
) -> None:
    key = {NO_SUPPLIER: "none", SEVERAL_SUPPLIERS: "several"}
    got = details(homes[name].load()).get("unattributed_lines") or {}
    expected = {key[reason]: n for reason, n in readings[name].quarantined.items()}
    assert {k: v for k, v in got.items() if v} == expected


# --- Bad input never moves what is loaded ---


@pytest.fixture
def quadra_home(tmp_path: Path) -> Home:
    home = load_into(tmp_path / "home", path_of("quadra"), "--format", "fec", "--entity", ENTITY)
    assert home.ingest.exit_code == 0, home.ingest.output
    return home


def _assert_unmoved(home: Home, before: tuple[object, list[object]]) -> None:
    """Same KPIs; the loads recorded before are still there, unchanged (a new record may say
    what was refused or found identical)."""
    kpi, loads = _state(home)
    assert kpi == before[0]
    assert loads[len(loads) - len(before[1]) :] == before[1]


def _state(home: Home) -> tuple[object, list[object]]:
    kpi = home.json("report", "kpi", "--from", "1900-01-01", "--to", "2100-12-31")
    loads = [
        {k: v for k, v in load.items() if k not in ("loaded_at",)}
        for load in home.json("loads", "list")
    ]
    return kpi, loads


def test_the_same_file_again_changes_nothing(quadra_home: Home) -> None:
    before = _state(quadra_home)
    again = quadra_home.cli(
        "ingest", str(path_of("quadra")), "--format", "fec", "--entity", ENTITY, "--no-classify"
    )
    assert again.exit_code == 0, again.output
    _assert_unmoved(quadra_home, before)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(
            lambda b: b.replace(b"\tDebit\tCredit\t", b"\tDebet\tKredit\t", 1),
            id="no-amount-columns",
        ),
        pytest.param(lambda b: b"\x00\x01\x02" * 1000, id="binary"),
        pytest.param(lambda b: b.split(b"\n", 1)[0] + b"\n", id="header-only"),
    ],
)  # fmt: skip
def test_a_damaged_copy_is_refused_and_nothing_moves(
    quadra_home: Home, tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    before = _state(quadra_home)
    bad = tmp_path / "damaged_FEC.txt"
    shutil.copyfile(path_of("quadra"), bad)
    bad.write_bytes(damage(bad.read_bytes()))
    result = quadra_home.cli("ingest", str(bad), "--format", "fec", "--entity", ENTITY)
    assert result.exit_code == 1, result.output
    assert "damaged_FEC.txt" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    _assert_unmoved(quadra_home, before)
