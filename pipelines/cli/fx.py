"""``asr fx``: the exchange rates that convert lines in other currencies to euros."""

from __future__ import annotations

from pathlib import Path

import typer

from pipelines.cli.common import OutputFormat, echo_json, echo_rows

fx_app = typer.Typer(
    help="Exchange rates: load the ECB's reference rates or a date;currency;rate file, list them.",
    no_args_is_help=True,
)


@fx_app.command("load")
def load(
    file: Path = typer.Argument(
        ..., help="eurofxref-hist.csv from the ECB, or a date;currency;rate CSV."
    ),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
) -> None:
    """Load exchange rates (all or nothing); name the files whose lines waited for them."""
    from pipelines.fx import load_rates
    from pipelines.settings import load_settings

    result = load_rates(file, load_settings())
    if fmt == OutputFormat.json:
        echo_json(result.as_dict())
        return
    summary = result.as_dict()
    summary["currencies"] = ", ".join(result.currencies)
    summary["files_to_reload"] = len(result.files_to_reload)
    echo_rows([summary], fmt)
    if fmt == OutputFormat.table:
        for name, lines in result.files_to_reload.items():
            typer.echo(
                f"{lines} ligne(s) de {name} attendaient ces taux : rechargez-le "
                f"(asr ingest {name})."
            )


@fx_app.command("list")
def list_(
    currency: str = typer.Option(None, "--currency", help="Only this currency (e.g. USD)."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
) -> None:
    """List the exchange rates: currency, validity, units per euro and euros per unit."""
    from pipelines.fx import LIST_COLUMNS, list_rates
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    con = connect_read(load_settings())
    try:
        echo_rows(list_rates(con, currency), fmt, list(LIST_COLUMNS))
    finally:
        con.close()


def register(app: typer.Typer, reference_app: typer.Typer, report_app: typer.Typer) -> None:
    app.add_typer(fx_app, name="fx")
