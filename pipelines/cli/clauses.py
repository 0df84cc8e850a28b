"""``asr clauses``: the facilitator's register of social clauses, declarations and progress;
``asr report clauses``: the steering-committee report. Commands that write need an
authenticated facilitator or admin; every write is audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import typer

from pipelines.cli.common import OutputFormat, check_choice, echo_json, echo_rows
from pipelines.cli.identity import TOKEN_OPTION, USER_OPTION, Actor, acting_user
from pipelines.errors import UserError
from pipelines.settings import Settings, load_settings

clauses_app = typer.Typer(
    help="Social clauses: register, planned hours, contractors' declarations, progress.",
    no_args_is_help=True,
)
#: Who may plan clauses and record declarations (pipelines.access.CLAUSE_WRITER_ROLES).
WRITERS = ("facilitator", "admin")
AS_OF_OPTION = typer.Option(None, "--as-of", help="Situation at this date, YYYY-MM-DD (today).")
FORMAT_OPTION = typer.Option(OutputFormat.table, "--format", help="table, json or csv.")
#: ``asr clauses progress --by``: one row per contract, or totals per group.
PROGRESS_GROUPS = ("contract", "entity", "contractor", "buyer")


def _date(value: str | None, option: str) -> dt.date | None:
    """An optional date option, read by the one CLI date rule (common.parse_date_option)."""
    from pipelines.cli.common import parse_date_option

    return None if value is None else parse_date_option(value, option)


def _required_date(value: str, option: str) -> dt.date:
    day = _date(value, option)
    assert day is not None
    return day


def _number(value: str | None, option: str, *, fraction: bool = False) -> Decimal | None:
    from pipelines.cli.common import parse_number_option

    return parse_number_option(value, option, negative=False, percent=fraction)


def _as_of(value: str | None) -> dt.date:
    from pipelines.clock import utcnow

    return _date(value, "--as-of") or utcnow().date()


def _writer_actor(user: str | None, token: str | None, settings: Settings) -> Actor:
    """The authenticated facilitator or admin running the command (username and role)."""
    return acting_user(
        WRITERS,
        "modifier les clauses sociales",
        "change social clauses",
        user=user,
        token=token,
        settings=settings,
    )


def _writer(user: str | None, token: str | None, settings: Settings) -> str:
    return _writer_actor(user, token, settings).username


def _echo_steps(plan: Any) -> None:
    from pipelines.i18n import t

    typer.echo(t("clauses.cli.estimate"))
    for step in plan.steps():
        typer.echo(f"  {step['step']:<16} {step['value']!s:>14}  {step['formula']}")


@clauses_app.command("list")
def list_cmd(fmt: OutputFormat = FORMAT_OPTION) -> None:
    """The clause register: one row per contract (no person)."""
    from sqlalchemy import select

    from pipelines.clauses.register import snapshot
    from pipelines.store.db import session_scope
    from pipelines.store.models import ClauseContract

    settings = load_settings()
    with session_scope(settings) as session:
        rows = [
            snapshot(c)
            for c in session.scalars(
                select(ClauseContract).order_by(ClauseContract.entity, ClauseContract.contract_id)
            )
        ]
    columns = [
        "clause_id",
        "entity",
        "contract_id",
        "buyer",
        "contractor_siret",
        "contractor_name",
        "clause_type",
        "status",
        "start_date",
        "end_date",
        "amount_eur",
        "hours_required",
        "source",
    ]
    echo_rows(rows, fmt, columns)


@clauses_app.command("add")
def add_cmd(
    contract_id: str = typer.Argument(..., help="The contract's number."),
    entity: str = typer.Option(..., "--entity", help="Entity that owns the contract."),
    start: str = typer.Option(..., "--start", help="First day, YYYY-MM-DD."),
    end: str = typer.Option(..., "--end", help="Last day, YYYY-MM-DD."),
    buyer: str = typer.Option(None, "--buyer", help="The buyer (person id) who owns it."),
    siret: str = typer.Option(None, "--siret", help="Contractor SIRET."),
    contractor: str = typer.Option(None, "--contractor", help="Contractor name."),
    obj: str = typer.Option(None, "--object", help="What the contract buys."),
    category: str = typer.Option(None, "--category", help="Purchase category."),
    cpv: str = typer.Option(None, "--cpv", help="CPV code."),
    amount: str = typer.Option(None, "--amount", help="Amount excluding VAT, EUR."),
    clause_type: str = typer.Option(
        "insertion_hours", "--type", help="insertion_hours, reserved or award_criterion."
    ),
    status: str = typer.Option("planned", "--status", help="planned, running or completed."),
    hours_required: str = typer.Option(
        None, "--hours-required", help="Hours required (default: the estimate, steps shown)."
    ),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Add a contract or a tender being prepared to the clause register. Without
    --hours-required, an insertion-hours clause requires the estimate (every step printed)."""
    from pipelines.clauses.codes import CLAUSE_TYPES, STATUSES
    from pipelines.i18n import t
    from pipelines.workflows import add_clause_contract

    check_choice("--type", clause_type, CLAUSE_TYPES)
    check_choice("--status", status, STATUSES)
    settings = load_settings()
    actor = _writer_actor(user, token, settings)
    added = add_clause_contract(
        contract_id=contract_id,
        entity=entity,
        start_date=_required_date(start, "--start"),
        end_date=_required_date(end, "--end"),
        clause_type=clause_type,
        status=status,
        buyer=buyer,
        contractor_siret=siret,
        contractor_name=contractor,
        object=obj,
        category=category,
        cpv=cpv,
        amount_eur=_number(amount, "--amount"),
        hours_required=_number(hours_required, "--hours-required"),
        settings=settings,
        actor=actor.username,
        role=actor.role,
    )
    if added.plan is not None:
        _echo_steps(added.plan)
    typer.echo(
        t("clauses.cli.added", contract_id=contract_id, entity=entity, clause_id=added.clause_id)
    )


