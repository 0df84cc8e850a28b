"""A closed period reads as closed on every page (DOMAIN.md section 8): frozen figures, no
projection, no « en risque », no « Versement estimé »; the restatement beside them.

The tiny organisation's 2025 is closed, then a line is loaded into 2025 after the closing: the
frozen figures must not move, and today's figures appear beside them."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from test_dashboard_pages import signed_in, table, texts

from dashboard import formatting as fmt
from dashboard.i18n import t
from pipelines.marts import refresh_marts
from pipelines.objectives import close_period, period_state
from pipelines.settings import Settings
from pipelines.warehouse import write_transaction

#: loaded after the closing: ACH001 buys 1 000 € more from the EA (certain, inclusive)
LATE_AMOUNT = Decimal("1000.00")


def load_late_line(settings: Settings) -> None:
    with write_transaction(settings) as con:
        con.execute(
            "insert into raw_ledger_lines (load_id, source_row, entity, invoice_id, line_no,"
            " invoice_date, supplier_name, siret, post_code, buyer, account, category, naf,"
            " amount_eur) values (2, 99, 'ALPHA', 'LATE', 1, ?, 'ATELIER ADAPTE',"
            " '11111111111111', '75011', 'ACH001', '6061', 'Entretien', '8121Z', ?)",
            [dt.date(2025, 11, 20), LATE_AMOUNT],
        )
        refresh_marts(con, settings)


@pytest.fixture
def closed_2025(tiny_org: Settings) -> Settings:
    close_period("2025", reason="Clôture annuelle", settings=tiny_org, actor="admin")
    load_late_line(tiny_org)
    return tiny_org


def test_period_state_is_the_one_answer(closed_2025):
    state = period_state("2025", closed_2025)
    assert state.closed and state.closed_by == "admin"
    # frozen before the late line: 1 500,50 + 2 000 + 4 000 − 200 of certain inclusive spend
    assert state.frozen_kpi is not None
    assert state.frozen_kpi["inclusive_spend_eur"] == Decimal("7300.50")
    assert not period_state("2024", closed_2025).closed


OPEN_WORDS = ("overview.payout", "overview.at_risk_count", "overview.projected")


def test_overview_of_a_closed_year(closed_2025):
    at = signed_in("direction", period="2025")
    at.switch_page("pages/overview.py").run()
    assert not at.exception, at.exception
    shown = texts(at)
    for key in OPEN_WORDS:
        assert t(key) not in shown, key
    tiles = {m.label: m.value for m in at.metric}
    # The inclusive-spend tile is the frozen figure, not today's (8 300,50 €).
    assert tiles[t("kpi.inclusive_spend")] == fmt.money_short(Decimal("7300.50"))
    assert t("closed.payout_frozen") in tiles
    assert t("closed.payout_current") in tiles
    restated = table(at, t("closed.frozen"))
    row = restated[restated[t("closed.figure")] == t("closed.figure.inclusive_spend_eur")]
    assert row[t("closed.frozen")].item() == fmt.money(Decimal("7300.50"), 2)
    assert row[t("closed.current")].item() == fmt.money(Decimal("8300.50"), 2)
    assert row[t("closed.difference")].item() == "+" + fmt.money(LATE_AMOUNT, 2)


def test_overview_of_an_open_year_still_projects(tiny_org):
    at = signed_in("direction", period="2025")
    at.switch_page("pages/overview.py").run()
    assert not at.exception, at.exception
    assert t("overview.at_risk_count") in texts(at)
    assert t("closed.payout_frozen") not in texts(at)


def test_my_objectives_of_a_closed_year(closed_2025):
    at = signed_in("acheteur")
    at.switch_page("pages/my_objectives.py").run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert t("objectives.payout_total") not in shown  # « Versement estimé »
    assert t("objectives.payout_with_probable") not in shown
    assert t("closed.payout_frozen") in shown
    # OBJ-B1: 3 000 € target, frozen actual 1 500,50 € (50 %: below threshold, pays 0);
    # with the late line 2 500,50 € = 83,35 % → 50 % + (3,35/20) × 50 % = 58,3583… % of 500 €.
    frozen = fmt.money(Decimal("0"), 0)
    current_rate = Decimal("0.5") + (Decimal("2500.50") / 3000 - Decimal("0.8")) / Decimal(
        "0.2"
    ) * Decimal("0.5")
    current = (Decimal("5000") * Decimal("0.1") * current_rate).quantize(Decimal("0.01"))
    message = t(
        "closed.restated",
        frozen=frozen,
        current=fmt.money(current, 0),
        diff=fmt.money(current, 0),
    )
    assert message in shown
    assert not any(t("level.threshold") in str(d.value) for d in at.dataframe)


def test_admin_periods_table_shows_the_restatement(closed_2025):
    at = signed_in("admin")
    at.switch_page("pages/objectives_admin.py").run()
    assert not at.exception, at.exception
    periods = table(at, t("closed.current_payout_col"))
    row = periods[periods[t("admin.period")] == "2025"]
    assert row[t("closed.current_payout_col")].item() != ""
    assert row[t("closed.payout_difference_col")].item() != fmt.money(Decimal("0"), 2)


# -- the CLI ------------------------------------------------------------------------------------
KPI_2025 = ["report", "kpi", "--from", "2025-01-01", "--to", "2025-12-31"]


def run(*args: str):
    from typer.testing import CliRunner

    from pipelines.cli import app

    result = CliRunner().invoke(app, list(args), env={"ASR_LANG": "fr"})
    assert result.exit_code == 0, result.output
    return result


def test_cli_kpi_of_a_closed_year_shows_frozen_and_current(closed_2025):
    out = run(*KPI_2025).stdout
    assert "clôturée" in out
    (line,) = [x for x in out.splitlines() if x.startswith("Achats inclusifs")]
    cells = [c.replace("\u202f", " ").replace("\xa0", " ") for c in line.split("  ") if c.strip()]
    assert [c.strip() for c in cells] == [
        "Achats inclusifs",
        "7 300,50 €",
        "8 300,50 €",
        "+1 000,00 €",
    ]
    csv_out = run(*KPI_2025, "--format", "csv").stdout
    assert "inclusive_spend_eur,7300.50,8300.50,1000.00" in csv_out
    body = json.loads(run(*KPI_2025, "--format", "json").stdout)
    assert body["closed"]["frozen"]["inclusive_spend_eur"] == 7300.5
    assert body["inclusive_spend_eur"] == 8300.5  # today's figure, as for an open window
    by_row = {r["figure"]: r for r in body["closed"]["restatement"] if r["figure"] == "spend_eur"}
    assert by_row["spend_eur"]["difference"] == 1000.0
    # A window that is not the closed year is an ordinary, current report.
    other = json.loads(
        run(
            "report", "kpi", "--from", "2025-01-01", "--to", "2025-06-30", "--format", "json"
        ).stdout
    )
    assert "closed" not in other


def test_cli_attainment_of_a_closed_year(closed_2025):
    out = run("report", "attainment", "--period", "2025").stdout
    assert "clôturée" in out.splitlines()[0]
    assert "Versement arrêté" in out
    body = json.loads(run("report", "attainment", "--period", "2025", "--format", "json").stdout)
    assert {o["status"] for o in body["objectives"]} == {"closed"}
    payout = body["closed"]["payout"]
    assert payout["difference"] == pytest.approx(payout["current"] - payout["closed"])
    assert payout["difference"] > 0  # the late line raised OBJ-B1, OBJ-M1 and OBJ-G


# -- the annual report --------------------------------------------------------------------------
def test_annual_report_of_a_closed_year(closed_2025):
    import io

    import openpyxl
    from pypdf import PdfReader

    from pipelines.reports.annual import annual_data, build_annual_report
    from pipelines.warehouse import connect_read

    con = connect_read(closed_2025)
    try:
        data = annual_data(con, 2025, settings=closed_2025)
    finally:
        con.close()
    assert data["kpi"]["inclusive_spend_eur"] == Decimal("7300.50")  # frozen headline
    assert data["kpi_current"]["inclusive_spend_eur"] == Decimal("8300.50")
    rows = {r["figure"]: r for r in data["closing"]["restatement"]}
    assert rows["inclusive_spend_eur"]["difference"] == LATE_AMOUNT
    assert data["objectives"]["closed"]
    assert data["objectives"]["payout_restatement"]["difference"] > 0

    pdf = build_annual_report(2025, "pdf", settings=closed_2025, charts=False)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "clôturée" in text
    assert t("closed.payout_frozen", "fr") in text
    assert t("closed.frozen", "fr") in text

    xlsx = build_annual_report(2025, "xlsx", settings=closed_2025, charts=False)
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    cells = [str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row if c]
    assert any("clôturée" in c for c in cells)
    assert t("closed.payout_frozen", "fr") in cells


# -- the query behind the pages -----------------------------------------------------------------
def test_objective_views_of_a_closed_year_project_nothing(closed_2025):
    from pipelines.access import access_for
    from pipelines.queries.objectives import objective_views
    from pipelines.warehouse import connect_read

    con = connect_read(closed_2025)
    try:
        views = objective_views(
            con,
            2025,
            access_for("admin", "admin", "ADM01", closed_2025),
            closed_2025,
            as_of=dt.date(2025, 7, 2),
        )
    finally:
        con.close()
    assert views and all(v.closed for v in views)
    for v in views:
        # frozen: no projection, no risk, the payout range collapses to the frozen payout
        assert v.projected_attainment is None and not v.at_risk
        assert v.probable_payout_eur == v.result.payout_eur
        assert v.result.restatement is not None
    b1 = next(v for v in views if v.spec.objective_id == "OBJ-B1")
    assert b1.result.actual == Decimal("1500.50")  # frozen, before the late line
    assert b1.result.restatement.current_actual == Decimal("2500.50")


def test_frozen_totals_come_from_the_frozen_lines(closed_2025):
    """Over the lines the closing froze, in any scope; for everything, the snapshot's totals."""
    from pipelines.objectives.closing import frozen_kpi
    from pipelines.scope import Scope
    from pipelines.warehouse import connect_read

    state = period_state("2025", closed_2025)
    con = connect_read(closed_2025)
    try:
        whole = frozen_kpi(con, "2025", Scope.everything(), closed_2025)
        team = frozen_kpi(con, "2025", Scope(buyers=("ACH001", "ACH002", "DIR01")), closed_2025)
    finally:
        con.close()
    assert state.frozen_kpi is not None
    for key in ("spend_eur", "addressable_spend_eur", "inclusive_spend_eur", "probable_spend_eur"):
        assert whole[key] == state.frozen_kpi[key], key
    # plain sums of tiny.LINES: ACH001's EA lines (1 000 + 500,50) and ACH002's EI line (2 000)
    assert team["inclusive_spend_eur"] == Decimal("3500.50")


