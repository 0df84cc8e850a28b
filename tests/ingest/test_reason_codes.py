"""Quarantine reasons are codes shown in the user's language (pipelines/ingest/reasons.py): every
reason the SQL writes has its code, and each code reads in English with ASR_LANG=en."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.i18n import MESSAGES, set_lang
from pipelines.ingest import ingest_files
from pipelines.ingest.fec import fec_report_sentences
from pipelines.ingest.land import FX_MISSING_REASON
from pipelines.ingest.reasons import PREFIX, reason_code, reason_text
from pipelines.settings import REPO_ROOT, Settings

SQL = REPO_ROOT / "pipelines" / "ingest" / "sql"


@pytest.fixture(autouse=True)
def _back_to_french() -> Iterator[None]:
    yield
    set_lang("fr")


def _sql_literal(text: str) -> str:
    return text.replace("''", "'")


def test_every_reason_the_ledger_sql_writes_has_a_code() -> None:
    typed = (SQL / "typed_lines.sql").read_text(encoding="utf-8")
    literals = [_sql_literal(m) for m in re.findall(r"'reason': '((?:[^']|'')*)'", typed)]
    assert len(literals) >= 10
    unknown = [r for r in literals if reason_code(r) is None]
    assert not unknown, unknown
    dupes = (SQL / "quarantine_duplicates.sql").read_text(encoding="utf-8")
    (duplicate,) = re.findall(r"'(ligne en double[^']*)'", dupes)
    assert reason_code(duplicate) == ("duplicate_line", {})
    assert reason_code(FX_MISSING_REASON) == ("fx_missing", {})


def test_the_fec_reasons_are_the_templates_of_their_codes() -> None:
    fec = (SQL / "fec_quarantine.sql").read_text(encoding="utf-8")
    for code in ("fec_no_supplier", "fec_several_suppliers"):
        for part in re.split(r"\{\w+\}", MESSAGES["fr"][PREFIX + code]):
            assert part.strip() in fec, (code, part)
    stored = "écriture VT-12 avec 3 fournisseurs : achat non attribué"
    assert reason_code(stored) == ("fec_several_suppliers", {"entry": "VT-12", "count": "3"})
    assert reason_text(stored, "en") == "entry VT-12 with 3 suppliers: purchase not attributed"


@pytest.mark.parametrize("key", sorted(k for k in MESSAGES["fr"] if k.startswith(PREFIX)))
def test_every_code_reads_in_english(key: str) -> None:
    values = {name: "X1" for name in re.findall(r"\{(\w+)\}", MESSAGES["fr"][key])}
    stored = MESSAGES["fr"][key].format(**values)
    english = reason_text(stored, "en")
    assert english == MESSAGES["en"][key].format(**values)
    assert english != stored
    assert reason_text(stored, "fr") == stored


def test_an_unknown_reason_is_shown_as_it_is() -> None:
    assert reason_text("motif venu d'ailleurs", "en") == "motif venu d'ailleurs"


def test_fec_notes_in_english() -> None:
    report = {
        "rows_read": 10,
        "entries": 4,
        "fallback_entries": 1,
        "opening_entries": 1,
        "opening_purchase_lines": 2,
        "opening_purchase_eur": "12.00",
        "unattributed_lines": {"several": 1, "none": 2},
    }
    english = " ".join(fec_report_sentences(report, "en"))
    assert "écriture" not in english and "entries" in english


def test_loads_quarantine_in_english_says_impossible_date(
    settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "ledger.csv"
    path.write_text(
        "Société;N° de facture;Date de facture;Fournisseur;Montant HT\n"
        "S1;F-001;05/01/2026;A;10,00\n"
        "S1;F-002;31/02/2026;A;10,00\n"
        "S1;F-003;2026-99;A;10,00\n",
        encoding="utf-8",
    )
    ingest_files([path], settings=settings)
    set_lang("en")
    out = CliRunner().invoke(app, ["loads", "quarantine", "--format", "csv"])
    assert out.exit_code == 0, out.output
    assert "impossible date (no such day in the calendar)" in out.output
    assert "unreadable date, expected dd/mm/yyyy" in out.output
    assert "date impossible" not in out.output
