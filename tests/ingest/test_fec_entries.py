"""FEC entries (DOMAIN.md section 4): opening entries, weak numbering, one supplier per entry.

Each case is a small FEC written here line by line; the expected figures are read off the lines.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from pipelines.ingest import ingest_files
from pipelines.ingest.fec_runs import balanced_runs
from pipelines.settings import Settings, load_settings
from tests.ingest.conftest import query, totals

D = Decimal
HEADER = (
    "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\t"
    "CompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\t"
    "ValidDate\tMontantdevise\tIdevise"
)


def line(journal: str, label: str, num: str, date: str, account: str, aux: str,
         debit: str, credit: str) -> str:  # fmt: skip
    aux_label = f"Fournisseur {aux}" if aux else ""
    return "\t".join(
        [journal, label, num, date, account, f"Compte {account}", aux, aux_label, "P", date,
         "lib", debit, credit, "", "", date, "", ""]
    )  # fmt: skip


def purchase(journal: str, num: str, date: str, supplier: str, amount: str,
             account: str = "60630000", label: str = "Achats") -> list[str]:  # fmt: skip
    """A balanced purchase entry: expense debit, supplier credit."""
    return [
        line(journal, label, num, date, account, "", amount, "0,00"),
        line(journal, label, num, date, "40100000", supplier, "0,00", amount),
    ]


def write_fec(tmp_path: Path, lines: list[str], name: str = "552100554FEC20241231.txt") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def load_details(settings: Settings, load_id: int) -> dict[str, object]:
    (row,) = query(settings, "select details from loads where load_id = ?", [load_id])
    details: dict[str, object] = json.loads(str(row[0]))
    return details


def spend_by_supplier(settings: Settings) -> dict[str, Decimal]:
    rows = query(
        settings,
        "select supplier_code, sum(amount_eur) from raw_ledger_lines group by 1 order by 1",
    )
    return {str(code): Decimal(amount) for code, amount in rows}


OPENING = [
    # the opening entry: fixed assets, equity and a supplier balance brought forward
    line("ANO", "A nouveaux", "1", "20240101", "21540000", "", "150000,00", "0,00"),
    line("ANO", "A nouveaux", "1", "20240101", "10130000", "", "0,00", "140000,00"),
    line("ANO", "A nouveaux", "1", "20240101", "40100000", "ESAT1", "0,00", "10000,00"),
]


def test_opening_entry_is_never_spend(settings: Settings, tmp_path: Path) -> None:
    fec = write_fec(tmp_path, OPENING + purchase("HA", "7", "20240210", "ESAT1", "1 200,00"))
    (result,) = ingest_files([fec], settings=settings)
    assert totals(settings) == (1, D("1200.00"))
    assert result.rows_read == 5  # every accounting line of the file
    assert result.rows_quarantined == 0
    details = load_details(settings, int(result.load_id or 0))
    assert details["opening_entries"] == 1
    assert details["opening_purchase_eur"] == "150000.00"
    assert details["entries"] == 2 and details["entry_fallback"] is False
    assert any("à-nouveaux" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("journal", "label", "equity_account"),
    [
        ("AN", "Journal", "40800000"),  # by journal code
        ("RAN", "Report", "40800000"),
        ("ad", "Divers", "40800000"),  # case-insensitive
        ("OUV", "Ouverture", "40800000"),
        ("XX", "Reprise à-nouveaux", "40800000"),  # by journal label
        ("XX", "REPORT A NOUVEAU", "40800000"),
        ("OD", "Opérations diverses", "12000000"),  # by an equity account of the entry
        ("OD", "Opérations diverses", "11000000"),
    ],
)
def test_opening_entry_kinds(
    settings: Settings, tmp_path: Path, journal: str, label: str, equity_account: str
) -> None:
    lines = [
        line(journal, label, "1", "20240101", "23130000", "", "5000,00", "0,00"),
        line(journal, label, "1", "20240101", equity_account, "S1", "0,00", "5000,00"),
        *purchase("HA", "2", "20240105", "S1", "10,00"),
    ]
    (result,) = ingest_files([write_fec(tmp_path, lines)], settings=settings)
    assert totals(settings) == (1, D("10.00"))
    assert load_details(settings, int(result.load_id or 0))["opening_entries"] == 1


def test_sole_trader_private_share_is_not_an_opening(settings: Settings, tmp_path: Path) -> None:
    """108 (compte de l'exploitant) is posted all year in ordinary entries: they stay purchases."""
    lines = [
        line("HA", "Achats", "3", "20240110", "60610000", "", "100,00", "0,00"),
        line("HA", "Achats", "3", "20240110", "10800000", "", "0,00", "20,00"),
        line("HA", "Achats", "3", "20240110", "40100000", "EDF", "0,00", "80,00"),
    ]
    (result,) = ingest_files([write_fec(tmp_path, lines)], settings=settings)
    assert spend_by_supplier(settings) == {"EDF": D("100.00")}
    assert load_details(settings, int(result.load_id or 0))["opening_entries"] == 0


def test_stock_variation_is_not_spend(settings: Settings, tmp_path: Path) -> None:
    """603 (variation des stocks) is the year-end change of inventory, bought from no one."""
    lines = [
        line("OD", "Inventaire", "9", "20241231", "60310000", "", "0,00", "2 500,00"),
        line("OD", "Inventaire", "9", "20241231", "31000000", "", "2 500,00", "0,00"),
        *purchase("HA", "1", "20240110", "S1", "40,00", account="60210000"),
    ]
    (result,) = ingest_files([write_fec(tmp_path, lines)], settings=settings)
    assert totals(settings) == (1, D("40.00"))
    assert result.rows_quarantined == 0


def test_opening_journals_setting(
    asr_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASR_FEC_OPENING_JOURNALS", "RN, ini")
    settings = load_settings()
    assert settings.fec_opening_journals == ("RN", "INI")
    lines = [
        *purchase("INI", "1", "20240101", "S1", "700,00", account="21540000", label="Initial"),
        *purchase("ANO", "2", "20240102", "S1", "30,00", label="Achats"),  # not listed any more
    ]
    ingest_files([write_fec(tmp_path, lines)], settings=settings)
    assert totals(settings) == (1, D("30.00"))


def test_purchase_credited_to_the_supplier_of_its_entry(settings: Settings, tmp_path: Path) -> None:
    lines = [
        line("HA", "Achats", "1", "20240110", "40100000", "A", "0,00", "120,00"),  # supplier first
        line("HA", "Achats", "1", "20240110", "44566000", "", "20,00", "0,00"),
        line("HA", "Achats", "1", "20240110", "60400000", "", "100,00", "0,00"),
        *purchase("HA", "2", "20240111", "B", "50,00"),
        # a payment entry: no purchase account, nothing counted
        line("BQ", "Banque", "1", "20240120", "40100000", "A", "120,00", "0,00"),
        line("BQ", "Banque", "1", "20240120", "51200000", "", "0,00", "120,00"),
    ]
    ingest_files([write_fec(tmp_path, lines)], settings=settings)
    assert spend_by_supplier(settings) == {"A": D("100.00"), "B": D("50.00")}


def test_entry_with_several_or_no_supplier_is_quarantined(
    settings: Settings, tmp_path: Path
) -> None:
    lines = [
        line("HA", "Achats", "1", "20240110", "60400000", "", "100,00", "0,00"),
        line("HA", "Achats", "1", "20240110", "61100000", "", "40,00", "0,00"),
        line("HA", "Achats", "1", "20240110", "40100000", "A", "0,00", "100,00"),
        line("HA", "Achats", "1", "20240110", "40100000", "B", "0,00", "40,00"),
        # bank fees paid straight from the bank: no supplier line
        line("BQ", "Banque", "9", "20240131", "62700000", "", "12,50", "0,00"),
        line("BQ", "Banque", "9", "20240131", "51200000", "", "0,00", "12,50"),
        *purchase("HA", "2", "20240111", "A", "5,00"),
    ]
    (result,) = ingest_files([write_fec(tmp_path, lines)], settings=settings)
    assert totals(settings) == (1, D("5.00"))
    assert result.rows_quarantined == 3
    reasons = query(
        settings, "select row_no, column_name, value, reason from quarantine order by row_no"
    )
    assert [(r[0], r[1], r[2]) for r in reasons] == [
        (2, "CompAuxNum", "A, B"),
        (3, "CompAuxNum", "A, B"),
        (6, "CompAuxNum", None),
    ]
    assert "HA-1 avec 2 fournisseurs" in reasons[0][3]
    assert "BQ-9 sans ligne fournisseur" in reasons[2][3]
    details = load_details(settings, int(result.load_id or 0))
    assert details["unattributed_lines"] == {"several": 2, "none": 1}


def weakly_numbered(entries: list[tuple[str, str, str]], number: str = "0") -> list[str]:
    """Purchase entries (date, supplier, amount) of journal HA, all numbered ``number``."""
    rows: list[str] = []
    for date, supplier, amount in entries:
        rows += purchase("HA", number, date, supplier, amount)
    return rows


def test_one_number_on_every_row_falls_back_to_balanced_runs(
    settings: Settings, tmp_path: Path
) -> None:
    entries = [("20240110", "A", "100,00"), ("20240110", "B", "40,00"), ("20240111", "A", "1,00")]
    entries += [(f"202402{d:02d}", "C", "10,00") for d in range(1, 11)]  # 26 rows in all
    (result,) = ingest_files([write_fec(tmp_path, weakly_numbered(entries))], settings=settings)
    assert spend_by_supplier(settings) == {"A": D("101.00"), "B": D("40.00"), "C": D("100.00")}
    assert result.rows_quarantined == 0
    details = load_details(settings, int(result.load_id or 0))
    assert details["entry_fallback"] is True and details["entries"] == 13
    assert details["fallback_entries"] == 13
    ids = [r[0] for r in query(settings, "select invoice_id from raw_ledger_lines order by 1")]
    # each entry named after the file line where it starts (header = line 1)
    assert len(set(ids)) == 13 and {"HA-L2", "HA-L4", "HA-L26"} <= set(ids)
    assert any("reconstituées" in w for w in result.warnings)


def test_unbalanced_numbers_fall_back_on_that_journal_only(
    settings: Settings, tmp_path: Path
) -> None:
    lines = [
        # number 5 holds two balanced entries of two dates: the numbers do not identify entries
        *purchase("HA", "5", "20240110", "A", "10,00"),
        *purchase("HA", "5", "20240112", "B", "20,00"),
        *purchase("OD", "5", "20240113", "C", "30,00"),  # journal OD keeps its numbers
    ]
    ingest_files([write_fec(tmp_path, lines)], settings=settings)
    assert spend_by_supplier(settings) == {"A": D("10.00"), "B": D("20.00"), "C": D("30.00")}
    ids = [r[0] for r in query(settings, "select invoice_id from raw_ledger_lines order by 1")]
    assert ids == ["HA-L2", "HA-L4", "OD-5"]


def test_runs_are_consecutive_lines_of_the_file(settings: Settings, tmp_path: Path) -> None:
    """A line of another journal between two lines ends the run: nothing is guessed across it."""
    lines = [
        *weakly_numbered([("20240110", "A", "10,00")]),
        # journal HA continues after an OD line of the same date: the run is cut, unbalanced
        line("HA", "Achats", "0", "20240111", "60400000", "", "7,00", "0,00"),
        line("OD", "Divers", "1", "20240111", "61300000", "", "3,00", "0,00"),
        line("OD", "Divers", "1", "20240111", "31000000", "", "0,00", "3,00"),
        line("HA", "Achats", "0", "20240111", "40100000", "B", "0,00", "7,00"),
        *weakly_numbered([("20240112", "C", "1,00")]),
    ]
    (result,) = ingest_files([write_fec(tmp_path, lines)], settings=settings)
    assert spend_by_supplier(settings) == {"A": D("10.00"), "C": D("1.00")}
    # the 604 line of HA is alone in its run (no supplier); the 613 line of OD has none either
    assert result.rows_quarantined == 2


def test_unreadable_amount_does_not_unbalance_the_numbering(
    settings: Settings, fixtures: Path
) -> None:
    (result,) = ingest_files([fixtures / "fec_montant_sens.txt"], entity="B", settings=settings)
    ids = [r[0] for r in query(settings, "select invoice_id from raw_ledger_lines")]
    assert ids == ["ACH-1"]
    assert load_details(settings, int(result.load_id or 0))["entry_fallback"] is False


entry_st = st.tuples(
    st.integers(min_value=1, max_value=28),  # day of January
    st.sampled_from(["A", "B", "C"]),
    st.integers(min_value=1, max_value=10**7).map(lambda c: f"{c // 100},{c % 100:02d}"),
)


@hsettings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entries=st.lists(entry_st, min_size=10, max_size=15))
def test_weak_numbering_credits_the_same_suppliers(
    entries: list[tuple[int, str, str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Numbering each entry, or giving every row the number 0, credits the same suppliers.

    (From 20 rows: in a smaller file, one number on every row of one date is a legitimate
    entry, so that several suppliers in it are quarantined, not split.)"""
    entries = sorted(entries)
    dated = [(f"202401{day:02d}", s, a) for day, s, a in entries]
    numbered: list[str] = []
    for i, (date, supplier, amount) in enumerate(dated):
        numbered += purchase("HA", str(i + 1), date, supplier, amount)
    expected: dict[str, Decimal] = {}
    for _, supplier, amount in dated:
        expected[supplier] = expected.get(supplier, D(0)) + D(amount.replace(",", "."))
    for rows in (numbered, weakly_numbered(dated)):
        tmp = tmp_path_factory.mktemp("fec")
        home = tmp / "home"
        home.mkdir()
        settings = Settings(home=home, database_url=f"sqlite:///{home / 'asr.sqlite'}", user="t")
        ingest_files([write_fec(tmp, rows)], settings=settings)
        assert spend_by_supplier(settings) == expected


@pytest.mark.parametrize(
    ("journal", "date", "cents", "expected"),
    [
        ([], [], [], []),
        (["J"] * 4, [1] * 4, [10, -10, 5, -5], [0, 0, 2, 2]),  # two balanced runs
        (["J"] * 3, [1, 1, 2], [10, 5, -15], [0, 0, 2]),  # the date change ends a run
        (["J", "K", "J"], [1] * 3, [10, 0, -10], [0, 1, 2]),  # so does another journal
        (["J"] * 3, [1] * 3, [0, 10, -10], [0, 1, 1]),  # a zero line is a run of its own
        (["J"] * 4, [1] * 4, [10, -4, -6, 3], [0, 0, 0, 3]),
    ],
)
def test_balanced_runs(
    journal: list[str], date: list[int], cents: list[int], expected: list[int]
) -> None:
    rows = np.arange(len(cents), dtype=np.int64)
    got = balanced_runs(np.array(journal), np.array(date), np.array(cents, dtype=np.int64), rows)
    assert got.tolist() == expected


def _runs_by_loop(lines: list[tuple[str, int, int]]) -> list[int]:
    """The rule read plainly: walk the lines, closing a run on a zero balance or a new segment."""
    first: list[int] = []
    start, balance = 0, 0
    for i, (journal, date, cents) in enumerate(lines):
        if i and (journal, date) != lines[i - 1][:2]:
            start, balance = i, 0
        elif i and balance == 0:
            start = i
        balance += cents
        first.append(start)
    return first


@hsettings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B"]), st.integers(0, 2), st.integers(-3, 3).map(lambda c: c * 5)
        ),
        max_size=40,
    )
)
def test_balanced_runs_matches_a_plain_walk(lines: list[tuple[str, int, int]]) -> None:
    got = balanced_runs(
        np.array([j for j, _, _ in lines]),
        np.array([d for _, d, _ in lines]),
        np.array([c for _, _, c in lines], dtype=np.int64),
        np.arange(len(lines), dtype=np.int64),
    )
    assert got.tolist() == _runs_by_loop(lines)


def test_amounts_with_more_decimals_are_rounded_and_counted(
    settings: Settings, tmp_path: Path
) -> None:
    lines = [
        line("HA", "Achats", "1", "20240110", "60400000", "", "10,125", "0,00"),
        line("HA", "Achats", "1", "20240110", "40100000", "A", "0,00", "10,125"),
        *purchase("HA", "2", "20240111", "B", "5,50"),
    ]
    (result,) = ingest_files([write_fec(tmp_path, lines)], settings=settings)
    assert spend_by_supplier(settings) == {"A": D("10.13"), "B": D("5.50")}  # half-up
    assert result.rounded_amounts == 1
    assert any("arrondi" in w for w in result.warnings)