@clauses_app.command("plan")
def plan_cmd(
    clause_id: int = typer.Argument(..., help="Register number (asr clauses list)."),
    labour_share: str = typer.Option(None, "--labour-share", help="0.55 or 55%."),
    hourly_cost: str = typer.Option(None, "--hourly-cost", help="EUR per hour."),
    rate: str = typer.Option(None, "--rate", help="Clause rate: 0.05 or 5%."),
    hours_required: str = typer.Option(None, "--hours-required", help="Hours required."),
    reason: str = typer.Option(None, "--reason", help="Why (required when changing)."),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Show a contract's estimate with every parameter; with options, set this contract's own
    parameters (a reason is required and the old values stay in the audit log)."""
    from pipelines.clauses.parameters import planning_parameters
    from pipelines.clauses.register import get
    from pipelines.clauses.rules import planned_hours
    from pipelines.i18n import t
    from pipelines.store.db import session_scope
    from pipelines.workflows import set_clause_parameters

    settings = load_settings()
    values = {
        "labour_share": _number(labour_share, "--labour-share", fraction=True),
        "hourly_cost_eur": _number(hourly_cost, "--hourly-cost"),
        "clause_rate": _number(rate, "--rate", fraction=True),
        "hours_required": _number(hours_required, "--hours-required"),
    }
    if any(v is not None for v in values.values()):
        actor = _writer_actor(user, token, settings)
        set_clause_parameters(
            clause_id,
            reason=reason or "",
            settings=settings,
            actor=actor.username,
            role=actor.role,
            **values,
        )
        typer.echo(t("clauses.cli.parameters", clause_id=clause_id))
    with session_scope(settings) as session:
        c = get(session, clause_id)
        params = planning_parameters(
            c.start_date,
            category=c.category,
            siret=c.contractor_siret,
            labour_share=c.labour_share,
            hourly_cost_eur=c.hourly_cost_eur,
            clause_rate=c.clause_rate,
        )
        amount = c.amount_eur
    if amount is None:
        raise UserError(
            f"Le contrat n° {clause_id} n'a pas de montant : pas d'estimation.",
            f"Contract #{clause_id} has no amount: no estimate.",
        )
    _echo_steps(planned_hours(Decimal(amount), params))


@clauses_app.command("declare")
def declare_cmd(
    contract_id: str = typer.Argument(..., help="The contract's number."),
    entity: str = typer.Option(None, "--entity", help="Its entity (when the number is shared)."),
    period_from: str = typer.Option(..., "--from", help="First day of the period, YYYY-MM-DD."),
    period_to: str = typer.Option(..., "--to", help="Last day of the period, YYYY-MM-DD."),
    participant: str = typer.Option(..., "--participant", help="Pseudonymous id, never a name."),
    eligibility: str = typer.Option(..., "--eligibility", help="e.g. rqth, young_under_26."),
    modality: str = typer.Option(..., "--modality", help="direct_hire, placement, ..."),
    hours: str = typer.Option(..., "--hours", help="Hours worked in the period."),
    signed: bool = typer.Option(False, "--signed", help="An employment contract was signed."),
    outcome: str = typer.Option(None, "--outcome", help="Situation six months on."),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Record one person's hours declared by the contractor for a period."""
    from pipelines.clock import utcnow
    from pipelines.i18n import t
    from pipelines.workflows import record_clause_declaration

    settings = load_settings()
    actor = _writer(user, token, settings)
    value = _number(hours, "--hours")
    assert value is not None
    record_clause_declaration(
        contract_id=contract_id,
        entity=entity,
        period_start=_required_date(period_from, "--from"),
        period_end=_required_date(period_to, "--to"),
        participant_id=participant,
        eligibility=eligibility,
        modality=modality,
        hours=value,
        employment_contract_signed=signed,
        outcome_6_months=outcome,
        settings=settings,
        actor=actor,
        now=utcnow(),
    )
    typer.echo(t("clauses.cli.declared", count=1))


@clauses_app.command("correct")
def correct_cmd(
    declaration_id: int = typer.Argument(..., help="The declaration to correct."),
    reason: str = typer.Option(..., "--reason", help="Why."),
    hours: str = typer.Option(None, "--hours", help="Corrected hours."),
    period_from: str = typer.Option(None, "--from", help="Corrected first day."),
    period_to: str = typer.Option(None, "--to", help="Corrected last day."),
    eligibility: str = typer.Option(None, "--eligibility", help="Corrected eligibility."),
    modality: str = typer.Option(None, "--modality", help="Corrected modality."),
    signed: bool = typer.Option(None, "--signed/--not-signed", help="Employment contract."),
    outcome: str = typer.Option(None, "--outcome", help="Situation six months on."),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Correct a declaration: a new row replaces it, the old one stays (audited)."""
    from pipelines.clock import utcnow
    from pipelines.i18n import t
    from pipelines.workflows import correct_clause_declaration

    settings = load_settings()
    actor = _writer_actor(user, token, settings)
    new_id = correct_clause_declaration(
        declaration_id,
        reason=reason,
        settings=settings,
        actor=actor.username,
        role=actor.role,
        now=utcnow(),
        hours=_number(hours, "--hours"),
        period_start=_date(period_from, "--from"),
        period_end=_date(period_to, "--to"),
        eligibility=eligibility,
        modality=modality,
        employment_contract_signed=signed,
        outcome_6_months=outcome,
    )
    typer.echo(t("clauses.cli.corrected", old=declaration_id, new=new_id))


@clauses_app.command("import")
def import_cmd(
    file: Path = typer.Argument(..., help="The contractor's declarations, CSV or XLSX."),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Record a contractor's declarations file: every row is checked first; one bad row and
    nothing is recorded (each problem names its row and column)."""
    from pipelines.clock import utcnow
    from pipelines.i18n import t
    from pipelines.workflows import import_clause_declarations

    settings = load_settings()
    actor = _writer(user, token, settings)
    count = import_clause_declarations(file, actor=actor, settings=settings, now=utcnow())
    typer.echo(t("clauses.cli.imported", file=file.name, count=count))


@clauses_app.command("from-decp")
def from_decp_cmd(
    year: int = typer.Option(None, "--year", help="Notification year (default: all)."),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Add the loaded DECP contracts with a social consideration to the clause register (they
    run for their dureeMois from notification, one year when they give none)."""
    from pipelines.clauses.register import from_decp_rows, upsert_contract
    from pipelines.i18n import t
    from pipelines.reports.query import fetch_dicts
    from pipelines.store.db import session_scope
    from pipelines.warehouse import connect_read

    settings = load_settings()
    actor = _writer(user, token, settings)
    con = connect_read(settings)
    try:
        items = from_decp_rows(fetch_dicts(con, "clauses/decp_candidates", {"year": year}))
    finally:
        con.close()
    created = updated = 0
    with session_scope(settings) as session:
        for item in items:
            _, new = upsert_contract(session, item, actor=actor, source="decp")
            created += new
            updated += not new
    typer.echo(t("clauses.cli.synced", created=created, updated=updated))


@clauses_app.command("progress")
def progress_cmd(
    as_of: str = AS_OF_OPTION,
    by: str = typer.Option(
        "contract", "--by", help="contract, entity, contractor or buyer (totals per group)."
    ),
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Hours required, declared and estimated (apart), FTE, people, pace: on track or late."""
    from pipelines.access import ClauseView
    from pipelines.clauses.progress import group_by, load_clause_data

    check_choice("--by", by, PROGRESS_GROUPS)
    day = _as_of(as_of)
    data = load_clause_data(load_settings(), ClauseView(None, False, False), day)
    rows = (
        [r.as_row() for r in data.contracts] if by == "contract" else group_by(data.contracts, by)
    )
    if fmt == OutputFormat.json:
        echo_json({"as_of": day, "rows": rows})
        return
    echo_rows(rows, fmt)


@clauses_app.command("opportunities")
def opportunities_cmd(
    as_of: str = AS_OF_OPTION,
    horizon: int = typer.Option(180, "--horizon", help="Contracts ending within this many days."),
    min_spend: str = typer.Option(
        None, "--min-spend", help="Recurring spend threshold, EUR (default: dated parameter)."
    ),
    buyer: str = typer.Option(None, "--buyer", help="Only this buyer's (export for the buyer)."),
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Tenders or renewals that could carry a clause, with estimated hours and owning buyer;
    contracts above the EU thresholds without a social consideration (art. 35) flagged."""
    from sqlalchemy import select

    from pipelines.access import ClauseView
    from pipelines.clauses.opportunities import opportunities
    from pipelines.store.db import session_scope
    from pipelines.store.models import ClauseContract
    from pipelines.warehouse import connect_read

    settings = load_settings()
    view = ClauseView(None if buyer is None else (buyer,), False, False)
    with session_scope(settings) as session:
        contracts = list(session.scalars(select(ClauseContract)))
    con = connect_read(settings)
    try:
        rows = opportunities(
            con,
            contracts,
            view,
            _as_of(as_of),
            horizon_days=horizon,
            min_spend_eur=_number(min_spend, "--min-spend"),
        )
    finally:
        con.close()
    echo_rows(
        rows,
        fmt,
        [
            "kind",
            "entity",
            "buyer",
            "reference",
            "category",
            "amount_eur",
            "date",
            "hours_estimated",
            "labour_share",
            "hourly_cost_eur",
            "clause_rate",
        ],
    )


def report_clauses(
    year: int = typer.Option(..., "--year", help="Year of the report, YYYY."),
    out: Path = typer.Option(..., "--out", help="report.pdf or report.xlsx"),
) -> None:
    """Social clauses report for the steering committee (PDF or XLSX): hours, people by
    category and modality (counts only), contractors, opportunities, methodology."""
    from pipelines.i18n import t
    from pipelines.reports.clauses import build_clauses_report

    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("pdf", "xlsx"):
        raise UserError(
            f"--out « {out} » : extension .pdf ou .xlsx attendue.",
            f"--out {str(out)!r}: expected a .pdf or .xlsx file.",
        )
    body = build_clauses_report(year, fmt, settings=load_settings())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(body)
    typer.echo(t("clauses.cli.report_written", year=year, out=out, size=len(body) // 1024))


def register(app: typer.Typer, reference_app: typer.Typer, report_app: typer.Typer) -> None:
    app.add_typer(clauses_app, name="clauses")
    report_app.command("clauses")(report_clauses)
