"""End to end on the demo organisation: the KPI report against an independent SQL sum."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.kpi import KPI_KEYS

# Inclusive spend from first principles: raw lines whose exact SIRET (not a pseudo-SIRET) is an
# insertion or handicap record valid at the invoice date, minus excluded categories and accounts.
INDEPENDENT_SUM = """
select coalesce(sum(l.amount_eur), 0)
from raw_ledger_lines as l
where l.invoice_date between ? and ?
  and l.category not in (select value from exclusions where exclusion_type = 'category')
  and not exists (
      select 1 from exclusions as e
      where e.exclusion_type = 'account_prefix' and starts_with(l.account, e.value)
  )
  and substr(l.siret, 10, 3) <> '999'
  and exists (
      select 1 from reference_records as r
      where r.siret = l.siret
        and r.family in ('insertion', 'handicap')
        and l.invoice_date >= coalesce(r.valid_from, date '0001-01-01')
        and l.invoice_date <= coalesce(r.valid_to, date '9999-12-31')
  )
"""


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("demo_home")
    mp = pytest.MonkeyPatch()
    mp.setenv("ASR_HOME", str(home))
    mp.delenv("ASR_DATABASE_URL", raising=False)
    mp.setenv("ASR_USER", "demo-test")
    from pipelines.demo import build_demo

    # Without the controls' planted cases: one is an override that makes a supplier inclusive
    # without a directory record, which the independent sum below (directories only) cannot see.
    result = build_demo(lines=8000, seed=7, say=lambda _: None, plant_controls=False)
    assert result.lines_loaded == 8000 or result.lines_loaded > 7000
    yield home
    mp.undo()


def test_kpi_json_matches_independent_sum(demo_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASR_HOME", str(demo_home))
    out = CliRunner().invoke(
        app, ["report", "kpi", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "json"]
    )
    assert out.exit_code == 0, out.output
    report = json.loads(out.output)
    # the demo closes 2025: today's figures at the top, the frozen ones under "closed"
    assert set(report) == {"from", "to", *KPI_KEYS, "closed"}
    assert report["closed"]["period"] == "2025"
    con = duckdb.connect(str(demo_home / "warehouse.duckdb"), read_only=True)
    try:
        expected = con.execute(INDEPENDENT_SUM, ["2025-01-01", "2025-12-31"]).fetchone()[0]
    finally:
        con.close()
    assert expected > 0
    assert Decimal(str(report["inclusive_spend_eur"])) == expected
    assert 0.005 < report["inclusive_share"] < 0.10
    assert sum(Decimal(str(v)) for v in report["by_kind"].values()) >= expected


def test_kpi_by_entity_adds_up(demo_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASR_HOME", str(demo_home))
    runner = CliRunner()
    args = ["report", "kpi", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "json"]
    total = json.loads(runner.invoke(app, args).output)
    by = json.loads(runner.invoke(app, [*args, "--by", "entity"]).output)
    assert len(by["rows"]) == 3
    got = sum(Decimal(str(r["inclusive_spend_eur"])) for r in by["rows"])
    assert got == Decimal(str(total["inclusive_spend_eur"]))


def test_demo_audit_verifies_then_fails_after_a_direct_edit(
    demo_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`asr audit verify` passes on the demo (its first year closed), and names the closing once
    the frozen snapshot is edited by hand (last: the store is left tampered)."""
    import sqlalchemy as sa

    monkeypatch.setenv("ASR_HOME", str(demo_home))
    ok = CliRunner().invoke(app, ["audit", "verify"])
    assert ok.exit_code == 0, ok.output
    assert ok.output.startswith("OK: ") and "1 clôtures vérifiés" in ok.output
    engine = sa.create_engine(f"sqlite:///{demo_home / 'asr.sqlite'}")
    with engine.begin() as con:
        con.execute(sa.text("drop trigger period_closings_frozen"))
        period = con.execute(sa.text("select period from period_closings")).scalar_one()
        con.execute(sa.text("update period_closings set snapshot = '{}'"))
    engine.dispose()
    broken = CliRunner().invoke(app, ["audit", "verify"], env={"ASR_LANG": "en"})
    assert broken.exit_code == 1
    assert f"Closing {period}" in broken.output


def test_demo_has_clause_contracts_a_facilitator_and_late_contracts(demo_home: Path) -> None:
    import datetime as dt

    from pipelines.access import ClauseView
    from pipelines.clauses.progress import load_clause_data
    from pipelines.settings import load_settings
    from pipelines.users import get_user

    settings = load_settings()
    user = get_user("facilitateur", settings)
    assert user is not None and user.role == "facilitator"
    data = load_clause_data(settings, ClauseView(None, True, True), dt.date(2026, 11, 20))
    paces = {r.contract_id: r.pace_status for r in data.contracts}
    assert len(paces) == 8 and "late" in paces.values() and "on_track" in paces.values()
    assert paces["IND-2025-TRX"] == "late" and paces["IND-2025-NET"] == "on_track"
    assert data.participants and all(
        p["participant_id"].startswith("P-") for p in data.participants
    )
    # the works contract requires the hand-computed 1,000,000 x 0.55 / 27 x 5 % = 1,018.5 -> 1,019 h
    works = next(r for r in data.contracts if r.contract_id == "IND-2025-TRX")
    assert works.hours_required == 1019
