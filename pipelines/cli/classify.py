"""``asr classify`` and the ``asr review`` queue."""

from __future__ import annotations

from pathlib import Path

import typer

from pipelines.cli.common import OutputFormat, echo_json, echo_rows
from pipelines.cli.identity import REVIEWERS, TOKEN_OPTION, USER_OPTION, Actor, acting_user
from pipelines.errors import UserError
from pipelines.settings import Settings, load_settings


def classify_command(
    evaluate: Path = typer.Option(
        None, "--evaluate", help="Labelled CSV: print precision and recall per rule instead."
    ),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
) -> None:
    """Classify every supplier (override, SIRET, SIREN, name) and refresh the marts."""
    if evaluate is not None:
        from pipelines.classify.evaluate import evaluate_file

        report = evaluate_file(evaluate, load_settings())
        if fmt == OutputFormat.json:
            echo_json(report)
        else:
            echo_rows(report["rules"], fmt)
            if fmt == OutputFormat.table:
                typer.echo(
                    f"{report['labels']} cas, seuil {report['threshold']:g} ; sans correspondance "
                    f"attendue : {report['none_correct']}/{report['none_expected']} ; "
                    f"exactitude {report['accuracy']}"
                )
        return
    from pipelines.classify import classify

    result = classify(load_settings())
    if fmt == OutputFormat.json:
        echo_json(result.as_dict())
        return
    typer.echo(f"{result.suppliers} fournisseurs classés en {result.seconds:.2f} s")
    for status in ("certain", "probable", "none"):
        typer.echo(f"  {status:<9} {result.by_status.get(status, 0)}")
    typer.echo("  par règle : " + ", ".join(f"{k} {v}" for k, v in sorted(result.by_rule.items())))


review_app = typer.Typer(
    help="The review queue: probable and unmatched suppliers; confirm, reject or set a kind.",
    no_args_is_help=True,
)


def review_list(
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
    limit: int = typer.Option(100, "--limit", help="How many suppliers to show."),
    status: str = typer.Option(
        None, "--status", help="probable (to confirm) or none (unmatched); both by default."
    ),
) -> None:
    """Probable suppliers first, then unmatched ones, most spend to review first."""
    from pipelines.classify.review import REVIEW_STATUSES, review_queue
    from pipelines.warehouse import connect_read

    if status is not None and status not in REVIEW_STATUSES:
        raise UserError(
            f"--status « {status} » inconnu ; valeurs possibles : probable, none.",
            f"--status {status!r} unknown; expected probable or none.",
        )
    con = connect_read(load_settings())
    try:
        rows = review_queue(con, limit, status)
    finally:
        con.close()
    columns = [
        "supplier_key",
        "supplier_name",
        "status",
        "rule",
        "kind",
        "record_id",
        "score",
        "to_review_eur",
        "explanation",
    ]
    echo_rows(rows, fmt, None if fmt == OutputFormat.json else columns)


def _reviewer(user: str | None, token: str | None) -> tuple[Actor, Settings]:
    settings = load_settings()
    actor = acting_user(
        REVIEWERS,
        "décider du classement d'un fournisseur",
        "decide a supplier's classification",
        user=user,
        token=token,
        settings=settings,
    )
    return actor, settings


def _decide(
    supplier: str,
    decision: str,
    done: str,
    *,
    user: str | None,
    token: str | None,
    reason: str | None,
    kind: str | None = None,
    record: int | None = None,
) -> None:
    from pipelines.workflows import decide

    actor, settings = _reviewer(user, token)
    outcome = decide(
        supplier,
        decision,
        settings=settings,
        actor=actor.username,
        reason=reason,
        kind=kind,
        record_id=record,
    )
    if outcome.changed:
        typer.echo(f"{done} : {supplier} (classification relancée)")
    else:
        from pipelines.i18n import t

        typer.echo(t("workflows.decision_unchanged", name=supplier))


def review_confirm(
    supplier: str = typer.Argument(..., help="Supplier key (see asr review list)."),
    record: int = typer.Option(None, "--record", help="Directory record id to confirm."),
    reason: str = typer.Option(None, "--reason", help="Why (kept in the audit log)."),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Confirm a supplier's match (its best probable record, or --record ID). Analysts, admins."""
    _decide(supplier, "confirm", "Confirmé", user=user, token=token, reason=reason, record=record)


def review_reject(
    supplier: str = typer.Argument(..., help="Supplier key (see asr review list)."),
    reason: str = typer.Option(None, "--reason", help="Why (kept in the audit log)."),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Declare a supplier not inclusive, whatever the directories say. Analysts, admins."""
    _decide(supplier, "reject", "Rejeté", user=user, token=token, reason=reason)


def review_set(
    supplier: str = typer.Argument(..., help="Supplier key (see asr review list)."),
    kind: str = typer.Option(..., "--kind", help="Kind code (EI, EA, ESAT, TIH, ...)."),
    reason: str = typer.Option(None, "--reason", help="Why (kept in the audit log)."),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Give a supplier a kind with certainty, at every date. Analysts, admins."""
    _decide(
        supplier,
        "set_kind",
        f"Type {kind.upper()} fixé",
        user=user,
        token=token,
        reason=reason,
        kind=kind,
    )


def register_review(app: typer.Typer) -> None:
    review_app.command("list")(review_list)
    review_app.command("confirm")(review_confirm)
    review_app.command("reject")(review_reject)
    review_app.command("set")(review_set)
    app.add_typer(review_app, name="review")


def register(app: typer.Typer, reference_app: typer.Typer, report_app: typer.Typer) -> None:
    app.command("classify")(classify_command)
    register_review(app)
