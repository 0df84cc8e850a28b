"""``asr clauses ...`` and ``asr report clauses``, end to end on a fresh store."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
from pypdf import PdfReader
from sqlalchemy import func, select
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.errors import UserError
from pipelines.store.audit import list_events
from pipelines.store.db import session_scope
from pipelines.store.models import ClauseDeclaration

runner = CliRunner()
FIXTURES = Path(__file__).parent.parent / "fixtures" / "reports"


def invoke(args, env=None):
    return runner.invoke(app, args, env=env)


def add_works(env):
    return invoke(
        [
            "clauses", "add", "T-1", "--entity", "ACME", "--start", "2026-01-01",
            "--end", "2026-12-31", "--amount", "1000000", "--category", "Travaux",
            "--buyer", "B1", "--siret", "44306184100047", "--status", "running",
        ],
        env,
    )  # fmt: skip


def declarations(settings) -> int:
    with session_scope(settings) as s:
        return s.scalar(select(func.count()).select_from(ClauseDeclaration)) or 0


def test_add_requires_the_estimate_and_shows_every_step(settings, cli_as):
    out = add_works(cli_as("fac", role="facilitator"))
    assert out.exit_code == 0, out.output
    # Travaux: labour share 0.50, 30 EUR/h (dated parameters), clause rate 5 %
    for text in ("500000.00", "16666.67", "0.05", "833", "ajouté au registre"):
        assert text in out.output
    listed = invoke(["clauses", "list", "--format", "json"])
    assert json.loads(listed.output)[0]["hours_required"] == 833


def test_plan_sets_parameters_with_a_reason(settings, cli_as):
    env = cli_as("fac", role="facilitator")
    add_works(env)
    out = invoke(["clauses", "plan", "1", "--labour-share", "40%"], env)
    assert isinstance(out.exception, UserError) and "raison" in out.exception.fr
    out = invoke(["clauses", "plan", "1", "--labour-share", "40%", "--reason", "devis"], env)
    assert out.exit_code == 0, out.output
    # 1,000,000 x 0.40 / 30 x 5 % = 666.67 -> 667
    assert "667" in out.output and "contract" in out.output


def test_buyer_may_not_write(settings, cli_as):
    out = add_works(cli_as("b1", role="buyer", person_id=None))
    assert isinstance(out.exception, UserError) and "facilitator" in out.exception.fr


def test_declare_correct_progress(settings, cli_as):
    env = cli_as("fac", role="facilitator")
    add_works(env)
    declare = [
        "clauses", "declare", "T-1", "--from", "2026-01-01", "--to", "2026-03-31",
        "--participant", "P-001", "--eligibility", "rqth", "--modality", "direct_hire",
        "--hours", "150", "--signed",
    ]  # fmt: skip
    out = invoke(declare, env)
    assert out.exit_code == 0, out.output
    out = invoke(["clauses", "correct", "1", "--hours", "200", "--reason", "relevé"], env)
    assert out.exit_code == 0 and "n° 2" in out.output
    out = invoke(["clauses", "progress", "--as-of", "2026-07-02", "--format", "json"])
    row = json.loads(out.output)["rows"][0]
    assert row["hours_declared"] == 200 and row["hours_required"] == 833
    assert row["people"] == 1 and row["contracts_signed"] == 1
    # 200 / 833 = 0.24 < 183/365 - 0.10 = 0.40: late
    assert row["pace"] == "late"
    with session_scope(settings) as s:
        actions = [e.action for e in list_events(s, object_type="clause_declaration")]
    assert actions == ["clause_declaration.add", "clause_declaration.correct"]


def test_import_refuses_a_bad_file_and_records_nothing(settings, cli_as, tmp_path):
    env = cli_as("fac", role="facilitator")
    add_works(env)
    good = tmp_path / "ok.csv"
    good.write_text(
        "marché;début;fin;participant;public;modalité;heures;embauche\n"
        "T-1;2026-01-01;2026-01-31;P-001;rqth;direct_hire;100;oui\n"
        "T-1;2026-01-01;2026-01-31;P-002;young_under_26;training;70;non\n",
        encoding="utf-8",
    )
    out = invoke(["clauses", "import", str(good)], env)
    assert out.exit_code == 0, out.output
    assert "2 déclaration(s)" in out.output
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "marché;début;fin;participant;public;modalité;heures;embauche\n"
        "T-1;2026-02-01;2026-02-28;P-003;rqth;direct_hire;100;oui\n"
        "T-9;2026-02-01;2026-02-28;P-004;rqth;direct_hire;100;oui\n"
        "T-1;2027-02-01;2027-02-28;P-005;rqth;direct_hire;-4;oui\n",
        encoding="utf-8",
    )
    out = invoke(["clauses", "import", str(bad)], env)
    message = out.exception.fr
    assert "ligne 3, colonne contract_id" in message
    assert "ligne 4, colonne period_end" in message and "ligne 4, colonne hours" in message
    assert declarations(settings) == 2


def test_contracts_load_fills_the_register(settings, cli_as):
    out = invoke(["contracts", "load", str(FIXTURES / "contracts_fr.csv")], cli_as("analyst"))
    assert out.exit_code == 0, out.output
    listed = json.loads(invoke(["clauses", "list", "--format", "json"]).output)
    assert [r["contract_id"] for r in listed] == ["2024-001", "2024-002"]
    assert {r["source"] for r in listed} == {"contracts_load"}


def test_report_clauses_pdf_and_xlsx_carry_no_participant(settings, cli_as, tmp_path):
    env = cli_as("fac", role="facilitator")
    add_works(env)
    invoke(
        [
            "clauses", "declare", "T-1", "--from", "2026-01-01", "--to", "2026-03-31",
            "--participant", "SECRET-42", "--eligibility", "rqth", "--modality", "training",
            "--hours", "300",
        ],
        env,
    )  # fmt: skip
    pdf, xlsx = tmp_path / "c.pdf", tmp_path / "c.xlsx"
    for path in (pdf, xlsx):
        out = invoke(["report", "clauses", "--year", "2026", "--out", str(path)])
        assert out.exit_code == 0, out.output
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "Heures déclarées" in text and "RQTH" in text and "SECRET-42" not in text
    book = openpyxl.load_workbook(xlsx)
    cells = [
        str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
    ]
    assert "SECRET-42" not in cells and 300 in [
        v for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row
    ]


def run_main(args, capsys) -> tuple[object, str]:
    """Through ``main()`` as at a terminal: (exit code, stderr)."""
    import pytest

    from pipelines.cli import main

    with pytest.raises(SystemExit) as stop:
        main(args)
    return stop.value.code, capsys.readouterr().err


def test_progress_by_an_unknown_group_is_a_usage_mistake(settings, capsys):
    """The shared check_choice rule: exit 2, one sentence naming the values, the usage line."""
    code, err = run_main(["clauses", "progress", "--by", "titulaire"], capsys)
    assert code == 2, err
    first, usage = err.strip().splitlines()
    assert "« titulaire »" in first and "contract, entity, contractor, buyer" in first
    assert usage.startswith("Usage : asr clauses progress")


def test_add_with_an_unknown_type_or_status_is_a_usage_mistake(
    settings, cli_as, capsys, monkeypatch
):
    monkeypatch.setenv("ASR_TOKEN", cli_as("fac", role="facilitator")["ASR_TOKEN"])
    base = ["clauses", "add", "T-9", "--entity", "ACME", "--start", "2026-01-01",
            "--end", "2026-12-31"]  # fmt: skip
    for extra in (["--type", "heures"], ["--status", "ouvert"]):
        code, err = run_main([*base, *extra], capsys)
        assert code == 2 and f"« {extra[1]} »" in err, err
    listed = json.loads(invoke(["clauses", "list", "--format", "json"]).output)
    assert listed == []
