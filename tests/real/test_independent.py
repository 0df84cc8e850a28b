"""The yardstick itself: the independent FEC reading on tiny inline files, rule by rule."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.real.independent import (
    NO_SUPPLIER,
    SEVERAL_SUPPLIERS,
    FecLine,
    fec_amount,
    group_entries,
    is_opening,
    read_fec_spend,
)

HEADER = "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompAuxNum|Debit|Credit"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+000000069,40", "69.40"),
        ("1234,56", "1234.56"),
        ("1 234,56", "1234.56"),
        ("0", "0.00"),
        ("", "0"),
        ("12,345", "12.35"),  # half-up to the cent
        ("-5,5", "-5.50"),
    ],
)
def test_fec_amount(text: str, expected: str) -> None:
    assert fec_amount(text) == Decimal(expected)


def line(journal: str, number: str, account: str, amount: str, date: str = "20240105") -> FecLine:
    return FecLine(0, journal, "", number, date, account, "", Decimal(amount))


@pytest.mark.parametrize(
    ("lines", "fallback", "sizes"),
    [
        # numbers identify balanced entries: kept
        ([line("AC", "1", "607", "10"), line("AC", "1", "401", "-10"),
          line("AC", "2", "606", "5"), line("AC", "2", "401", "-5")], False, [2, 2]),
        # one number over several dates: runs of one journal and date that balance
        ([line("AC", "0", "607", "10"), line("AC", "0", "401", "-10"),
          line("AC", "0", "606", "5", "20240106"), line("AC", "0", "401", "-5", "20240106")],
         True, [2, 2]),
        # only the journal whose numbers fail falls back
        ([line("AC", "0", "607", "10"), line("AC", "0", "401", "-10"),
          line("AC", "0", "606", "5", "20240106"), line("AC", "0", "401", "-5", "20240106"),
          line("OD", "7", "606", "1"), line("OD", "7", "606", "2"), line("OD", "7", "401", "-3")],
         True, [3, 2, 2]),
        # an entry that does not balance: runs; a run left open closes when the journal changes
        ([line("AC", "1", "607", "10"), line("OD", "1", "401", "-10"),
          line("AC", "2", "606", "5"), line("AC", "2", "401", "-5")], True, [1, 1, 2]),
        # the date closes a run too; a run that never balances stays one run
        ([line("AC", "0", "607", "10"), line("AC", "0", "401", "-10", "20240106"),
          line("AC", "0", "606", "5", "20240106"), line("AC", "0", "401", "-5", "20240106")],
         True, [1, 3]),
    ],
)  # fmt: skip
def test_group_entries(lines: list[FecLine], fallback: bool, sizes: list[int]) -> None:
    entries, used_fallback = group_entries(lines)
    assert used_fallback is fallback
    assert [len(e) for e in entries] == sizes


@pytest.mark.parametrize(
    ("journal", "label", "accounts", "expected"),
    [
        ("AN", "", ["218", "401"], True),
        ("ano", "", ["218"], True),
        ("RAN", "", ["218"], True),
        ("AD", "", ["218"], True),
        ("OUV", "", ["218"], True),
        ("99", "Report à NOUVEAU", ["218"], True),
        ("99", "A-Nouveaux", ["218"], True),
        ("2", "BILAN D'OUVERTURE", ["101", "218"], True),  # equity account
        ("2", "BILAN D'OUVERTURE", ["218", "28"], False),
        ("AC", "ACHATS", ["607", "401"], False),
        ("AC", "ACHATS", ["607", "120"], True),
    ],
)
def test_is_opening(journal: str, label: str, accounts: list[str], expected: bool) -> None:
    entry = [FecLine(2, journal, label, "1", "20240101", a, "", Decimal(1)) for a in accounts]
    assert is_opening(entry) is expected


def test_reading_of_a_small_file(tmp_path: Path) -> None:
    fec = tmp_path / "FEC.txt"
    rows = [
        HEADER,
        "AN|A nouveaux|1|20240101|2183||1000,00|",  # opening: fixed asset brought forward
        "AN|A nouveaux|1|20240101|401|F1||1000,00",
        "AC|Achats|2|20240105|607||120,00|",
        "AC|Achats|2|20240105|44566||24,00|",
        "AC|Achats|2|20240105|401|F1||144,00",
        "AC|Achats|3|20240106|6063||10,00|",  # two suppliers: quarantined
        "AC|Achats|3|20240106|401|F1||5,00",
        "AC|Achats|3|20240106|401|F2||5,00",
        "BQ|Banque|4|20240107|627||3,00|",  # no supplier: quarantined
        "BQ|Banque|4|20240107|512|||3,00",
        "AC|Achats|5|20240108|607|||20,00",  # credit note, supplier from the 401 account
        "AC|Achats|5|20240108|401002||20,00|",
        "OD|Paie|6|20240131|641||500,00|",  # payroll is never spend
        "OD|Paie|6|20240131|421|||500,00",
    ]
    fec.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    reading = read_fec_spend(fec)
    assert (reading.rows_read, reading.entries, reading.entry_fallback) == (14, 6, False)
    assert (reading.opening_entries, reading.opening_amount_eur) == (1, Decimal("1000.00"))
    assert reading.spend_by_supplier == {"F1": Decimal("120.00"), "401002": Decimal("-20.00")}
    assert (reading.rows_loaded, reading.spend_eur) == (2, Decimal("100.00"))
    assert reading.quarantined_rows_by_reason == {SEVERAL_SUPPLIERS: [7], NO_SUPPLIER: [10]}
    assert reading.opening_rows == [2]
