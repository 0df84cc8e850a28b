"""The annual report: figures gathered once (:func:`annual_data`), rendered as PDF or XLSX.

Headline figures come from :func:`pipelines.kpi.kpi_summary` (same numbers as
``asr report kpi``); objectives and payouts from :func:`pipelines.objectives.compute_attainment`,
aggregated unless ``include_pay``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import duckdb

from pipelines.clauses.declared import read_declared_contracts
from pipelines.errors import UserError
from pipelines.kpi import inclusive_families, kpi_rows, kpi_summary
from pipelines.reports.decp import decp_report
from pipelines.reports.hours import insertion_hours_report
from pipelines.reports.oeth import (
    OethParameters,
    deduction_before_cap,
    estimate_oeth,
    oeth_spend,
)
from pipelines.reports.query import fetch_dicts
from pipelines.scope import Scope
from pipelines.settings import Settings

FORMATS = ("pdf", "xlsx")
TOP_SUPPLIERS = 10


@dataclass(frozen=True)
class OethInputs:
    headcount: Decimal
    beneficiaries: Decimal
    direct_rate: Decimal | None = None


def restatement_cells(rows: list[dict[str, Any]], lang: str = "fr") -> list[list[str]]:
    """Rows of :func:`pipelines.objectives.closing.kpi_restatement` as report text cells."""
    from pipelines.i18n import t
    from pipelines.reports.formatting import fmt_eur, fmt_number, fmt_pct

    def cell(figure: str, value: Any, signed: bool = False) -> str:
        if value is None:
            return "–"
        if figure == "inclusive_share":
            text = fmt_pct(value, 2)
        elif figure == "inclusive_suppliers":
            text = fmt_number(value)
        else:
            text = fmt_eur(value, cents=True)
        return ("+" + text) if signed and value > 0 else text

    return [
        [
            t("closed.figure." + r["figure"], lang),
            cell(r["figure"], r["closed"]),
            cell(r["figure"], r["current"]),
            cell(r["figure"], r["difference"], signed=True),
        ]
        for r in rows
    ]


def year_window(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def variation(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """Relative change, or None when the previous value is zero or unknown."""
    if current is None or previous is None or previous == 0:
        return None
    return (Decimal(current) - Decimal(previous)) / abs(Decimal(previous))


def aggregate_objectives(results: list[Any], include_pay: bool) -> dict[str, Any]:
    """Per metric: count, reached (attainment >= 100 %), mean attainment, total payout."""
    by_metric: dict[str, dict[str, Any]] = defaultdict(
        lambda: {
            "count": 0,
            "reached": 0,
            "attainment_sum": Decimal(0),
            "payout_eur": Decimal(0),
            "variable_pay_eur": Decimal(0),
        }
    )
    for r in results:
        m = by_metric[r.metric]
        m["count"] += 1
        m["reached"] += 1 if r.attainment >= 1 else 0
        m["attainment_sum"] += r.attainment
        m["payout_eur"] += r.payout_eur
        m["variable_pay_eur"] += r.variable_pay_eur * r.weight
    rows = [
        {
            "metric": metric,
            "count": m["count"],
            "reached": m["reached"],
            # half-up, like every rounding of the product (0.12345 -> 0.1235)
            "mean_attainment": (m["attainment_sum"] / m["count"]).quantize(
                Decimal("0.0001"), rounding=ROUND_HALF_UP
            ),
            "payout_eur": m["payout_eur"],
            "payout_at_100_eur": m["variable_pay_eur"].quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            ),
        }
        for metric, m in sorted(by_metric.items())
    ]
    body: dict[str, Any] = {
        "count": len(results),
        "reached": sum(r["reached"] for r in rows),
        "payout_eur": sum((r["payout_eur"] for r in rows), Decimal(0)),
        "payout_at_100_eur": sum((r["payout_at_100_eur"] for r in rows), Decimal(0)),
        "by_metric": rows,
        "individual": None,
    }
    if include_pay:
        body["individual"] = [
            {
                "objective_id": r.objective_id,
                "owner": r.owner,
                "metric": r.metric,
                "target": r.target,
                "actual": r.actual,
                "attainment": r.attainment,
                "payout_eur": r.payout_eur,
                "status": r.status,
            }
            for r in sorted(results, key=lambda r: (r.owner, r.objective_id))
        ]
    return body


def _objectives(
    year: int, include_pay: bool, settings: Settings, con: duckdb.DuckDBPyConnection
) -> dict[str, Any] | None:
    try:
        from pipelines.objectives import attainment
    except ImportError:  # objectives area not installed
        return None
    from pipelines.objectives.closing import payout_restatement

    results = list(attainment.compute_attainment(str(year), settings=settings, con=con))
    body = aggregate_objectives(results, include_pay)
    # A closed year: the payouts are the frozen ones; today's recomputation goes beside them.
    body["closed"] = any(r.status == "closed" for r in results)
    body["payout_restatement"] = payout_restatement(results) if body["closed"] else None
    return body


def _closing(
    con: duckdb.DuckDBPyConnection,
    year: int,
    current: dict[str, Any],
    settings: Settings,
    scope: Scope,
) -> dict[str, Any] | None:
    """What the closing of ``year`` froze in ``scope`` (the totals of its frozen lines), with
    today's figures beside it; None when the year is open."""
    from pipelines.objectives.closing import frozen_kpi, kpi_restatement, period_state

    state = period_state(str(year), settings)
    if not state.closed:
        return None
    frozen = frozen_kpi(con, str(year), scope, settings)
    return {
        "period": state.period,
        "closed_at": state.closed_at,
        "closed_by": state.closed_by,
        "kpi": frozen,
        "kpi_with_probable": frozen_kpi(con, str(year), scope, settings, include_probable=True),
        "restatement": kpi_restatement(frozen, current),
    }


