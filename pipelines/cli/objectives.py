"""Commands: org load, objectives load|export|whatif, report attainment, period close|reopen|list,
audit list|verify. Thin wrappers around pipelines.objectives and pipelines.store."""

from __future__ import annotations

from pathlib import Path

import typer

from pipelines.cli.common import (
    OutputFormat,
    check_choice,
    display_cell,
    echo_closed_header,
    echo_json,
    echo_rows,
    parse_number_option,
)
from pipelines.cli.identity import ADMIN, TOKEN_OPTION, USER_OPTION, acting_user
from pipelines.i18n import t
from pipelines.settings import Settings, load_settings

org_app = typer.Typer(help="People and the org tree.", no_args_is_help=True)
objectives_app = typer.Typer(help="Objectives and variable pay.", no_args_is_help=True)
period_app = typer.Typer(help="Close and reopen periods.", no_args_is_help=True)
audit_app = typer.Typer(help="The append-only audit log.", no_args_is_help=True)


@org_app.command("load")
def org_load(
    file: Path = typer.Argument(..., help="CSV: person_id,name,email,manager_id,entity,role"),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Load or update people (refuses cycles and unknown managers, naming the rows). Admins."""
    from pipelines.workflows import load_people_file

    settings = load_settings()
    actor = acting_user(
        ADMIN,
        "charger l'organigramme",
        "load the org chart",
        user=user,
        token=token,
        settings=settings,
    )
    count = load_people_file(file, settings=settings, actor=actor.username)
    typer.echo(t("cli.org.loaded", count=count, file=file))


@objectives_app.command("load")
def objectives_load(
    file: Path = typer.Argument(..., help="CSV or XLSX of objectives."),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Create or update objectives (same objective_id = update, audited). Admins."""
    from pipelines.workflows import load_objectives_file

    settings = load_settings()
    actor = acting_user(
        ADMIN, "charger des objectifs", "load objectives", user=user, token=token, settings=settings
    )
    count = load_objectives_file(file, settings=settings, actor=actor.username)
    typer.echo(t("cli.objectives.loaded", count=count, file=file))


@objectives_app.command("export")
def objectives_export(
    out: Path = typer.Option(None, "--out", help="Write to this file (.csv or .xlsx)."),
) -> None:
    """Export every objective in the load format (stdout unless --out)."""
    from pipelines.objectives import export_objectives

    text = export_objectives(out, settings=load_settings())
    if out is None:
        typer.echo(text, nl=False)
    else:
        typer.echo(t("cli.objectives.exported", out=out))


@objectives_app.command("whatif")
def objectives_whatif(
    objective_id: str = typer.Argument(..., help="Objective id."),
    extra: str = typer.Option(None, "--extra", help="Extra amount (euros for spend and shares)."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
) -> None:
    """Gaps to the threshold, target and cap, and the payout with an extra amount."""
    from pipelines.objectives import whatif

    amount = parse_number_option(extra, "--extra")
    settings = load_settings()
    result = whatif(objective_id, extra=amount, settings=settings)
    if fmt == OutputFormat.json:
        echo_json(result)
        return
    if result.get("closed"):
        from pipelines.objectives import period_state

        echo_closed_header(period_state(result["closed"]["period"], settings), fmt)
        typer.echo(
            t(
                "closed.cli_whatif_current",
                current=display_cell("metric_value", result["closed"]["current_actual"]),
            ),
            err=fmt == OutputFormat.csv,
        )
    rows = [dict(row) for row in result["levels"]]
    rows.insert(
        0,
        {
            "level": "now",
            "attainment": result["attainment"],
            "metric_value": result["actual"],
            "payout_rate": result["payout_rate"],
            "payout_eur": result["payout_eur"],
        },
    )
    if result["extra"] is not None:
        e = result["extra"]
        rows.append(
            {
                "level": f"+{e['amount']}",
                "attainment": e["attainment"],
                "metric_value": e["actual"],
                "payout_rate": e["payout_rate"],
                "payout_eur": e["payout_eur"],
            }
        )
    columns = ["level", "attainment", "metric_value", "gap", "gap_eur", "payout_rate", "payout_eur"]
    echo_rows(rows, fmt, columns)


def report_attainment(
    period: str = typer.Option(..., "--period", help="Year, YYYY."),
    owner: str = typer.Option(None, "--owner", help="Only this person's objectives."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
) -> None:
    """Attainment and payout of every objective of a period (frozen if the period is closed)."""
    from pipelines.objectives import compute_attainment, period_state
    from pipelines.objectives.attainment import RESULT_KEYS
    from pipelines.objectives.closing import payout_restatement

    settings = load_settings()
    state = period_state(period, settings)
    results = compute_attainment(period, owner=owner, settings=settings)
    if fmt == OutputFormat.json:
        body: dict = {"period": period, "objectives": [r.to_dict() for r in results]}
        if state.closed:
            body["closed"] = {
                "closed_at": state.closed_at,
                "closed_by": state.closed_by,
                "payout": payout_restatement(results),
            }
        echo_json(body)
        return
    if state.closed:
        echo_closed_header(state, fmt)
    rows = []
    for r in results:
        row = r.to_dict()
        restatement = row.pop("restatement", None)
        if restatement:
            row["restated_actual"] = restatement["current_actual"]
            row["restated_payout_eur"] = restatement["current_payout_eur"]
            row["payout_difference_eur"] = restatement["payout_difference_eur"]
        rows.append(row)
    columns = list(RESULT_KEYS)
    if any("restated_actual" in row for row in rows):
        columns += ["restated_actual", "restated_payout_eur", "payout_difference_eur"]
    echo_rows(rows, fmt, columns)
    if state.closed and fmt == OutputFormat.table:
        total = payout_restatement(results)
        typer.echo(
            t(
                "closed.cli_payout_total",
                frozen=total["closed"],
                current=total["current"],
                diff=total["difference"],
            )
        )


def _show_open_controls(period: str, settings: Settings) -> None:
    """Before a closing: the period's open control signals and the payout they touch."""
    from pipelines.controls.model import explain
    from pipelines.controls.service import open_stake, period_signals
    from pipelines.objectives.periods import parse_period

    parse_period(period)
    listed = period_signals(period, settings=settings)
    count, stake = open_stake(listed)
    if not count:
        return
    from pipelines.formatting import money
    from pipelines.i18n import current_lang

    lang = current_lang()
    typer.echo(
        t("controls.close_warning", count=count, stake=money(stake, 2, lang))
        + f" (asr report controls --period {period})",
        err=True,
    )
    for item in [i for i in listed if i.is_open][:10]:
        amount = money(item.signal.payout_at_stake_eur, 2, lang)
        typer.echo(f"  {amount:>14}  {explain(item.signal)}", err=True)


@period_app.command("close")
def period_close(
    period: str = typer.Argument(..., help="Year, YYYY."),
    reason: str = typer.Option(..., "--reason", help="Why (required, kept in the audit log)."),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Freeze a period: lines, classification and objective payouts. Admins, authenticated."""
    from pipelines.workflows import close_period

    settings = load_settings()
    actor = acting_user(
        ADMIN, "clôturer une période", "close a period", user=user, token=token, settings=settings
    )
    _show_open_controls(period, settings)
    summary = close_period(period, reason=reason, settings=settings, actor=actor.username)
    from pipelines.formatting import money
    from pipelines.i18n import current_lang

    typer.echo(
        t(
            "cli.period.closed",
            period=period,
            lines=summary["lines"]["count_lines"],
            objectives=summary["objectives"],
            payout=money(summary["payout_eur"], 2, current_lang()),
        )
    )


@period_app.command("reopen")
def period_reopen(
    period: str = typer.Argument(..., help="Year, YYYY."),
    reason: str = typer.Option(..., "--reason", help="Why (required, kept in the audit log)."),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Reopen a closed period. Admins, authenticated (password or token)."""
    from pipelines.workflows import reopen_period

    settings = load_settings()
    actor = acting_user(
        ADMIN, "rouvrir une période", "reopen a period", user=user, token=token, settings=settings
    )
    reopen_period(period, reason=reason, settings=settings, actor=actor.username)
    typer.echo(t("cli.period.reopened", period=period))


@period_app.command("list")
def period_list(
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
) -> None:
    """Closed and reopened periods."""
    from pipelines.objectives import list_periods

    echo_rows(list_periods(load_settings()), fmt)


@audit_app.command("list")
def audit_list(
    limit: int = typer.Option(None, "--limit", help="Only the last N events."),
    object_type: str = typer.Option(
        None, "--type", help="exclusion, objective, period, person, supplier or user."
    ),
    object_id: str = typer.Option(None, "--id", help="Only events about this object."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
) -> None:
    """The audit log, oldest first: who, when, what, before, after, reason."""
    from pipelines.store.audit import OBJECT_TYPES, event_dict, list_events
    from pipelines.store.db import session_scope

    check_choice("--type", object_type, OBJECT_TYPES)
    settings = load_settings()
    with session_scope(settings) as session:
        events = list_events(session, limit, object_type=object_type, object_id=object_id)
        rows = [event_dict(e) for e in events]
    if fmt == OutputFormat.table:
        rows = [
            {k: _short(v) if k in ("before", "after") else v for k, v in r.items()} for r in rows
        ]
    echo_rows(rows, fmt)


@audit_app.command("verify")
def audit_verify() -> None:
    """Recompute the audit chain and every closing's snapshot hash; exit 1 naming the first
    event or closing that does not match."""
    from pipelines.store.verify import verify_store

    settings = load_settings()
    result = verify_store(settings)
    if result.ok:
        typer.echo(result.message(settings.lang))
        return
    typer.secho(result.message(settings.lang), err=True, fg="red")
    raise typer.Exit(1)


def _short(value: object, width: int = 60) -> str:
    """A JSON value cut to ``width`` characters for the table view (json/csv keep everything)."""
    import json

    if value is None:
        return ""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 1] + "…"


def register(app: typer.Typer, reference_app: typer.Typer, report_app: typer.Typer) -> None:
    app.add_typer(org_app, name="org")
    app.add_typer(objectives_app, name="objectives")
    app.add_typer(period_app, name="period")
    app.add_typer(audit_app, name="audit")
    report_app.command("attainment")(report_attainment)