def test_manager_overview_of_a_closed_year_shows_the_team_frozen(closed_2025):
    at = signed_in("manager", period="2025")
    at.switch_page("pages/overview.py").run()
    assert not at.exception, at.exception
    tiles = {m.label: m.value for m in at.metric}
    assert tiles[t("kpi.inclusive_spend")] == fmt.money_short(Decimal("3500.50"))
    restated = table(at, t("closed.frozen"))
    row = restated[restated[t("closed.figure")] == t("closed.figure.inclusive_spend_eur")]
    assert row[t("closed.current")].item() == fmt.money(Decimal("4500.50"), 2)
    assert t("closed.figure.payout_eur") not in set(restated[t("closed.figure")])
    assert t("overview.at_risk_count") not in texts(at)


def test_breakdowns_of_a_closed_year_read_the_frozen_lines(closed_2025):
    """The monthly chart, the entity table and the top suppliers of a closed year (or of months
    within it) come from the frozen lines: today's figures differ by the late line only."""
    from pipelines.queries import overview
    from pipelines.queries.periods import Period
    from pipelines.scope import Scope
    from pipelines.warehouse import connect_read

    everything = Scope.everything()
    con = connect_read(closed_2025)
    try:
        for period in (Period.year(2025), Period.parse("2025-Q4"), Period.parse("2025-11")):
            frozen = overview.frozen_period_of(period, closed_2025)
            assert frozen == "2025", period
            months = {
                m["month_start"]: m["inclusive_spend_eur"]
                for m in overview.monthly(con, period, everything, closed_2025)
            }
            frozen_months = {
                m["month_start"]: m["inclusive_spend_eur"]
                for m in overview.monthly(
                    con, period, everything, closed_2025, frozen_period=frozen
                )
            }
            for month, today in months.items():
                late = LATE_AMOUNT if month == dt.date(2025, 11, 1) else Decimal("0")
                assert today - frozen_months[month] == late, (period, month)
            entities = {
                r["entity"]: r["inclusive_spend_eur"]
                for r in overview.spend_by(con, period, everything, closed_2025, by="entity")
            }
            frozen_entities = {
                r["entity"]: r["inclusive_spend_eur"]
                for r in overview.spend_by(
                    con, period, everything, closed_2025, by="entity", frozen_period=frozen
                )
            }
            assert entities["ALPHA"] - frozen_entities.get("ALPHA", Decimal("0")) == LATE_AMOUNT
            top = {
                r["supplier_key"]: r["spend_eur"]
                for r in overview.top_suppliers(con, period, everything, closed_2025)
            }
            frozen_top = {
                r["supplier_key"]: r["spend_eur"]
                for r in overview.top_suppliers(
                    con, period, everything, closed_2025, frozen_period=frozen
                )
            }
            ea = "11111111111111"
            assert top[ea] - frozen_top.get(ea, Decimal("0")) == LATE_AMOUNT
        assert overview.frozen_period_of(Period.parse("2024-12..2025-01"), closed_2025) is None
        assert overview.frozen_period_of(Period.year(2026), closed_2025) is None
    finally:
        con.close()


