"""``asr reference load``: load official directories of inclusive suppliers."""

from __future__ import annotations

from pathlib import Path

import typer

from pipelines.cli.common import OutputFormat, check_choice, echo_rows
from pipelines.formatting import date, number
from pipelines.i18n import current_lang, t


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
    from pipelines.reference import SOURCES, load_reference
    from pipelines.settings import load_settings

    check_choice("--source", source, SOURCES)
    snapshot = parse_date_option(as_of, "--as-of") if as_of else None
    results = load_reference(list(files), source, as_of=snapshot, settings=load_settings())
    if fmt != OutputFormat.table:
        echo_rows([r.as_dict() for r in results], fmt)
        return
    for r in results:
        values = {
            "file": r.file,
            "source": r.source,
            "as_of": date(r.as_of, current_lang()),
            "load": r.ref_load_id,
            "loaded": number(r.rows_loaded, 0, current_lang()),
            "flagged": number(r.rows_flagged, 0, current_lang()),
            "closed": number(r.rows_closed, 0, current_lang()),
            "skipped": number(r.rows_skipped, 0, current_lang()),
        }
        key = "cli.reference.unchanged" if r.skipped else "cli.reference.loaded"
        typer.echo(t(key, None, **values))


def register(app: typer.Typer, reference_app: typer.Typer, report_app: typer.Typer) -> None:
    reference_app.command("load")(reference_load)
