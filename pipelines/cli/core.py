"""Core commands: init, dashboard, report kpi."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import typer

from pipelines.cli.common import (
    OutputFormat,
    check_choice,
    echo_closed_header,
    echo_json,
    echo_rows,
    parse_date_range,
)
from pipelines.i18n import t
from pipelines.kpi import BY_DIMENSIONS, KPI_KEYS, kpi_report
from pipelines.settings import REPO_ROOT, load_settings


def init() -> None:
    """Create (or migrate) the warehouse and the objectives store."""
    from pipelines.store.db import create_schema
    from pipelines.warehouse import ensure_warehouse

    settings = load_settings()
    path = ensure_warehouse(settings)
    create_schema(settings)
    typer.echo(t("cli.init.warehouse", path=path))
    typer.echo(t("cli.init.store", url=settings.database_url))


def dashboard(
    port: int = typer.Option(8501, help="Port to serve on."),
    headless: bool = typer.Option(True, help="Do not open a browser."),
) -> None:
    """Serve the Streamlit dashboard (http://localhost:8501)."""
    serve_dashboard(port=port, headless=headless)


def serve_dashboard(port: int = 8501, headless: bool = True) -> None:
    entry = REPO_ROOT / "dashboard" / "server.py"  # app.py plus the session-cookie routes
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(entry),
        "--server.port",
        str(port),
        "--server.headless",
        "true" if headless else "false",
        "--browser.gatherUsageStats",
        "false",
        "--client.showErrorDetails",
        "false",
    ]
    typer.echo(t("cli.dashboard.url", port=port))
    # From the repo root, so that Streamlit reads .streamlit/config.toml (theme, toolbar); the
    # resolved ASR_HOME goes along so that a relative default still means the caller's folder.
    env = {**os.environ, "ASR_HOME": str(load_settings().home)}
    raise SystemExit(subprocess.call(cmd, env=env, cwd=REPO_ROOT))


def report_kpi(
    date_from: str = typer.Option(..., "--from", help="First day, YYYY-MM-DD."),
    date_to: str = typer.Option(..., "--to", help="Last day, YYYY-MM-DD (inclusive)."),
    by: str = typer.Option(None, "--by", help="Group by: " + "|".join(BY_DIMENSIONS)),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
) -> None:
    """Headline indicators over a period: spend, inclusive spend and share, by kind."""
    from pipelines.warehouse import connect_read

    start, end = parse_date_range(date_from, date_to)
    check_choice("--by", by, BY_DIMENSIONS)
    from pipelines.objectives.closing import kpi_restatement, window_state

    settings = load_settings()
    # A closed year: its frozen totals, with today's beside them (DOMAIN.md section 8).
    found = window_state(start, end, settings)
    state = found if found is not None and found.frozen_kpi is not None else None
    closed = state is not None
    con = connect_read(settings)
    try:
        report = kpi_report(con, start, end, by=by, settings=settings)
        current = report if by is None else kpi_report(con, start, end, settings=settings)
    finally:
        con.close()
    restatement = (
        kpi_restatement(state.frozen_kpi, current)
        if state is not None and state.frozen_kpi is not None
        else None
    )
    if fmt == OutputFormat.json:
        if closed and state:
            report = {**report, "closed": _closed_block(state, restatement)}
        echo_json(report)
        return
    if closed and state:
        echo_closed_header(state, fmt)
        if by is None:
            columns = ["figure", "closed", "current", "difference"]
            rows = restatement or []
            if fmt == OutputFormat.table:  # labels and units for a person; CSV stays raw
                from pipelines.i18n import current_lang
                from pipelines.reports.annual import restatement_cells

                cells = restatement_cells(rows, current_lang())
                rows = [dict(zip(columns, c, strict=True)) for c in cells]
            echo_rows(rows, fmt, columns)
            return
        typer.echo(t("closed.cli_by_note", period=state.period, by=by), err=True)
    rows = report["rows"] if by else [{k: report[k] for k in KPI_KEYS}]
    columns = ([by] if by else []) + list(KPI_KEYS)
    echo_rows(rows, fmt, columns)


def _closed_block(state: Any, restatement: Any) -> dict[str, Any]:
    return {
        "period": state.period,
        "closed_at": state.closed_at,
        "closed_by": state.closed_by,
        "frozen": state.frozen_kpi,
        "restatement": restatement,
    }


def register(app: typer.Typer, reference_app: typer.Typer, report_app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("dashboard")(dashboard)
    report_app.command("kpi")(report_kpi)