def test_overview_page_of_a_closed_year_shows_frozen_breakdowns(closed_2025):
    """The top-suppliers table of a closed year: the EA's amount without the late line."""
    from pipelines.queries import overview
    from pipelines.queries.periods import Period
    from pipelines.scope import Scope
    from pipelines.warehouse import connect_read

    at = signed_in("direction", period="2025")
    at.switch_page("pages/overview.py").run()
    assert not at.exception, at.exception
    tops = table(at, t("col.share_of_inclusive"))
    con = connect_read(closed_2025)
    try:
        today = overview.top_suppliers(con, Period.year(2025), Scope.everything(), closed_2025)
    finally:
        con.close()
    ea = next(r for r in today if r["supplier_key"] == "11111111111111")
    row = tops[tops[t("col.supplier")] == ea["supplier_name"]]
    assert row[t("col.spend")].item() == fmt.money(ea["spend_eur"] - LATE_AMOUNT, 0)


def test_whatif_of_a_closed_objective_reads_the_frozen_actual(closed_2025):
    """`asr objectives whatif` on a closed year: levels from the frozen actual (before the late
    line), today's actual beside it."""
    from typer.testing import CliRunner

    from pipelines.cli import app
    from pipelines.objectives import whatif

    result = whatif("OBJ-B1", settings=closed_2025)
    assert result["actual"] == Decimal("1500.50")
    assert result["closed"]["current_actual"] == Decimal("2500.50")
    out = CliRunner().invoke(app, ["objectives", "whatif", "OBJ-B1"])
    assert out.exit_code == 0, out.output
    assert "2\xa0500,5" in out.output and "1\xa0500,5" in out.output  # today and frozen


