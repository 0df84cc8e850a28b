"""``asr reference load``: load official directories of inclusive suppliers."""

from __future__ import annotations

from pathlib import Path

import typer

from pipelines.cli.common import OutputFormat, echo_rows
from pipelines.errors import UserError


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
    import datetime as dt

    from pipelines.reference import load_reference

    snapshot = None
    if as_of:
        try:
            snapshot = dt.date.fromisoformat(as_of)
        except ValueError:
            raise UserError(
                f"--as-of : date « {as_of} » illisible, attendu AAAA-MM-JJ.",
                f"--as-of: cannot read date {as_of!r}, expected YYYY-MM-DD.",
            ) from None
    results = load_reference(list(files), source, as_of=snapshot)
    echo_rows([r.as_dict() for r in results], fmt)


def register(app: typer.Typer, reference_app: typer.Typer, report_app: typer.Typer) -> None:
    reference_app.command("load")(reference_load)
