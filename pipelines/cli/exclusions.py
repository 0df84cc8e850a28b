"""``asr exclusions``: what is left out of addressable spend."""

from __future__ import annotations

import typer

from pipelines.cli.common import OutputFormat, echo_rows
from pipelines.exclusions import EXCLUSION_TYPES, add_exclusions, list_exclusions, remove_exclusion

exclusions_app = typer.Typer(
    help="Addressable-spend exclusions (account prefixes, suppliers, categories).",
    no_args_is_help=True,
)

TYPE_HELP = "One of: " + ", ".join(EXCLUSION_TYPES)


@exclusions_app.command("add")
def add(
    exclusion_type: str = typer.Argument(..., help=TYPE_HELP),
    value: str = typer.Argument(..., help="Account prefix, supplier key/SIRET/code, or category."),
    reason: str = typer.Option(None, "--reason", help="Why it is excluded."),
) -> None:
    """Exclude an account prefix, a supplier or a purchase category from addressable spend
    (audited)."""
    added = add_exclusions([(exclusion_type, value, reason)])
    typer.echo("Exclusion ajoutée." if added else "Exclusion mise à jour.")


@exclusions_app.command("remove")
def remove(
    exclusion_type: str = typer.Argument(..., help=TYPE_HELP),
    value: str = typer.Argument(...),
    reason: str = typer.Option(None, "--reason", help="Why it is removed (kept in the audit log)."),
) -> None:
    """Remove an exclusion (audited)."""
    found = remove_exclusion(exclusion_type, value, reason=reason)
    typer.echo(
        "Exclusion supprimée." if found else "Aucune exclusion de ce type et de cette valeur."
    )


@exclusions_app.command("list")
def list_(fmt: OutputFormat = typer.Option(OutputFormat.table, "--format")) -> None:
    """List the exclusions."""
    from pipelines.warehouse import connect_read

    con = connect_read()
    try:
        echo_rows(list_exclusions(con), fmt, ["type", "value", "reason"])
    finally:
        con.close()


def register(app: typer.Typer, reference_app: typer.Typer, report_app: typer.Typer) -> None:
    app.add_typer(exclusions_app, name="exclusions")
