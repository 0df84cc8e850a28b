"""Core commands: init, dashboard, report kpi."""

from __future__ import annotations

import os
import subprocess
import sys

import typer

from pipelines.cli.common import OutputFormat, echo_json, echo_rows, parse_date_range
from pipelines.errors import UserError
from pipelines.kpi import BY_DIMENSIONS, KPI_KEYS, kpi_report
from pipelines.settings import REPO_ROOT, load_settings


def init() -> None:
    """Create (or migrate) the warehouse and the objectives store."""
    from pipelines.store.db import create_schema
    from pipelines.warehouse import ensure_warehouse

    settings = load_settings()
    path = ensure_warehouse(settings)
    create_schema(settings)
    typer.echo(f"Entrepôt prêt : {path}")
    typer.echo(f"Base des objectifs prête : {settings.database_url}")


def dashboard(
    port: int = typer.Option(8501, help="Port to serve on."),
    headless: bool = typer.Option(True, help="Do not open a browser."),
) -> None:
    """Serve the Streamlit dashboard (http://localhost:8501)."""
    serve_dashboard(port=port, headless=headless)


def serve_dashboard(port: int = 8501, headless: bool = True) -> None:
    entry = REPO_ROOT / "dashboard" / "app.py"
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
    typer.echo(f"Tableau de bord : http://localhost:{port}")
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
    if by is not None and by not in BY_DIMENSIONS:
        raise UserError(
            f"--by « {by} » inconnu ; valeurs possibles : {', '.join(BY_DIMENSIONS)}.",
            f"--by {by!r} unknown; expected one of {', '.join(BY_DIMENSIONS)}.",
        )
    settings = load_settings()
    con = connect_read(settings)
    try:
        report = kpi_report(con, start, end, by=by, settings=settings)
    finally:
        con.close()
    if fmt == OutputFormat.json:
        echo_json(report)
        return
    rows = report["rows"] if by else [{k: report[k] for k in KPI_KEYS}]
    columns = ([by] if by else []) + list(KPI_KEYS)
    echo_rows(rows, fmt, columns)


def register(app: typer.Typer, reference_app: typer.Typer, report_app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("dashboard")(dashboard)
    report_app.command("kpi")(report_kpi)