def test_invoices_that_count_of_a_closed_year_are_the_frozen_lines(closed_2025):
    """Mes objectifs' « factures qui comptent » (and the explorer's lines, count, grouped table
    and export with the same filters) of a closed year: the frozen lines, not the late one."""
    from dataclasses import replace

    from pipelines.queries import explorer
    from pipelines.queries.periods import Period
    from pipelines.scope import Scope
    from pipelines.warehouse import connect_read

    period = Period.year(2025)
    frozen = replace(explorer.COUNTED_LINES, frozen_period="2025")
    con = connect_read(closed_2025)
    try:
        today, n_today = explorer.lines(con, period, Scope(), explorer.COUNTED_LINES)
        then, n_then = explorer.lines(con, period, Scope(), frozen)
        grouped, _ = explorer.grouped(con, period, Scope(), frozen, closed_2025, dim1="entity")
        exported = explorer.export_lines(con, period, Scope(), frozen).read_all()
    finally:
        con.close()
    assert "LATE" in set(today["invoice_id"]) and "LATE" not in set(then["invoice_id"])
    assert n_today - n_then == 1
    assert sum(today["amount_eur"]) - sum(then["amount_eur"]) == LATE_AMOUNT
    assert exported.num_rows == n_then
    assert Decimal(str(grouped["spend_eur"].sum())) == sum(then["amount_eur"])


def test_my_objectives_of_a_closed_year_list_the_frozen_invoices(closed_2025):
    at = signed_in("acheteur", period="2025")
    at.switch_page("pages/my_objectives.py").run()
    assert not at.exception, at.exception
    invoices = table(at, t("col.invoice"))
    assert "LATE" not in set(invoices[t("col.invoice")])


def test_annual_report_of_a_closed_year_reads_the_frozen_lines(closed_2025):
    """The annual report's months, entities and top suppliers of a closed year are what its
    closing froze, like its headline: today's differ by the late line only."""
    from pipelines.queries import overview
    from pipelines.queries.periods import Period
    from pipelines.reports.annual import annual_data
    from pipelines.scope import Scope
    from pipelines.warehouse import connect_read

    con = connect_read(closed_2025)
    try:
        data = annual_data(con, 2025, settings=closed_2025, objectives=False)
        live = overview.top_suppliers(con, Period.year(2025), Scope.everything(), closed_2025)
    finally:
        con.close()
    today = data["kpi_current"]["inclusive_spend_eur"]
    assert data["kpi"]["inclusive_spend_eur"] == today - LATE_AMOUNT
    assert sum(m["inclusive_spend_eur"] for m in data["months"]) == today - LATE_AMOUNT
    assert sum(e["inclusive_spend_eur"] for e in data["entities"]) == today - LATE_AMOUNT
    ea = next(s for s in data["top_suppliers"] if s["supplier_key"] == "11111111111111")
    ea_today = next(s for s in live if s["supplier_key"] == "11111111111111")["spend_eur"]
    assert ea["spend_eur"] == ea_today - LATE_AMOUNT
    assert "2025-11" not in {m["month"] for m in data["months"]}  # the late line's month
