"""The annual report opened and checked against the KPI report (small warehouse of conftest)."""

import datetime as dt
import io
import os
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader

from pipelines.kpi import kpi_summary
from pipelines.reports.annual import (
    OethInputs,
    aggregate_objectives,
    annual_data,
    build_annual_report,
    variation,
)
from pipelines.reports.formatting import fmt_eur, fmt_hours, fmt_metric, fmt_pct, fmt_variation
from pipelines.settings import Settings
from pipelines.warehouse import connect_read

D = Decimal
OETH = OethInputs(D("300"), D("10"))


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages).replace("\u00a0", " ")


def _fr(text: str) -> str:
    return text.replace("\u00a0", " ")


def _add_objectives(settings: Settings) -> None:
    attainment = pytest.importorskip("pipelines.objectives.attainment")
    assert attainment
    from pipelines.store.db import create_schema, session_scope
    from pipelines.store.models import Objective

    create_schema(settings)
    with session_scope(settings) as session:
        for oid, owner, metric, target, weight, pay in (
            ("O1", "alice.martin", "insertion_hours", "1000", "0.5", "10000"),
            ("O2", "bruno.petit", "inclusive_spend_eur", "100000", "1", "2000"),
        ):
            session.add(
                Objective(
                    objective_id=oid,
                    owner=owner,
                    scope_type="all",
                    scope_value=None,
                    period_start=dt.date(2024, 1, 1),
                    period_end=dt.date(2024, 12, 31),
                    metric=metric,
                    target=D(target),
                    weight=D(weight),
                    variable_pay_eur=D(pay),
                    curve=None,
                )
            )


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        ("110", "100", "0.1"),
        ("50", "100", "-0.5"),
        ("1", "0", None),
        (None, "1", None),
        ("-10", "-20", "0.5"),
    ],
)
def test_variation(current: str | None, previous: str, expected: str | None) -> None:
    value = variation(None if current is None else D(current), D(previous))
    assert value == (None if expected is None else D(expected))


def test_annual_data_matches_the_kpi_report(warehouse: Settings) -> None:
    con = connect_read(warehouse)
    try:
        data = annual_data(con, 2024, settings=warehouse, oeth=OETH, objectives=False)
        kpi = kpi_summary(con, dt.date(2024, 1, 1), dt.date(2024, 12, 31), settings=warehouse)
        prev = kpi_summary(con, dt.date(2023, 1, 1), dt.date(2023, 12, 31), settings=warehouse)
    finally:
        con.close()
    assert data["kpi"] == kpi and data["kpi_previous"] == prev
    assert kpi["inclusive_spend_eur"] == D("67000.00")  # 20 000 + 10 000 + 27 000 + 10 000
    assert kpi["addressable_spend_eur"] == D("170000.00")
    assert [s["supplier_name"] for s in data["top_suppliers"]] == [
        "EI VERT",
        "ESAT NET",
        "EA FOURN",
        "ETTI INT",
    ]
    q = data["quality"]
    assert q["count_lines"] == 7 and q["count_suppliers_probable"] == 1
    assert data["oeth"]["estimate"].net_contribution_eur == D("42120.00")


def test_aggregate_objectives_hides_individual_pay() -> None:
    class R:
        def __init__(self, **kw: Any) -> None:
            self.__dict__.update(kw)

    results = [
        R(
            objective_id="O1",
            owner="a",
            metric="m",
            target=D(1),
            actual=D(1),
            attainment=D("1.1"),
            payout_eur=D("100.00"),
            variable_pay_eur=D("1000"),
            weight=D("0.1"),
            status="open",
        ),
        R(
            objective_id="O2",
            owner="b",
            metric="m",
            target=D(1),
            actual=D(1),
            attainment=D("0.5"),
            payout_eur=D("0.00"),
            variable_pay_eur=D("500"),
            weight=D("1"),
            status="open",
        ),
    ]
    agg = aggregate_objectives(results, include_pay=False)
    assert agg["count"] == 2 and agg["reached"] == 1
    assert agg["payout_eur"] == D("100.00") and agg["payout_at_100_eur"] == D("600.00")
    assert agg["by_metric"][0]["mean_attainment"] == D("0.8")
    assert agg["individual"] is None
    assert [r["owner"] for r in aggregate_objectives(results, True)["individual"]] == ["a", "b"]


def test_pdf_report_figures_match_the_kpi_report(warehouse: Settings) -> None:
    _add_objectives(warehouse)
    pdf = build_annual_report(2024, "pdf", settings=warehouse, oeth=OETH, charts=False)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    con = connect_read(warehouse)
    try:
        kpi = kpi_summary(con, dt.date(2024, 1, 1), dt.date(2024, 12, 31), settings=warehouse)
        prev = kpi_summary(con, dt.date(2023, 1, 1), dt.date(2023, 12, 31), settings=warehouse)
    finally:
        con.close()
    assert "Rapport annuel 2024" in text
    for figure in (
        fmt_eur(kpi["inclusive_spend_eur"]),  # 67 000 €
        fmt_pct(kpi["inclusive_share"]),  # 39,4 %
        fmt_eur(kpi["addressable_spend_eur"]),
        fmt_eur(kpi["insertion_spend_eur"]),
        fmt_eur(kpi["handicap_spend_eur"]),
        fmt_eur(prev["inclusive_spend_eur"]),  # 2023 : 15 000 €
        fmt_variation(variation(kpi["inclusive_spend_eur"], prev["inclusive_spend_eur"])),
        fmt_hours(D("1110")),  # insertion hours
        "42 120,00 €",  # OETH net contribution (worked example of test_oeth)
        "EI VERT",
        "6 375 €",  # O1: 1110 h / 1000 h = 111 % -> rate 127,5 % x 0,5 x 10 000; O2 below 80 %
    ):
        assert _fr(figure) in text, figure
    assert "alice.martin" not in text  # no individual pay by default
    assert "alice.martin" in _text(
        build_annual_report(2024, "pdf", settings=warehouse, include_pay=True, charts=False)
    )


