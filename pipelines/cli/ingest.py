"""Ingestion commands: ``asr ingest``, ``asr loads list``, ``asr loads quarantine``."""

from __future__ import annotations

from pathlib import Path

import typer

from pipelines.cli.common import OutputFormat, echo_rows
from pipelines.errors import UserError
from pipelines.ingest.result import LoadResult
from pipelines.settings import load_settings

loads_app = typer.Typer(help="Loads done so far and their quarantined rows.", no_args_is_help=True)

LOAD_COLUMNS = (
    "load_id",
    "file",
    "sha256",
    "format",
    "entity",
    "rows_read",
    "rows_loaded",
    "rows_quarantined",
    "rows_replaced",
    "loaded_at",
    "loaded_by",
    "note",
)


def ingest(
    files: list[Path] = typer.Argument(..., help="Files to load (CSV, XLSX, FEC, JSON...)."),
    entity: str = typer.Option(None, "--entity", help="Entity (société) of lines without one."),
    fmt: str = typer.Option(
        "auto", "--format", help="auto, csv, xlsx, fec, lemarche or decp (auto: guessed)."
    ),
    mapping: Path = typer.Option(None, "--mapping", help="YAML file: field: source column."),
    suppliers: Path = typer.Option(
        None, "--suppliers", help="Supplier master (CSV/XLSX): code -> SIRET, postcode, buyer."
    ),
    year: int = typer.Option(None, "--year", help="Year of a Le marché template (required)."),
    sheet: str = typer.Option(None, "--sheet", help="Excel sheet (default: the first)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Read and check, write nothing."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar, one line per file."),
    classify_after: bool = typer.Option(
        True, "--classify/--no-classify", help="Classify suppliers once the files are loaded."
    ),
) -> None:
    """Load purchase files into the warehouse (each file all or nothing)."""
    from pipelines.workflows import LoadOptions, load_and_classify

    settings = load_settings()
    options = LoadOptions(
        entity=entity,
        fmt=fmt,
        mapping=mapping,
        suppliers=suppliers,
        year=year,
        sheet=sheet,
        quiet=quiet,
    )

    def report(path: Path, result: LoadResult | UserError) -> None:
        if isinstance(result, UserError):
            typer.secho(
                ("Error: " if settings.lang == "en" else "Erreur : ") + result.message(),
                err=True,
                fg="red",
            )
            return
        _echo_load(path, result, quiet=quiet, dry_run=dry_run)

    if dry_run:
        from pipelines.workflows import preview_file

        failures = 0
        for path in files:
            try:
                report(path, preview_file(path, options, settings=settings))
            except UserError as exc:
                failures += 1
                report(path, exc)
        if failures:
            raise typer.Exit(1)
        return
    outcome = load_and_classify(
        files,
        options,
        settings=settings,
        classify_after=classify_after,
        keep_going=True,
        on_file=report,
    )
    if outcome.classified is not None:
        typer.echo("Fournisseurs classés (asr review list : ceux à confirmer).")
    if outcome.failures:
        raise typer.Exit(1)


def _echo_load(path: Path, result: LoadResult, *, quiet: bool, dry_run: bool) -> None:
    if not quiet and result.column_mapping:
        typer.echo(f"{path} — colonnes reconnues :")
        for source, field_name in result.column_mapping.items():
            typer.echo(f"  {source!s:<40} -> {field_name}")
    for warning in result.warnings:
        if not quiet:
            typer.echo(f"  ! {warning}")
    prefix = "[essai] " if result.status == "dry-run" else ""
    if result.status == "unchanged":
        typer.echo(
            f"{path}: déjà chargé à l'identique, rien à faire (chargement {result.load_id})."
        )
    elif result.format == "decp":
        typer.echo(
            f"{prefix}{path}: chargement {result.load_id} ({result.format}) — "
            f"{result.rows_read} lus, {result.contracts_loaded} marchés chargés, "
            f"{result.rows_quarantined} en quarantaine, {result.rows_replaced} remplacés."
        )
    else:
        typer.echo(
            f"{prefix}{path}: chargement {result.load_id} ({result.format}"
            f"{', ' + result.entity if result.entity else ''}) — "
            f"{result.rows_read} lignes lues, "
            f"{result.rows_loaded} chargées ({result.amount_eur} EUR), "
            f"{result.rows_quarantined} en quarantaine, {result.rows_replaced} remplacées, "
            f"{result.seconds:.1f} s."
            + (
                f" {result.rounded_amounts} montant(s) arrondi(s) au centime."
                if result.rounded_amounts
                else ""
            )
        )
        if result.rows_quarantined and result.load_id is not None and not dry_run:
            typer.echo(f"  voir : asr loads quarantine {result.load_id}")


def loads_list(
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
) -> None:
    """Every load: file, hash, format, entity, rows read/loaded/quarantined/replaced, when, who."""
    from pipelines.ingest import list_loads
    from pipelines.warehouse import connect_read

    con = connect_read(load_settings())
    try:
        rows = list_loads(con)
    finally:
        con.close()
    echo_rows(rows, fmt, LOAD_COLUMNS)


def loads_quarantine(
    load: int = typer.Argument(None, help="Load id (default: every load)."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
) -> None:
    """Rows that could not be loaded: file, row number, column, value, reason."""
    from pipelines.ingest import list_quarantine
    from pipelines.warehouse import connect_read

    con = connect_read(load_settings())
    try:
        rows = list_quarantine(con, load)
    finally:
        con.close()
    echo_rows(rows, fmt, ("load_id", "file", "row_no", "column_name", "value", "reason"))


def register(app: typer.Typer, reference_app: typer.Typer, report_app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    loads_app.command("list")(loads_list)
    loads_app.command("quarantine")(loads_quarantine)
    app.add_typer(loads_app, name="loads")
