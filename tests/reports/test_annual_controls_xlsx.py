"""The annual workbook's « Contrôles » sheet: signals open and reviewed, formulas neutralised."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl

from pipelines.controls.model import KINDS
from pipelines.reports.annual_xlsx import Book, _controls


def _part(counts: dict[str, int], stakes: dict[str, str]) -> dict[str, object]:
    by_kind = {k: counts.get(k, 0) for k in KINDS}
    stake_by_kind = {k: Decimal(stakes.get(k, "0")) for k in KINDS}
    return {
        "count": sum(by_kind.values()),
        "payout_at_stake_eur": sum(stake_by_kind.values(), Decimal("0")),
        "by_kind": by_kind,
        "stake_by_kind": stake_by_kind,
    }


def _sheet(controls: dict[str, object] | None) -> list[tuple[object, ...]] | None:
    book = Book()
    _controls(book, {"year": 2026, "controls": controls})
    wb = openpyxl.load_workbook(io.BytesIO(book.close()))
    if "Contrôles" not in wb.sheetnames:
        return None
    assert all(c.data_type != "f" for r in wb["Contrôles"].iter_rows() for c in r)
    return [r for r in wb["Contrôles"].iter_rows(values_only=True) if any(r)]


def test_counts_and_stakes_by_kind_with_a_total() -> None:
    rows = _sheet(
        {
            "open": _part({"spike": 2, "portfolio": 1}, {"spike": "1500.50", "portfolio": "600"}),
            "reviewed": _part({"concentration": 1}, {"concentration": "720"}),
        }
    )
    assert rows is not None
    by_label = {r[0]: r[1:5] for r in rows}
    assert by_label["Pic de fin de période"] == (2, 1500.5, 0, 0)
    assert by_label["Mouvement de portefeuille"] == (1, 600, 0, 0)
    assert by_label["Concentration"] == (0, 0, 1, 720)
    assert by_label["Total"] == (3, 2100.5, 1, 720)
    assert not any(str(r[0]).startswith(("spike:", "portfolio:")) for r in rows)


def test_signal_rows_are_text_never_formulas() -> None:
    signal = {
        "signal_id": "spike:2026:=cmd|' /C calc'!A0",
        "status": "reviewed",
        "reviewed_by": "admin",
        "review_reason": '=HYPERLINK("http://x","ok")',
        "payout_at_stake_eur": Decimal("900"),
        "euros": Decimal("45000"),
        "explanation": "+SUM(A1:A9) fournisseur",
    }
    rows = _sheet(
        {
            "open": _part({}, {}),
            "reviewed": _part({"spike": 1}, {"spike": "900"}),
            "signals": [signal],
        }
    )
    assert rows is not None
    (row,) = [r for r in rows if str(r[0]).startswith("spike:")]
    assert row[:6] == (
        "spike:2026:=cmd|' /C calc'!A0",
        "revu par admin",
        900,
        45000,
        "'+SUM(A1:A9) fournisseur",
        '\'=HYPERLINK("http://x","ok")',
    )


def test_no_sheet_without_controls() -> None:
    assert _sheet(None) is None
