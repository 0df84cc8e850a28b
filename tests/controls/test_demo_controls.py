"""The demo organisation's planted cases are found, and nothing else is flagged in it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli import app

PASSWORDS: dict[str, str] = {}
APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    global PASSWORDS
    home = tmp_path_factory.mktemp("controls_demo")
    mp = pytest.MonkeyPatch()
    mp.setenv("ASR_HOME", str(home))
    mp.delenv("ASR_DATABASE_URL", raising=False)
    mp.setenv("ASR_USER", "demo-test")
    from pipelines.demo import build_demo

    result = build_demo(lines=20000, seed=42, say=lambda _: None)
    PASSWORDS.update(result.passwords)
    yield home, result.planted
    mp.undo()


def _report(home: Path, period: str, monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    monkeypatch.setenv("ASR_HOME", str(home))
    out = CliRunner().invoke(app, ["report", "controls", "--period", period, "--format", "json"])
    assert out.exit_code == 0, out.output
    body = json.loads(out.output)
    assert body["period"] == period
    return body["signals"]


def test_planted_cases_are_found_and_nothing_else(
    demo: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    home, planted = demo
    assert set(planted.values()) == {
        "spike",
        "new_gone",
        "concentration",
        "self_interest",
        "portfolio",
    }
    signals = _report(home, "2025", monkeypatch) + _report(home, "2026", monkeypatch)
    found = {s["kind"] for s in signals}
    assert found == {"spike", "reversal", "new_gone", "concentration", "self_interest", "portfolio"}
    for s in signals:
        # no false alarm: every signal is about a planted supplier
        assert set(s["lines"]["supplier_keys"]) & set(planted), s
        assert s["payout_at_stake_eur"] > 0
    by_kind = {k: [s for s in signals if s["kind"] == k] for k in found}
    assert by_kind["reversal"][0]["euros"] == 120000
    # ranked by payout at stake within a period
    stakes = [s["payout_at_stake_eur"] for s in _report(home, "2025", monkeypatch)]
    assert stakes == sorted(stakes, reverse=True)


def test_review_keeps_a_signal_out_until_its_figures_change(
    demo: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    home, _ = demo
    monkeypatch.setenv("ASR_HOME", str(home))
    from dataclasses import replace
    from decimal import Decimal

    from pipelines.controls.review import Listed, mark_reviewed, open_signals, with_reviews
    from pipelines.controls.service import period_signals
    from pipelines.errors import UserError
    from pipelines.settings import load_settings
    from pipelines.store import audit
    from pipelines.store.db import session_scope

    settings = load_settings()
    listed = period_signals("2025", settings=settings)
    first = listed[0].signal
    with pytest.raises(UserError):
        mark_reviewed(first, reason=" ", actor="admin", role="admin", settings=settings)
    with pytest.raises(UserError):
        mark_reviewed(first, reason="ok", actor="acheteur", role="buyer", settings=settings)
    mark_reviewed(
        first, reason="Vu avec l'acheteur", actor="admin", role="admin", settings=settings
    )
    again = period_signals("2025", settings=settings)
    assert first.signal_id not in {s.signal_id for s in open_signals(again)}
    assert len(open_signals(again)) == len(listed) - 1
    with session_scope(settings) as session:
        (event,) = audit.list_events(session, object_type="control")
        assert (event.actor, event.object_id) == ("admin", first.signal_id)
    changed = replace(first, euros=first.euros + Decimal("1"))
    (item,) = with_reviews([changed], settings)
    assert isinstance(item, Listed) and item.is_open


def test_cli_review_is_authenticated_and_audited(
    demo: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    home, _ = demo
    monkeypatch.setenv("ASR_HOME", str(home))
    from pipelines.settings import load_settings
    from pipelines.tokens import issue_token

    signals = _report(home, "2025", monkeypatch)
    target = [s for s in signals if s["status"] == "open"][-1]["signal_id"]
    out = CliRunner().invoke(
        app, ["controls", "review", target, "--reason", "x"], env={"ASR_TOKEN": ""}
    )
    assert out.exit_code != 0
    from pipelines.cli import identity

    now = identity.clock()
    token = issue_token("direction", actor="test", settings=load_settings(), now=now)
    out = CliRunner().invoke(
        app,
        ["controls", "review", target, "--reason", "Commande unique justifiée"],
        env={"ASR_TOKEN": token},
    )
    assert out.exit_code == 0, out.output
    after = {s["signal_id"]: s["status"] for s in _report(home, "2025", monkeypatch)}
    assert after[target] == "reviewed"


def test_page_lists_the_planted_signals_and_marks_one_reviewed(
    demo: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    home, _ = demo
    monkeypatch.setenv("ASR_HOME", str(home))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.text_input(key="username").input("direction")
    at.text_input(key="password").input(PASSWORDS["direction"])
    at.button[0].click()
    at.run()
    at.switch_page("pages/controls.py").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Contrôles"
    at.selectbox(key="controls_year").select(2026).run()
    page = "\n".join(str(e.label) for e in at.expander)
    assert "Concentration" in page and "Mouvement de portefeuille" in page
    opened = [e.value for e in at.info]
    at.text_input(key="controls_reason_0").input("Commande unique validée par la direction")
    at.button(key="controls_review_0").click().run()
    assert not at.exception, at.exception
    assert [e.value for e in at.success][:1] == ["Signal marqué comme revu."]
    assert [e.value for e in at.info] != opened


@pytest.mark.parametrize("period", ["2025", "2026"])
def test_signals_from_shared_attainment_equal_the_line_by_line_ones(
    demo: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch, period: str
) -> None:
    """The page ranks signals on the objectives evaluated once from the monthly marts
    (pipelines.queries.objectives.period_results, frozen with restatement for the closed 2025);
    the same signals and stakes as with compute_attainment over the lines."""
    home, _ = demo
    monkeypatch.setenv("ASR_HOME", str(home))
    from pipelines.controls.compute import compute_signals
    from pipelines.controls.service import signals_of
    from pipelines.objectives import compute_attainment
    from pipelines.queries.objectives import period_results
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    settings = load_settings()
    with connect_read(settings) as con:
        plain = compute_attainment(period, settings=settings, con=con)
        shared = period_results(con, int(period), settings)
        assert [r.to_dict() for r in shared] == [r.to_dict() for r in plain]
        expected = compute_signals(period, settings=settings, con=con, results=plain)
        assert signals_of(period, settings=settings, con=con) == expected
    assert expected


def test_annual_workbook_lists_the_signals_open_and_reviewed(
    demo: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    from decimal import Decimal

    import openpyxl

    from pipelines.controls.service import period_signals
    from pipelines.i18n import t
    from pipelines.reports.annual import build_annual_report
    from pipelines.settings import load_settings

    home, _ = demo
    monkeypatch.setenv("ASR_HOME", str(home))
    settings = load_settings()
    listed = period_signals("2025", settings=settings)
    assert listed

    def sheet(include_pay: bool) -> list[tuple[object, ...]]:
        body = build_annual_report(
            2025, "xlsx", settings=settings, include_pay=include_pay, charts=False
        )
        book = openpyxl.load_workbook(io.BytesIO(body))
        return [r for r in book["Contrôles"].iter_rows(values_only=True) if any(r)]

    rows = sheet(False)
    by_label = {r[0]: r[1:5] for r in rows}
    for kind in {i.signal.kind for i in listed}:
        opened = [i.signal for i in listed if i.is_open and i.signal.kind == kind]
        done = [i.signal for i in listed if not i.is_open and i.signal.kind == kind]
        expected = (
            len(opened),
            float(sum((s.payout_at_stake_eur for s in opened), Decimal(0))),
            len(done),
            float(sum((s.payout_at_stake_eur for s in done), Decimal(0))),
        )
        assert by_label[t(f"controls.kind.{kind}", "fr")] == expected
    assert by_label["Total"][0] + by_label["Total"][2] == len(listed)
    ids = {i.signal.signal_id for i in listed}
    assert not ids & {r[0] for r in rows}  # no signal (nor owner) without --include-pay
    assert ids <= {r[0] for r in sheet(True)}
