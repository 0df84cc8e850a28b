"""``asr exclusions``: what is left out of addressable spend."""

from __future__ import annotations

import typer

from pipelines.cli.common import OutputFormat, echo_rows
from pipelines.cli.identity import REVIEWERS, TOKEN_OPTION, USER_OPTION, Actor, acting_user
from pipelines.exclusions import EXCLUSION_TYPES, list_exclusions
from pipelines.settings import Settings, load_settings

exclusions_app = typer.Typer(
    help="Addressable-spend exclusions (account prefixes, suppliers, categories).",
    no_args_is_help=True,
)

TYPE_HELP = "One of: " + ", ".join(EXCLUSION_TYPES)


def _editor(user: str | None, token: str | None) -> tuple[Actor, Settings]:
    settings = load_settings()
    actor = acting_user(
        REVIEWERS,
        "modifier les exclusions",
        "change exclusions",
        user=user,
        token=token,
        settings=settings,
    )
    return actor, settings


@exclusions_app.command("add")
def add(
    exclusion_type: str = typer.Argument(..., help=TYPE_HELP),
    value: str = typer.Argument(..., help="Account prefix, supplier key/SIRET/code, or category."),
    reason: str = typer.Option(None, "--reason", help="Why it is excluded."),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Exclude an account prefix, a supplier or a purchase category from addressable spend
    (audited). Analysts, admins."""
    actor, settings = _editor(user, token)
    from pipelines.reports.formatting import fmt_eur, fmt_number
    from pipelines.workflows import add_exclusion

    done = add_exclusion(
        exclusion_type, value, reason=reason, settings=settings, actor=actor.username
    )
    typer.echo(
        ("Exclusion ajoutée" if done.added else "Exclusion mise à jour")
        + f" : {fmt_number(done.lines)} lignes et {fmt_eur(done.amount_eur, cents=True)} "
        "sortent des achats adressables."
    )


@exclusions_app.command("remove")
def remove(
    exclusion_type: str = typer.Argument(..., help=TYPE_HELP),
    value: str = typer.Argument(...),
    reason: str = typer.Option(None, "--reason", help="Why it is removed (kept in the audit log)."),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Remove an exclusion (audited). Analysts, admins."""
    actor, settings = _editor(user, token)
    from pipelines.workflows import remove_exclusion

    found = remove_exclusion(
        exclusion_type, value, reason=reason, settings=settings, actor=actor.username
    )
    typer.echo(
        "Exclusion supprimée." if found else "Aucune exclusion de ce type et de cette valeur."
    )


@exclusions_app.command("list")
def list_(fmt: OutputFormat = typer.Option(OutputFormat.table, "--format")) -> None:
    """List the exclusions."""
    from pipelines.warehouse import connect_read

    con = connect_read(load_settings())
    try:
        echo_rows(list_exclusions(con), fmt, ["type", "value", "reason"])
    finally:
        con.close()


def register(app: typer.Typer, reference_app: typer.Typer, report_app: typer.Typer) -> None:
    app.add_typer(exclusions_app, name="exclusions")
