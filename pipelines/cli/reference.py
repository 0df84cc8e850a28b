"""``asr reference load``: load official directories of inclusive suppliers."""

from __future__ import annotations

from pathlib import Path

import typer

from pipelines.cli.common import OutputFormat, echo_rows


def reference_load(
    files: list[Path] = typer.Argument(..., help="Directory files to load (one snapshot each)."),
    source: str = typer.Option(
        ..., "--source", help="csv, lemarche, emplois, ea, finess, esus or sirene."
    ),
    as_of: str = typer.Option(None, "--as-of", help="Snapshot date, YYYY-MM-DD (default: today)."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
) -> None:
    """Load directory files as dated snapshots of SOURCE; a newer snapshot closes the records it
    no longer lists."""
    from pipelines.cli.common import parse_date_option
    from pipelines.reference import load_reference
    from pipelines.settings import load_settings

    snapshot = parse_date_option(as_of, "--as-of") if as_of else None
    results = load_reference(list(files), source, as_of=snapshot, settings=load_settings())
    echo_rows([r.as_dict() for r in results], fmt)


def register(app: typer.Typer, reference_app: typer.Typer, report_app: typer.Typer) -> None:
    reference_app.command("load")(reference_load)
