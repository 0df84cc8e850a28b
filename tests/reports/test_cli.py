"""``asr report oeth|hours|decp|annual`` and ``asr contracts load``, end to end; the annual
report is generated from the demo organisation and checked against ``asr report kpi``."""

import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.reports.formatting import fmt_eur, fmt_pct
from pipelines.settings import Settings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "reports"
runner = CliRunner()


def test_report_oeth_json(warehouse: Settings) -> None:
    out = runner.invoke(
        app,
        [
            "report",
            "oeth",
            "--year",
            "2024",
            "--headcount",
            "300",
            "--beneficiaries",
            "10",
            "--format",
            "json",
        ],
    )
    assert out.exit_code == 0, out.output
    body = json.loads(out.output)
    assert body["is_estimate"] is True
    assert body["oeth_spend_eur"] == 30000.0  # ESAT 20 000 + EA 10 000
    assert body["gross_contribution_eur"] == 47520.0
    assert body["net_contribution_eur"] == 42120.0
    assert [s["step"] for s in body["steps"]][-1] == "contribution_nette"


def test_report_oeth_direct_rate_as_percentage(warehouse: Settings) -> None:
    out = runner.invoke(
        app,
        [
            "report",
            "oeth",
            "--year",
            "2024",
            "--headcount",
            "300",
            "--beneficiaries",
            "3",
            "--direct-rate",
            "3%",
            "--format",
            "json",
        ],
    )
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["cap_rate"] == 0.75


def test_report_oeth_rejects_bad_numbers(warehouse: Settings) -> None:
    out = runner.invoke(
        app, ["report", "oeth", "--year", "2024", "--headcount", "x", "--beneficiaries", "1"]
    )
    assert out.exit_code != 0
    assert "--headcount" in str(out.exception) or "--headcount" in out.output


def test_contracts_load_then_hours(warehouse: Settings, cli_as) -> None:
    out = runner.invoke(
        app, ["contracts", "load", str(FIXTURES / "contracts_fr.csv")], env=cli_as("analyst")
    )
    assert out.exit_code == 0, out.output
    assert "2 contrat(s)" in out.output
    out = runner.invoke(
        app, ["report", "hours", "--from", "2024-01-01", "--to", "2024-12-31", "--format", "json"]
    )
    assert out.exit_code == 0, out.output
    body = json.loads(out.output)
    # 2024-001: 730 h x 184/365 = 368 h; 2024-002 fully in 2024: 950.5 h
    assert body["declared_hours"] == 1318.5
    # the EI line (May) is before contract 2024-001 starts: still estimated, + ETTI 360 h
    assert body["estimated_hours"] == 1110.0
    assert body["insertion_hours"] == 2428.5
    assert body["parameters"]["hourly_cost_default_eur"] == 27.0


def test_report_decp_empty_table(warehouse: Settings) -> None:
    out = runner.invoke(app, ["report", "decp", "--year", "2024", "--format", "csv"])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("buyer_id,buyer_name,year,count_contracts")


def test_report_annual_rejects_unknown_extension(warehouse: Settings, tmp_path: Path) -> None:
    out = runner.invoke(
        app, ["report", "annual", "--year", "2024", "--out", str(tmp_path / "r.doc")]
    )
    assert out.exit_code != 0


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("reports_demo_home")
    mp = pytest.MonkeyPatch()
    mp.setenv("ASR_HOME", str(home))
    mp.delenv("ASR_DATABASE_URL", raising=False)
    mp.setenv("ASR_USER", "demo-test")
    from pipelines.demo import build_demo

    build_demo(lines=3000, seed=11, say=lambda _: None)
    yield home
    mp.undo()


def _kpi(year: int) -> dict:
    out = runner.invoke(
        app,
        ["report", "kpi", "--from", f"{year}-01-01", "--to", f"{year}-12-31", "--format", "json"],
    )
    assert out.exit_code == 0, out.output
    return json.loads(out.output)


def test_annual_report_from_the_demo(
    demo_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASR_HOME", str(demo_home))
    year = 2025  # the demo organisation covers 2024 and 2025
    kpi, prev = _kpi(year), _kpi(year - 1)
    assert kpi["inclusive_spend_eur"] > 0
    pdf_path, xlsx_path = tmp_path / "report.pdf", tmp_path / "report.xlsx"
    out = runner.invoke(
        app,
        [
            "report",
            "annual",
            "--year",
            str(year),
            "--out",
            str(pdf_path),
            "--headcount",
            "800",
            "--beneficiaries",
            "30",
        ],
    )
    assert out.exit_code == 0, out.output
    reader = PdfReader(io.BytesIO(pdf_path.read_bytes()))
    text = "\n".join(p.extract_text() for p in reader.pages).replace("\u00a0", " ")
    for key in (
        "inclusive_spend_eur",
        "addressable_spend_eur",
        "insertion_spend_eur",
        "handicap_spend_eur",
    ):
        assert fmt_eur(Decimal(str(kpi[key]))).replace("\u00a0", " ") in text, key
        assert fmt_eur(Decimal(str(prev[key]))).replace("\u00a0", " ") in text, key
    assert fmt_pct(Decimal(str(kpi["inclusive_share"]))).replace("\u00a0", " ") in text
    assert "Contribution nette estimée" in text
    out = runner.invoke(
        app, ["report", "annual", "--year", str(year), "--out", str(xlsx_path), "--no-charts"]
    )
    assert out.exit_code == 0, out.output
    book = openpyxl.load_workbook(xlsx_path)
    values = {r[0]: r[1:3] for r in book["Synthèse"].iter_rows(values_only=True) if r[0]}
    assert values["Achats inclusifs (HT)"] == (
        kpi["inclusive_spend_eur"],
        prev["inclusive_spend_eur"],
    )
    assert values["Achats adressables (HT)"][0] == kpi["addressable_spend_eur"]