def _controls(
    year: int, include_pay: bool, settings: Settings, con: duckdb.DuckDBPyConnection
) -> dict[str, Any]:
    from pipelines.controls.service import controls_summary, period_signals

    listed = period_signals(str(year), settings=settings, con=con)
    return controls_summary(listed, with_signals=include_pay)


def annual_data(
    con: duckdb.DuckDBPyConnection,
    year: int,
    *,
    include_pay: bool = False,
    settings: Settings,
    scope: Scope | None = None,
    oeth: OethInputs | None = None,
    objectives: bool = True,
) -> dict[str, Any]:
    """Every figure of the annual report, as plain data (Decimals, dates, lists of dicts)."""
    scope = scope or Scope.everything()
    start, end = year_window(year)
    prev_start, prev_end = year_window(year - 1)
    current = kpi_summary(con, start, end, scope=scope, settings=settings)
    previous = kpi_summary(con, prev_start, prev_end, scope=scope, settings=settings)
    probable = kpi_summary(con, start, end, scope=scope, settings=settings, include_probable=True)
    closing = _closing(con, year, current, settings, scope)
    # A closed year: its months, entities and top suppliers are what its closing froze too.
    frozen = closing["period"] if closing else None
    months = kpi_rows(
        con, start, end, by="month", scope=scope, settings=settings, frozen_period=frozen
    )
    entities = kpi_rows(
        con, start, end, by="entity", scope=scope, settings=settings, frozen_period=frozen
    )
    params = {"date_from": start, "date_to": end, **scope.params()}
    suppliers = fetch_dicts(
        con,
        "reports/top_inclusive_suppliers",
        {
            **params,
            "inclusive_families": inclusive_families(settings),
            "limit": TOP_SUPPLIERS,
            "frozen_period": frozen,
        },
    )
    quality = fetch_dicts(con, "reports/data_quality", params)[0]
    hours = insertion_hours_report(
        con, start, end, scope=scope, declared=read_declared_contracts(settings)
    )
    spend = oeth_spend(con, start, end, scope=scope)
    oeth_params = OethParameters.for_year(year)
    oeth_body: dict[str, Any] = {
        "spend": spend,
        "parameters": oeth_params,
        "deduction_before_cap_eur": deduction_before_cap(spend, oeth_params.deduction_rate),
        "estimate": None,
    }
    if oeth is not None:
        oeth_body["estimate"] = estimate_oeth(
            year=year,
            headcount=oeth.headcount,
            beneficiaries=oeth.beneficiaries,
            spend=spend,
            parameters=oeth_params,
            direct_rate=oeth.direct_rate,
        )
    decp = decp_report(con, year=year) if scope == Scope.everything() else {"rows": []}
    return {
        "year": year,
        "generated_on": dt.date.today(),
        "scope": scope,
        # a closed year shows its frozen headline figures; today's are in closing.restatement
        "kpi": closing["kpi"] if closing else current,
        "kpi_current": current,
        "kpi_previous": previous,
        "kpi_with_probable": closing["kpi_with_probable"] if closing else probable,
        "closing": closing,
        "months": months,
        "entities": entities,
        "top_suppliers": suppliers,
        "quality": quality,
        "hours": hours,
        "oeth": oeth_body,
        "decp": decp,
        "objectives": (
            _objectives(year, include_pay, settings, con)
            if objectives and scope == Scope.everything()
            else None
        ),
        "controls": (
            _controls(year, include_pay, settings, con)
            if objectives and scope == Scope.everything()
            else None
        ),
        "include_pay": include_pay,
        "ess_in_inclusive": settings.ess_in_inclusive,
        # a year without a single spend line gets a short report, not pages of zeros
        "has_data": bool(quality["count_lines"]),
    }


def build_annual_report(
    year: int,
    fmt: str,
    *,
    include_pay: bool = False,
    settings: Settings,
    scope: Scope | None = None,
    oeth: OethInputs | None = None,
    charts: bool = True,
) -> bytes:
    """The annual report as PDF or XLSX bytes (the dashboard offers it for download)."""
    from pipelines.warehouse import connect_read

    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UserError(
            f"format « {fmt} » inconnu pour le rapport annuel ; attendu pdf ou xlsx.",
            f"unknown annual report format {fmt!r}; expected pdf or xlsx.",
        )
    con = connect_read(settings)
    try:
        data = annual_data(
            con, year, include_pay=include_pay, settings=settings, scope=scope, oeth=oeth
        )
    finally:
        con.close()
    images = {}
    if charts:
        from pipelines.reports.charts import render_charts

        images = render_charts(data)
    if fmt == "pdf":
        from pipelines.reports.annual_pdf import render_pdf

        return render_pdf(data, images)
    from pipelines.reports.annual_xlsx import render_xlsx

    return render_xlsx(data, images)
