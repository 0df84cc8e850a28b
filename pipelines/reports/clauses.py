"""``asr report clauses``: the steering committee's report on social clauses (PDF or XLSX, in
French): hours required, declared and estimated (apart), people by eligibility and modality
(counts only, never a person), contractors, opportunities and the methodology. Reuses the
annual report's PDF and XLSX building blocks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from pipelines.access import ClauseView
from pipelines.clauses.opportunities import opportunities
from pipelines.clauses.parameters import on_track_tolerance
from pipelines.clauses.progress import group_by, load_clause_data, totals
from pipelines.i18n import t
from pipelines.reports.formatting import fmt_date, fmt_eur, fmt_number, fmt_pct
from pipelines.settings import Settings
from pipelines.store.db import session_scope
from pipelines.store.models import ClauseContract

#: A report for the committee shows counts: it never carries participants.
COMMITTEE = ClauseView(None, False, False)


def clauses_data(year: int, settings: Settings) -> dict[str, Any]:
    """Figures of contracts running during ``year``, as of its last day."""
    as_of = dt.date(year, 12, 31)
    first = dt.date(year, 1, 1)
    data = load_clause_data(settings, COMMITTEE, as_of)
    rows = [r for r in data.contracts if r.start_date <= as_of and r.end_date >= first]
    with session_scope(settings) as session:
        contracts = list(session.scalars(select(ClauseContract)))
    try:
        from pipelines.warehouse import connect_read

        con = connect_read(settings)
    except Exception:  # no warehouse yet: register renewals only
        con = None
    try:
        opps = opportunities(con, contracts, COMMITTEE, as_of)
    finally:
        if con is not None:
            con.close()
    return {
        "year": year,
        "as_of": as_of,
        "totals": totals(rows),
        "contracts": [r.as_row() for r in rows],
        "contractors": group_by(rows, "contractor"),
        "entities": group_by(rows, "entity"),
        "opportunities": opps,
        "methodology": t(
            "clauses.report.methodology", "fr", tolerance=fmt_pct(on_track_tolerance(as_of), 0)
        ),
    }


def _hours(value: Any) -> str:
    return "" if value is None else fmt_number(value)


def render_pdf(data: dict[str, Any]) -> bytes:
    from pipelines.reports.annual_pdf import ReportPDF

    year, tot = data["year"], data["totals"]
    pdf = ReportPDF(t("clauses.report.title", "fr", year=year))
    pdf.add_page()
    pdf.section(
        t("clauses.report.title", "fr", year=year), f"Situation au {fmt_date(data['as_of'])}"
    )
    pdf.grid(
        ["Indicateur", "Valeur"],
        [
            ["Contrats à clause sociale", fmt_number(tot["contracts"])],
            ["Heures exigées", _hours(tot["hours_required"])],
            ["Heures déclarées", _hours(tot["hours_declared"])],
            ["Heures estimées (paramètres, à part)", _hours(tot["hours_estimated"])],
            ["ETP déclarés", fmt_number(tot["fte_declared"], 2)],
            ["Personnes", fmt_number(tot["people"])],
            ["Contrats de travail signés", fmt_number(tot["contracts_signed"])],
            ["Emplois durables à 6 mois", fmt_number(tot["lasting_outcomes"])],
            ["Contrats en retard", fmt_number(tot["late"])],
        ],
        [3, 1],
        ["L", "R"],
    )
    pdf.section("Personnes par public et par modalité", "Effectifs, jamais de personne nommée.")
    pdf.grid(
        ["Public", "Personnes"],
        [[t(f"clauses.eligibility.{k}", "fr"), str(v)] for k, v in tot["by_eligibility"].items()],
        [3, 1],
        ["L", "R"],
    )
    pdf.grid(
        ["Modalité", "Personnes"],
        [[t(f"clauses.modality.{k}", "fr"), str(v)] for k, v in tot["by_modality"].items()],
        [3, 1],
        ["L", "R"],
    )
    pdf.section("Contrats")
    pdf.grid(
        ["Contrat", "Entité", "Titulaire", "Exigées", "Déclarées", "Estimées", "Rythme"],
        [
            [
                r["contract_id"],
                r["entity"],
                r["contractor"],
                _hours(r["hours_required"]),
                _hours(r["hours_declared"]),
                _hours(r["hours_estimated"]),
                t(f"clauses.pace.{r['pace']}", "fr"),
            ]
            for r in data["contracts"]
        ],
        [2, 2, 3, 1.3, 1.3, 1.3, 1.6],
        ["L", "L", "L", "R", "R", "R", "L"],
    )
    pdf.section("Par titulaire")
    pdf.grid(
        ["Titulaire", "Contrats", "Exigées", "Déclarées", "Personnes"],
        [
            [
                r["contractor"],
                str(r["contracts"]),
                _hours(r["hours_required"]),
                _hours(r["hours_declared"]),
                str(r["people"]),
            ]
            for r in data["contractors"]
        ],
        [3, 1, 1.3, 1.3, 1],
        ["L", "R", "R", "R", "R"],
    )
    pdf.section("Opportunités", "Renouvellements, dépenses récurrentes sans clause, art. 35.")
    pdf.grid(
        ["Nature", "Entité", "Référence", "Montant", "Heures estimées"],
        [
            [
                t(f"clauses.kind.{o['kind']}", "fr"),
                str(o["entity"] or ""),
                str(o["reference"] or ""),
                fmt_eur(o["amount_eur"]) if o["amount_eur"] is not None else "",
                _hours(o["hours_estimated"]),
            ]
            for o in data["opportunities"]
        ],
        [3, 2, 2, 1.5, 1.2],
        ["L", "L", "L", "R", "R"],
    )
    pdf.section("Méthode")
    pdf.paragraph(data["methodology"])
    return bytes(pdf.output())


def render_xlsx(data: dict[str, Any]) -> bytes:
    from pipelines.reports.annual_xlsx import Book

    year, tot = data["year"], data["totals"]
    book = Book()
    ws, row = book.sheet(
        "Synthèse", t("clauses.report.title", "fr", year=year), data["methodology"]
    )
    book.table(
        ws,
        row,
        ["Indicateur", "Valeur"],
        [
            ["Contrats à clause sociale", tot["contracts"]],
            ["Heures exigées", tot["hours_required"]],
            ["Heures déclarées", tot["hours_declared"]],
            ["Heures estimées (à part)", tot["hours_estimated"]],
            ["ETP déclarés", tot["fte_declared"]],
            ["Personnes", tot["people"]],
            ["Contrats de travail signés", tot["contracts_signed"]],
            ["Emplois durables à 6 mois", tot["lasting_outcomes"]],
            ["Contrats en retard", tot["late"]],
        ],
        ["text", "dec"],
        [40, 16],
    )
    ws, row = book.sheet("Publics", "Personnes par public et par modalité (effectifs)")
    row = book.table(
        ws,
        row,
        ["Public", "Personnes"],
        [[t(f"clauses.eligibility.{k}", "fr"), v] for k, v in tot["by_eligibility"].items()],
        ["text", "int"],
        [40, 12],
    )
    book.table(
        ws,
        row,
        ["Modalité", "Personnes"],
        [[t(f"clauses.modality.{k}", "fr"), v] for k, v in tot["by_modality"].items()],
        ["text", "int"],
        [40, 12],
    )
    ws, row = book.sheet("Contrats", "Contrats à clause sociale")
    columns = [
        ("contract_id", "Contrat", "text", 16),
        ("entity", "Entité", "text", 14),
        ("contractor", "Titulaire", "text", 26),
        ("amount_eur", "Montant HT", "eur", 16),
        ("hours_required", "Heures exigées", "dec", 12),
        ("hours_declared", "Heures déclarées", "dec", 12),
        ("hours_estimated", "Heures estimées", "dec", 12),
        ("labour_share", "Part main-d'œuvre", "dec", 12),
        ("hourly_cost_eur", "Coût horaire", "eur", 12),
        ("clause_rate", "Taux de clause", "pct", 12),
        ("people", "Personnes", "int", 10),
        ("pace", "Rythme", "text", 14),
    ]
    book.table(
        ws,
        row,
        [c[1] for c in columns],
        [
            [t(f"clauses.pace.{r[k]}", "fr") if k == "pace" else r[k] for k, _, _, _ in columns]
            for r in data["contracts"]
        ],
        [c[2] for c in columns],
        [c[3] for c in columns],
    )
    ws, row = book.sheet("Titulaires", "Par titulaire")
    book.table(
        ws,
        row,
        ["Titulaire", "Contrats", "Heures exigées", "Heures déclarées", "Personnes"],
        [
            [r["contractor"], r["contracts"], r["hours_required"], r["hours_declared"], r["people"]]
            for r in data["contractors"]
        ],
        ["text", "int", "dec", "dec", "int"],
        [30, 10, 14, 14, 10],
    )
    ws, row = book.sheet("Opportunités", "Opportunités de clauses")
    book.table(
        ws,
        row,
        ["Nature", "Entité", "Acheteur", "Référence", "Montant HT", "Heures estimées"],
        [
            [
                t(f"clauses.kind.{o['kind']}", "fr"),
                str(o["entity"] or ""),
                str(o["buyer"] or ""),
                str(o["reference"] or ""),
                o["amount_eur"] if isinstance(o["amount_eur"], Decimal) else None,
                o["hours_estimated"],
            ]
            for o in data["opportunities"]
        ],
        ["text", "text", "text", "text", "eur", "dec"],
        [40, 16, 14, 20, 16, 14],
    )
    return book.close()


def build_clauses_report(year: int, fmt: str, *, settings: Settings) -> bytes:
    data = clauses_data(year, settings)
    return render_pdf(data) if fmt == "pdf" else render_xlsx(data)
