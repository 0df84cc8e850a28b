"""``asr report controls`` and ``asr controls review``: the controls against gaming objectives."""

from __future__ import annotations

import typer

from pipelines.cli.common import OutputFormat, echo_json, echo_rows
from pipelines.cli.identity import TOKEN_OPTION, USER_OPTION, acting_user
from pipelines.settings import load_settings

controls_app = typer.Typer(
    help="Controls against gaming the objectives: review a signal.", no_args_is_help=True
)


def report_controls(
    period: str = typer.Option(..., "--period", help="Year, YYYY."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
) -> None:
    """Signals of gaming for a period, ranked by the payout at stake, open and reviewed."""
    from pipelines.controls.service import REPORT_COLUMNS, period_signals, report_rows
    from pipelines.i18n import current_lang

    settings = load_settings()
    rows = report_rows(period_signals(period, settings=settings), current_lang())
    if fmt == OutputFormat.json:
        echo_json({"period": period, "signals": rows})
        return
    echo_rows(rows, fmt, list(REPORT_COLUMNS))


@controls_app.command("review")
def controls_review(
    signal_id: str = typer.Argument(..., help="Signal id, from asr report controls."),
    reason: str = typer.Option(..., "--reason", help="Why (required, kept in the audit log)."),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Mark a signal reviewed at its current figures. Admins and executives, authenticated."""
    from pipelines.controls.review import CONTROL_ROLES
    from pipelines.workflows import review_control

    settings = load_settings()
    actor = acting_user(
        CONTROL_ROLES,
        "revoir un signal de contrôle",
        "review a control signal",
        user=user,
        token=token,
        settings=settings,
    )
    signal, _ = review_control(
        signal_id, reason=reason, actor=actor.username, role=actor.role, settings=settings
    )
    typer.echo(
        f"Signal {signal.signal_id} revu ({signal.payout_at_stake_eur} € en jeu) ; il revient "
        "si ses chiffres changent."
    )


def register(app: typer.Typer, reference_app: typer.Typer, report_app: typer.Typer) -> None:
    report_app.command("controls")(report_controls)
    app.add_typer(controls_app, name="controls")