def test_xlsx_report_figures_match_the_kpi_report(warehouse: Settings) -> None:
    body = build_annual_report(2024, "xlsx", settings=warehouse, charts=False)
    book = openpyxl.load_workbook(io.BytesIO(body))
    assert "OETH" in book.sheetnames and "Heures d'insertion" in book.sheetnames
    sheet = book["Synthèse"]
    values = {row[0]: row[1:4] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert values["Achats inclusifs (HT)"][:2] == (67000.0, 15000.0)
    assert values["Part des achats inclusifs"][0] == pytest.approx(0.394118)
    assert values["Heures d'insertion (estimation)"][0] == 1110.0
    oeth = {row[0]: row[1] for row in book["OETH"].iter_rows(values_only=True) if row[0]}
    assert oeth["Déduction avant plafond"] == 5400.0


def test_unknown_format(warehouse: Settings) -> None:
    from pipelines.errors import UserError

    with pytest.raises(UserError, match="docx"):
        build_annual_report(2024, "docx", settings=warehouse)


@pytest.mark.skipif(
    not any(os.path.exists(p) for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser"))
    and not os.environ.get("BROWSER_PATH"),
    reason="no Chromium to draw the charts",
)
def test_pdf_report_has_charts(warehouse: Settings) -> None:
    pdf = build_annual_report(2024, "pdf", settings=warehouse, oeth=OETH)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages[0].images) == 1  # monthly chart on page 1
    assert len(reader.pages[1].images) == 2  # by kind and by entity


@pytest.mark.parametrize(
    ("unit", "value", "expected"),
    [
        ("share", D("0.021947"), "2,19 %"),
        ("eur", D("1234.5"), "1 234,50 €"),
        ("count", D("12"), "12"),
        ("hours", D("1110.4"), "1 110 h"),
        ("share", None, "–"),
    ],
)
def test_fmt_metric(unit: str, value: Decimal | None, expected: str) -> None:
    assert _fr(fmt_metric(unit, value)) == expected


def _add_share_objective(settings: Settings) -> None:
    from pipelines.store.db import session_scope
    from pipelines.store.models import Objective

    with session_scope(settings) as session:
        session.add(
            Objective(
                objective_id="O3",
                owner="alice.martin",
                scope_type="all",
                scope_value=None,
                period_start=dt.date(2024, 1, 1),
                period_end=dt.date(2024, 12, 31),
                metric="inclusive_share",
                target=D("0.30"),
                weight=D("0.2"),
                variable_pay_eur=D("10000"),
                curve=None,
            )
        )


def test_share_objective_reads_as_a_percentage(warehouse: Settings) -> None:
    """The nominative annex shows an inclusive-share objective as 39,41 %, not « 0,39 »."""
    _add_objectives(warehouse)
    _add_share_objective(warehouse)
    con = connect_read(warehouse)
    try:
        kpi = kpi_summary(con, dt.date(2024, 1, 1), dt.date(2024, 12, 31), settings=warehouse)
    finally:
        con.close()
    text = _text(
        build_annual_report(2024, "pdf", settings=warehouse, include_pay=True, charts=False)
    )
    assert _fr(fmt_pct(kpi["inclusive_share"], 2)) in text
    body = build_annual_report(2024, "xlsx", settings=warehouse, include_pay=True, charts=False)
    sheet = next(
        ws
        for ws in openpyxl.load_workbook(io.BytesIO(body)).worksheets
        if any(c.value == "O3" for row in ws.iter_rows() for c in row)
    )
    row = next(r for r in sheet.iter_rows() if r[0].value == "O3")
    assert row[2].value == "Part des achats inclusifs"
    assert row[3].number_format == "0.00%" and row[4].number_format == "0.00%"


def test_a_year_without_data_says_so(warehouse: Settings) -> None:
    """No pages of zeros and no chart axis from -1 EUR for a year with no spend line."""
    data_con = connect_read(warehouse)
    try:
        assert annual_data(data_con, 2025, settings=warehouse)["has_data"] is False
    finally:
        data_con.close()
    pdf = build_annual_report(2025, "pdf", settings=warehouse, charts=False)
    text = _text(pdf)
    assert "Aucune ligne d'achat n'est chargée pour 2025" in text
    assert "Répartition des achats inclusifs" not in text
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 2
    body = build_annual_report(2025, "xlsx", settings=warehouse, charts=False)
    cells = [c for row in openpyxl.load_workbook(io.BytesIO(body))["Synthèse"].iter_rows(
        values_only=True) for c in row if c]  # fmt: skip
    assert any("Aucune ligne d'achat" in str(c) for c in cells)
    from pipelines.reports.charts import figures

    assert figures({"has_data": False}) == {}
