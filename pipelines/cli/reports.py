"""Regulatory reports: ``asr report oeth|hours|decp|annual`` and ``asr contracts load``."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import typer

from pipelines.cli.common import (
    OutputFormat,
    echo_json,
    echo_rows,
    parse_date_range,
    parse_number_option,
)
from pipelines.cli.identity import CLAUSE_EDITORS, TOKEN_OPTION, USER_OPTION, acting_user
from pipelines.errors import UserError
from pipelines.formatting import date
from pipelines.i18n import current_lang, t
from pipelines.settings import load_settings

contracts_app = typer.Typer(
    help="Contracts with a social clause (insertion hours declared by facilitators).",
    no_args_is_help=True,
)


def _decimal(value: str | None, option: str, *, percent: bool = False) -> Decimal | None:
    return parse_number_option(value, option, negative=False, percent=percent)


def report_oeth(
    year: int = typer.Option(..., "--year", help="Year of the contribution, YYYY."),
    headcount: str = typer.Option(..., "--headcount", help="Headcount subject to the obligation."),
    beneficiaries: str = typer.Option(
        ..., "--beneficiaries", help="Disabled workers employed (annual average)."
    ),
    direct_rate: str = typer.Option(
        None, "--direct-rate", help="Direct employment rate (0.035 or 3.5%); default B / N."
    ),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
) -> None:
    """OETH contribution estimate: gross, EA/ESAT/TIH deduction, cap, net; every step shown."""
    from pipelines.reports.oeth import oeth_for_year
    from pipelines.warehouse import connect_read

    n = _decimal(headcount, "--headcount")
    b = _decimal(beneficiaries, "--beneficiaries")
    assert n is not None and b is not None
    con = connect_read(load_settings())
    try:
        est = oeth_for_year(
            con,
            year,
            headcount=n,
            beneficiaries=b,
            direct_rate=_decimal(direct_rate, "--direct-rate", percent=True),
        )
    finally:
        con.close()
    if fmt == OutputFormat.json:
        echo_json(est.as_dict())
        return
    if fmt == OutputFormat.table:
        typer.echo(t("oeth.title", year=year))
    echo_rows(est.steps(current_lang()), fmt, ["step", "label", "formula", "value"])


def report_hours(
    date_from: str = typer.Option(..., "--from", help="First day, YYYY-MM-DD."),
    date_to: str = typer.Option(..., "--to", help="Last day, YYYY-MM-DD (inclusive)."),
    entity: list[str] = typer.Option(None, "--entity", help="Only this entity (repeatable)."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
) -> None:
    """Insertion hours: declared on contracts with a social clause + estimate, with parameters."""
    from pipelines.clauses.declared import read_declared_contracts
    from pipelines.reports.hours import insertion_hours_report
    from pipelines.scope import Scope
    from pipelines.warehouse import connect_read

    start, end = parse_date_range(date_from, date_to)
    scope = Scope(entities=tuple(entity)) if entity else Scope.everything()
    settings = load_settings()
    declared = read_declared_contracts(settings)
    con = connect_read(settings)
    try:
        report = insertion_hours_report(con, start, end, scope=scope, declared=declared)
    finally:
        con.close()
    if fmt == OutputFormat.json:
        echo_json(report)
        return
    params = report["parameters"]
    rows = [
        {
            "source": "declared",
            "category": "",
            "spend_eur": None,
            "labour_share": None,
            "hourly_cost_eur": None,
            "hours": report["declared_hours"],
        },
        *({"source": "estimated", **r} for r in report["estimate"]),
        {
            "source": "total",
            "category": "",
            "spend_eur": report["estimated_spend_eur"],
            "labour_share": None,
            "hourly_cost_eur": None,
            "hours": report["insertion_hours"],
        },
    ]
    if fmt == OutputFormat.table:
        lang = current_lang()
        typer.echo(
            t(
                "cli.hours.title",
                start=date(start, lang),
                end=date(end, lang),
                cost=params["hourly_cost_default_eur"],
                share=params["labour_share_default"],
            )
        )
        if params["labour_share_defaulted_categories"]:
            categories = ", ".join(params["labour_share_defaulted_categories"])
            typer.echo(t("cli.hours.defaulted", categories=categories))
    echo_rows(
        rows,
        fmt,
        [
            "source",
            "category",
            "spend_eur",
            "labour_share",
            "labour_share_source",
            "hourly_cost_eur",
            "hourly_cost_source",
            "hours",
        ],
    )


def report_decp(
    year: int = typer.Option(None, "--year", help="Notification year, YYYY (default: all)."),
    buyer: list[str] = typer.Option(None, "--buyer", help="Only this buyer id (repeatable)."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
) -> None:
    """Public contracts: share with a social consideration per buyer and year vs the 30 % target."""
    from pipelines.reports.decp import DECP_COLUMNS, decp_report
    from pipelines.warehouse import connect_read

    con = connect_read(load_settings())
    try:
        report = decp_report(con, year=year, buyers=list(buyer) if buyer else None)
    finally:
        con.close()
    if fmt == OutputFormat.json:
        echo_json(report)
        return
    echo_rows(report["rows"], fmt, list(DECP_COLUMNS))
    lang = load_settings().lang
    for note in report["notes"]:
        typer.echo(note["en" if lang == "en" else "fr"], err=fmt == OutputFormat.csv)


def report_annual(
    year: int = typer.Option(..., "--year", help="Year of the report, YYYY."),
    out: Path = typer.Option(..., "--out", help="report.pdf or report.xlsx"),
    include_pay: bool = typer.Option(
        False, "--include-pay", help="Add the individual objectives and payouts (restricted)."
    ),
    headcount: str = typer.Option(None, "--headcount", help="OETH: headcount (optional)."),
    beneficiaries: str = typer.Option(
        None, "--beneficiaries", help="OETH: beneficiaries employed (with --headcount)."
    ),
    direct_rate: str = typer.Option(None, "--direct-rate", help="OETH: direct employment rate."),
    charts: bool = typer.Option(True, "--charts/--no-charts", help="Draw the charts (Chromium)."),
) -> None:
    """Annual report (PDF or XLSX, in French): headline figures vs the previous year, charts,
    objectives, top inclusive suppliers, insertion hours, OETH estimate, data quality."""
    from pipelines.reports.annual import OethInputs, build_annual_report

    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("pdf", "xlsx"):
        raise UserError(
            f"--out « {out} » : extension .pdf ou .xlsx attendue.",
            f"--out {str(out)!r}: expected a .pdf or .xlsx file.",
        )
    if (headcount is None) != (beneficiaries is None):
        raise UserError(
            "--headcount et --beneficiaries vont ensemble.",
            "--headcount and --beneficiaries go together.",
        )
    oeth = None
    if headcount is not None:
        n, b = _decimal(headcount, "--headcount"), _decimal(beneficiaries, "--beneficiaries")
        assert n is not None and b is not None
        oeth = OethInputs(n, b, _decimal(direct_rate, "--direct-rate", percent=True))
    body = build_annual_report(
        year, fmt, include_pay=include_pay, settings=load_settings(), oeth=oeth, charts=charts
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(body)
    typer.echo(t("cli.annual.written", year=year, out=out, kb=len(body) // 1024))


def contracts_load(
    file: Path = typer.Argument(..., help="CSV or XLSX of contracts with a social clause."),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Load contracts with a social clause; a reload replaces the same (entity, contract_id).
    They also enter the clause register (asr clauses list). Facilitators, analysts, admins."""
    from pipelines.clauses.register import from_loaded_contracts, upsert_contract
    from pipelines.reports.contracts import load_contracts, read_contracts
    from pipelines.store.db import warehouse_and_store

    settings = load_settings()
    actor = acting_user(
        CLAUSE_EDITORS,
        "charger des contrats",
        "load contracts",
        user=user,
        token=token,
        settings=settings,
    )
    contracts = read_contracts(file)
    with warehouse_and_store(settings) as (con, session):
        counts = load_contracts(con, contracts, file=file.name, actor=actor.username)
        # the same contracts enter the clause register (pipelines.clauses), audited
        for item in from_loaded_contracts(contracts):
            upsert_contract(session, item, actor=actor.username, source="contracts_load")
    rounded = t("cli.contracts.rounded", count=counts["rounded"]) if counts["rounded"] else ""
    loaded = t(
        "cli.contracts.loaded", file=file.name, rows=counts["rows"], replaced=counts["replaced"]
    )
    typer.echo(loaded + rounded)


def register(app: typer.Typer, reference_app: typer.Typer, report_app: typer.Typer) -> None:
    report_app.command("oeth")(report_oeth)
    report_app.command("hours")(report_hours)
    report_app.command("decp")(report_decp)
    report_app.command("annual")(report_annual)
    contracts_app.command("load")(contracts_load)
    app.add_typer(contracts_app, name="contracts")
