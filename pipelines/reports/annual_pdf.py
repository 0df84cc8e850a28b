"""The annual report as a PDF (fpdf2), in French, A4 portrait.

Fonts: DejaVu Sans from Debian's ``fonts-dejavu-core`` (``/usr/share/fonts/truetype/dejavu``);
without it the PDF falls back to the core Helvetica font (Latin-1 text only).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from fpdf import FPDF

from pipelines.i18n import t
from pipelines.kinds import KINDS
from pipelines.reports.annual import restatement_cells, variation
from pipelines.reports.decp import target_sentence
from pipelines.reports.formatting import (
    fmt_date,
    fmt_eur,
    fmt_hours,
    fmt_metric,
    fmt_number,
    fmt_pct,
    fmt_variation,
)

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")
INK = (31, 42, 68)
MUTED = (107, 122, 144)
ACCENT = (46, 125, 107)
BAND = (31, 42, 68)
LIGHT = (244, 246, 249)
RULE = (214, 219, 227)
GREEN = (46, 125, 107)
RED = (192, 57, 43)

#: the annual report of a year without a single spend line says so instead of printing zeros
NO_DATA = (
    "Aucune ligne d'achat n'est chargée pour {year} : ni total, ni part inclusive, ni graphique "
    "ne peuvent être établis. Chargez les extraits de cet exercice (asr ingest) puis générez à "
    "nouveau le rapport."
)


def metric_unit(metric: str) -> str:
    """The unit of an objective's metric (eur, share, count or hours)."""
    from pipelines.objectives.metrics import get_metric

    found = get_metric(metric)
    return found.unit if found else "count"


METRIC_LABELS = {
    "inclusive_spend_eur": "Achats inclusifs (€)",
    "inclusive_share": "Part des achats inclusifs",
    "insertion_spend_eur": "Achats insertion (€)",
    "handicap_spend_eur": "Achats handicap (€)",
    "ess_spend_eur": "Achats ESS (€)",
    "inclusive_suppliers": "Fournisseurs inclusifs",
    "new_inclusive_suppliers": "Nouveaux fournisseurs inclusifs",
    "insertion_hours": "Heures d'insertion",
    "oeth_deduction_eur": "Déduction OETH (€)",
}


def _font_dir() -> Path | None:
    for d in FONT_DIRS:
        if (Path(d) / "DejaVuSans.ttf").exists() and (Path(d) / "DejaVuSans-Bold.ttf").exists():
            return Path(d)
    return None


class ReportPDF(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report_title = title
        self.set_margins(16, 16, 16)
        self.set_auto_page_break(True, margin=18)
        font_dir = _font_dir()
        self.unicode = font_dir is not None
        if font_dir is not None:
            self.add_font("DejaVu", "", str(font_dir / "DejaVuSans.ttf"))
            self.add_font("DejaVu", "B", str(font_dir / "DejaVuSans-Bold.ttf"))
            self.family = "DejaVu"
        else:  # pragma: no cover - depends on the machine
            self.family = "Helvetica"
        self.set_title(title)
        self.set_author("asr")
        self.set_creator("asr — achats socialement responsables")

    def txt(self, text: str) -> str:
        if self.unicode:
            return text
        return (  # pragma: no cover
            text.replace("\u00a0", " ")
            .replace("≥", ">=")
            .replace("×", "x")
            .replace("−", "-")
            .replace("⌊", "")
            .replace("⌋", "")
            .replace("…", "...")
            .replace("œ", "oe")
            .encode("latin-1", "replace")
            .decode("latin-1")
        )

    def font(self, size: float, bold: bool = False, color: tuple[int, int, int] = INK) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        self.set_text_color(*color)

    def footer(self) -> None:
        self.set_y(-12)
        self.font(8, color=MUTED)
        self.cell(0, 5, self.txt(self.report_title), align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, self.txt(f"page {self.page_no()}/{{nb}}"), align="R")

    # --- building blocks ---------------------------------------------------------------------

    @property
    def width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def section(self, title: str, subtitle: str | None = None, need: float = 40) -> None:
        """A titled section; starts a new page unless ``need`` mm fit below the title."""
        if self.get_y() + 16 + need > self.page_break_trigger:
            self.add_page()
        self.ln(3)
        self.font(14, bold=True)
        self.cell(0, 8, self.txt(title), new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.6)
        self.line(self.l_margin, self.get_y(), self.l_margin + 22, self.get_y())
        self.ln(2)
        if subtitle:
            self.font(9, color=MUTED)
            self.multi_cell(0, 4.5, self.txt(subtitle), new_x="LMARGIN", new_y="NEXT")
            self.ln(1)

    def paragraph(self, text: str, size: float = 9.5, color: tuple[int, int, int] = INK) -> None:
        self.font(size, color=color)
        self.multi_cell(0, 4.8, self.txt(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def card(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        label: str,
        value: str,
        note: str,
        change: str = "",
        change_color: tuple[int, int, int] = MUTED,
    ) -> None:
        self.set_fill_color(*LIGHT)
        self.rect(x, y, w, h, style="F")
        self.set_fill_color(*ACCENT)
        self.rect(x, y, 1.2, h, style="F")
        self.set_xy(x + 4, y + 3)
        self.font(8.5, color=MUTED)
        self.cell(w - 6, 4.5, self.txt(label))
        self.set_xy(x + 4, y + 8.5)
        size = 16.0
        self.font(size, bold=True)
        while self.get_string_width(self.txt(value)) > w - 6 and size > 9:
            size -= 0.5
            self.set_font_size(size)
        self.cell(w - 6, 8, self.txt(value))
        self.set_xy(x + 4, y + 17.5)
        self.font(7.5, color=MUTED)
        self.cell(w - 6, 4, self.txt(note))
        if change:
            self.set_xy(x + 4, y + 21.5)
            self.font(7.5, bold=True, color=change_color)
            self.cell(w - 6, 4, self.txt(change))

    def grid(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        aligns: Sequence[str],
        size: float = 8.5,
        bold_last: bool = False,
    ) -> None:
        total = sum(widths)
        widths = [w * self.width / total for w in widths]
        line_h = 6.2

        def header() -> None:
            self.set_fill_color(*BAND)
            self.font(size, bold=True, color=(255, 255, 255))
            for head, w, a in zip(headers, widths, aligns, strict=True):
                text, fit = self.txt(head), size
                while self.get_string_width(text) > w - 2 and fit > 6:
                    fit -= 0.5
                    self.set_font_size(fit)
                self.cell(w, line_h + 0.6, text, align=a, fill=True)
                self.set_font_size(size)
            self.ln(line_h + 0.6)

        header()
        for i, row in enumerate(rows):
            if self.get_y() + line_h > self.page_break_trigger:
                self.add_page()
                header()
            last = bold_last and i == len(rows) - 1
            self.set_fill_color(*(LIGHT if i % 2 else (255, 255, 255)))
            self.font(size, bold=last)
            for value, w, a in zip(row, widths, aligns, strict=True):
                text = self.txt(value)
                while self.get_string_width(text) > w - 2 and len(text) > 4:
                    text = text[:-2] + "…" if self.unicode else text[:-4] + "..."
                self.cell(w, line_h, text, align=a, fill=True)
            self.ln(line_h)
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(self.l_margin, self.get_y(), self.l_margin + self.width, self.get_y())
        self.ln(2)

    def chart(self, png: bytes | None, height_hint: float = 70) -> None:
        if not png:
            return
        if self.get_y() + height_hint > self.page_break_trigger:
            self.add_page()
        self.image(io.BytesIO(png), x=self.l_margin, w=self.width)
        self.ln(2)


def _change(
    current: Any, previous: Any, year: int, points: bool = False
) -> tuple[str, tuple[int, int, int]]:
    """ "+12,3 % vs 2023" (or "+4,1 pts" for a share), coloured by direction."""
    if current is None or previous is None:
        return "", MUTED
    if points:
        diff = (Decimal(str(current)) - Decimal(str(previous))) * 100
        sign = "+" if diff > 0 else ""
        text = f"{sign}{fmt_number(diff, 1)}\u00a0pt vs {year - 1}"
        return text, GREEN if diff > 0 else RED if diff < 0 else MUTED
    var = variation(current, previous)
    if var is None:
        return ("nouveau" if current else ""), MUTED
    return f"{fmt_variation(var)} vs {year - 1}", GREEN if var > 0 else RED if var < 0 else MUTED


def _cover(pdf: ReportPDF, data: dict[str, Any]) -> None:
    year = data["year"]
    pdf.set_fill_color(*BAND)
    pdf.rect(0, 0, pdf.w, 38, style="F")
    pdf.set_xy(pdf.l_margin, 9)
    pdf.font(9, color=(190, 200, 215))
    pdf.cell(0, 5, pdf.txt("ACHATS SOCIALEMENT RESPONSABLES"), new_x="LMARGIN", new_y="NEXT")
    pdf.font(21, bold=True, color=(255, 255, 255))
    pdf.cell(0, 11, pdf.txt(f"Rapport annuel {year}"), new_x="LMARGIN", new_y="NEXT")
    pdf.font(9, color=(190, 200, 215))
    scope = (
        "toutes les entités"
        if data["scope"].entities is None
        else ", ".join(data["scope"].entities)
    )
    pdf.cell(
        0,
        5,
        pdf.txt(
            f"Périmètre : {scope} · montants hors taxes · édité le {fmt_date(data['generated_on'])}"
        ),
    )
    pdf.set_y(46)


def _headlines(pdf: ReportPDF, data: dict[str, Any]) -> None:
    k, p, year = data["kpi"], data["kpi_previous"], data["year"]
    pdf.section(
        "Chiffres clés",
        f"Exercice {year} comparé à {year - 1}. Achats inclusifs = structures d'insertion "
        "(SIAE) et secteur adapté et protégé (EA, ESAT, TIH), rapprochements certains seulement.",
    )
    gap, cw, ch = 4.0, (pdf.width - 3 * 4.0) / 4, 28.0
    cards = [
        ("Achats inclusifs", "inclusive_spend_eur", fmt_eur),
        ("Part inclusive", "inclusive_share", fmt_pct),
        ("Fournisseurs inclusifs", "inclusive_suppliers", fmt_number),
        ("Achats adressables", "addressable_spend_eur", fmt_eur),
        ("dont insertion", "insertion_spend_eur", fmt_eur),
        ("dont handicap", "handicap_spend_eur", fmt_eur),
        ("ESS (présentée à côté)", "ess_spend_eur", fmt_eur),
    ]
    has_previous = bool(p["spend_eur"])
    y = pdf.get_y()
    for i, (label, key, fmt) in enumerate(cards):
        row, col = divmod(i, 4)
        if has_previous:
            change, color = _change(k[key], p[key], year, points=key == "inclusive_share")
            note = f"{year - 1} : {fmt(p[key])}"
        else:
            change, color, note = "", MUTED, f"{year - 1} : pas de données"
        pdf.card(
            pdf.l_margin + col * (cw + gap),
            y + row * (ch + gap),
            cw,
            ch,
            label,
            fmt(k[key]),
            note,
            change,
            color,
        )
    pdf.card(
        pdf.l_margin + 3 * (cw + gap),
        y + ch + gap,
        cw,
        ch,
        "Heures d'insertion",
        fmt_hours(data["hours"]["insertion_hours"]),
        "estimation détaillée plus loin",
    )
    pdf.set_y(y + 2 * ch + gap + 4)
    _closing(pdf, data)
    probable = data["kpi_with_probable"]["inclusive_spend_eur"] - k["inclusive_spend_eur"]
    if probable:
        pdf.paragraph(
            f"À confirmer : {fmt_eur(probable)} d'achats auprès de fournisseurs rapprochés avec "
            "une confiance « probable » (même SIREN ou nom proche). Ils ne sont pas comptés "
            "ci-dessus tant qu'un analyste ne les a pas confirmés.",
            size=8.5,
            color=MUTED,
        )


def _closing(pdf: ReportPDF, data: dict[str, Any]) -> None:
    """A closed year: the figures above are frozen; today's recomputation beside them."""
    closing = data.get("closing")
    if not closing:
        return
    pdf.paragraph(
        t(
            "closed.cli_header",
            "fr",
            period=closing["period"],
            date=fmt_date(closing["closed_at"]),
            by=closing["closed_by"],
        ),
        size=8.5,
    )
    pdf.grid(
        [
            t("closed.figure", "fr"),
            t("closed.frozen", "fr"),
            t("closed.current", "fr"),
            t("closed.difference", "fr"),
        ],
        restatement_cells(closing["restatement"], "fr"),
        [62, 38, 38, 38],
        ["L", "R", "R", "R"],
        size=8,
    )


def _kinds_table(pdf: ReportPDF, data: dict[str, Any]) -> None:
    by_kind = data["kpi"]["by_kind"] or {}
    total_inclusive = data["kpi"]["inclusive_spend_eur"] or Decimal(0)
    rows = []
    for code in sorted(by_kind, key=lambda c: -Decimal(str(by_kind[c]))):
        kind = KINDS.get(code)
        rows.append(
            [
                code,
                kind.label_fr if kind else code,
                {"handicap": "Handicap", "insertion": "Insertion", "ess": "ESS"}.get(
                    kind.family, ""
                )
                if kind
                else "",
                fmt_eur(by_kind[code]),
                fmt_pct(Decimal(str(by_kind[code])) / total_inclusive)
                if total_inclusive and kind and kind.family != "ess"
                else "–",
            ]
        )
    if rows:
        pdf.grid(
            ["Type", "Libellé", "Famille", "Achats HT", "Part"],
            rows,
            [12, 80, 18, 24, 14],
            ["L", "L", "L", "R", "R"],
        )


def _suppliers(pdf: ReportPDF, data: dict[str, Any]) -> None:
    rows = [
        [
            str(i),
            r["supplier_name"] or r["supplier_key"],
            r["kind"] or "",
            r["siret"] or "",
            fmt_eur(r["spend_eur"]),
        ]
        for i, r in enumerate(data["top_suppliers"], start=1)
    ]
    pdf.section(f"Principaux fournisseurs inclusifs {data['year']}", need=(len(rows) + 1) * 6.4 + 4)
    if rows:
        pdf.grid(
            ["#", "Fournisseur", "Type", "SIRET", "Achats HT"],
            rows,
            [6, 70, 12, 30, 24],
            ["R", "L", "L", "L", "R"],
        )
    else:
        pdf.paragraph("Aucun achat inclusif certain sur l'exercice.")


def _objectives(pdf: ReportPDF, data: dict[str, Any]) -> None:
    obj = data["objectives"]
    pdf.section(
        "Objectifs et rémunération variable",
        "Montants agrégés : aucune rémunération individuelle n'est publiée"
        + (" (sauf annexe nominative demandée par --include-pay)." if data["include_pay"] else "."),
        need=(len(obj["by_metric"]) + 2) * 6.4 + 8 if obj else 10,
    )
    if not obj or not obj["count"]:
        pdf.paragraph("Aucun objectif ASR ne se termine sur cet exercice.")
        return
    rows = [
        [
            METRIC_LABELS.get(r["metric"], r["metric"]),
            str(r["count"]),
            str(r["reached"]),
            fmt_pct(r["mean_attainment"]),
            fmt_eur(r["payout_at_100_eur"]),
            fmt_eur(r["payout_eur"]),
        ]
        for r in obj["by_metric"]
    ]
    rows.append(
        [
            "Total",
            str(obj["count"]),
            str(obj["reached"]),
            "",
            fmt_eur(obj["payout_at_100_eur"]),
            fmt_eur(obj["payout_eur"]),
        ]
    )
    payout_head = t("closed.payout_frozen", "fr") if obj.get("closed") else "Versement"
    pdf.grid(
        ["Indicateur", "Objectifs", "Atteints", "Atteinte moyenne", "Enjeu à 100 %", payout_head],
        rows,
        [42, 15, 15, 30, 26, 26],
        ["L", "R", "R", "R", "R", "R"],
        bold_last=True,
    )
    restated = obj.get("payout_restatement")
    if restated:
        pdf.paragraph(
            t(
                "closed.restated",
                "fr",
                frozen=fmt_eur(restated["closed"], cents=True),
                current=fmt_eur(restated["current"], cents=True),
                diff=fmt_eur(restated["difference"], cents=True),
            ),
            size=8.5,
        )
    if obj["individual"]:
        pdf.font(10, bold=True)
        pdf.cell(
            0, 7, pdf.txt("Annexe nominative (diffusion restreinte)"), new_x="LMARGIN", new_y="NEXT"
        )
        pdf.grid(
            ["Objectif", "Titulaire", "Indicateur", "Réalisé", "Atteinte", "Versement"],
            [
                [
                    r["objective_id"],
                    r["owner"],
                    METRIC_LABELS.get(r["metric"], r["metric"]),
                    fmt_metric(metric_unit(r["metric"]), r["actual"]),
                    fmt_pct(r["attainment"]),
                    fmt_eur(r["payout_eur"], cents=True),
                ]
                for r in obj["individual"]
            ],
            [24, 24, 44, 24, 18, 24],
            ["L", "L", "L", "R", "R", "R"],
            size=8,
        )


def _hours(pdf: ReportPDF, data: dict[str, Any]) -> None:
    h = data["hours"]
    pdf.section(
        "Heures d'insertion (estimation)",
        "Heures déclarées par les facilitateurs sur les marchés à clause sociale (au prorata des "
        "jours du contrat dans l'exercice) + estimation pour les achats auprès des structures "
        "d'insertion : montant HT × part main-d'œuvre ÷ coût horaire.",
        need=40,
    )
    pdf.grid(
        ["", "Heures"],
        [
            ["Heures déclarées (clauses sociales)", fmt_hours(h["declared_hours"])],
            ["Heures estimées (achats insertion)", fmt_hours(h["estimated_hours"])],
            ["Total des heures d'insertion", fmt_hours(h["insertion_hours"])],
        ],
        [120, 40],
        ["L", "R"],
        bold_last=True,
    )
    if h["estimate"]:
        pdf.grid(
            ["Catégorie d'achat", "Achats HT", "Main-d'œuvre", "Coût horaire", "Heures"],
            [
                [
                    r["category"] or "(sans catégorie)",
                    fmt_eur(r["spend_eur"]),
                    fmt_pct(r["labour_share"], 0),
                    fmt_eur(r["hourly_cost_eur"]),
                    fmt_hours(r["hours"]),
                ]
                for r in h["estimate"]
            ],
            [50, 28, 26, 24, 22],
            ["L", "R", "R", "R", "R"],
        )
    params = h["parameters"]
    pdf.paragraph(
        f"Paramètres : coût horaire par défaut {fmt_eur(params['hourly_cost_default_eur'])} "
        f"(référence courante 25 à 30 €), part main-d'œuvre par défaut "
        f"{fmt_pct(params['labour_share_default'], 0)}, valeurs en vigueur au "
        f"{fmt_date(params['parameters_date'])}.",
        size=8,
        color=MUTED,
    )


def _oeth(pdf: ReportPDF, data: dict[str, Any]) -> None:
    o = data["oeth"]
    pdf.section(
        "Obligation d'emploi des travailleurs handicapés (estimation)",
        "Déduction de la contribution OETH (art. D5212-22 du Code du travail) au titre des achats "
        "auprès d'EA, EATT, ESAT et TIH : 30 % du prix HT diminué des matières, consommations "
        "intermédiaires et frais de vente (part main-d'œuvre). Estimation à confirmer avec la "
        "déclaration DSN et les attestations des fournisseurs.",
        need=(16 if o["estimate"] is not None else 4) * 6.4 + 14,
    )
    est = o["estimate"]
    if est is None:
        spend = sum((s.spend_eur for s in o["spend"]), Decimal(0))
        pdf.grid(
            ["", "Montant"],
            [
                ["Achats EA, EATT, ESAT, TIH (HT)", fmt_eur(spend, cents=True)],
                [
                    "Déduction avant plafond (30 % de la part main-d'œuvre)",
                    fmt_eur(o["deduction_before_cap_eur"], cents=True),
                ],
            ],
            [120, 40],
            ["L", "R"],
            bold_last=True,
        )
        pdf.paragraph(
            "Le plafond (50 % ou 75 % de la contribution brute) et la contribution nette "
            "demandent l'effectif et le nombre de bénéficiaires : "
            "asr report annual --headcount N --beneficiaries B.",
            size=8,
            color=MUTED,
        )
        return
    rows = []
    for s in est.steps():
        v = s["value"]
        if s["step"] in ("effectif", "obligation", "beneficiaires", "manquants", "multiplicateur"):
            value = fmt_number(v, 2 if Decimal(v) != Decimal(v).to_integral_value() else 0)
        elif s["step"] == "taux_emploi_direct":
            value = fmt_pct(v, 2)
        else:
            value = fmt_eur(v, cents=True)
        rows.append([s["label"], s["formula"], value])
    pdf.grid(["Étape", "Calcul", "Valeur"], rows, [62, 62, 32], ["L", "L", "R"], bold_last=True)


def _decp(pdf: ReportPDF, data: dict[str, Any]) -> None:
    rows = data["decp"]["rows"]
    if not rows:
        return
    pdf.section(
        "Marchés publics (DECP)",
        "Part des marchés notifiés comportant au moins une considération sociale (clause sociale, "
        "critère social, marché réservé), en nombre et en montant. "
        + target_sentence(data["decp"]),
        need=(len(rows) + 1) * 6.4 + 14,
    )
    pdf.grid(
        [
            "Acheteur",
            "Marchés",
            "Avec considération sociale",
            "En montant",
            "Réservés",
            "Titulaire inclusif",
        ],
        [
            [
                r["buyer_name"] or r["buyer_id"] or "",
                str(r["count_contracts"]),
                f"{r['count_social']} ({fmt_pct(r['social_share_count'])})",
                fmt_pct(r["social_share_amount"]),
                str(r["count_reserved"]),
                str(r["count_inclusive_holder"]),
            ]
            for r in rows
        ],
        [48, 16, 34, 20, 16, 24],
        ["L", "R", "R", "R", "R", "R"],
    )


def _methodology(pdf: ReportPDF, data: dict[str, Any]) -> None:
    q = data["quality"]
    pdf.section("Méthodologie et qualité des données", need=9 * 6.4 + 40)
    addressable = q["addressable_spend_eur"] or Decimal(0)
    siret_rate = q["addressable_with_siret_eur"] / addressable if addressable else None
    probable = data["kpi_with_probable"]["inclusive_spend_eur"] - data["kpi"]["inclusive_spend_eur"]
    pdf.grid(
        ["Indicateur de qualité", "Valeur"],
        [
            ["Lignes d'achat de l'exercice", fmt_number(q["count_lines"])],
            [
                "Achats totaux / adressables (HT)",
                f"{fmt_eur(q['spend_eur'])} / {fmt_eur(addressable)}",
            ],
            ["Part des achats adressables portant un SIRET", fmt_pct(siret_rate)],
            [
                "Fournisseurs (avec SIRET)",
                f"{fmt_number(q['count_suppliers'])} "
                f"({fmt_number(q['count_suppliers_with_siret'])})",
            ],
            [
                "Fournisseurs classés certains / probables seulement",
                f"{fmt_number(q['count_suppliers_certain'])} / "
                f"{fmt_number(q['count_suppliers_probable'])}",
            ],
            ["Achats inclusifs probables, à confirmer", fmt_eur(probable)],
            ["Lignes en quarantaine (tous chargements)", fmt_number(q["count_quarantined_rows"])],
            ["Fichiers chargés", fmt_number(q["count_loads"])],
        ],
        [120, 50],
        ["L", "R"],
    )
    ess = "comptée dans" if data["ess_in_inclusive"] else "présentée à côté de"
    for text in (
        "Périmètre : montants hors taxes ; les avoirs réduisent les achats. Les achats adressables "
        "excluent les comptes, fournisseurs et catégories exclus (taxes, intra-groupe, loyers…).",
        "Classement : un fournisseur est inclusif si son SIRET, son SIREN ou son nom correspond "
        "à un annuaire officiel (SIAE, EA, ESAT, TIH) valide à la date de chaque facture. "
        "Seuls les rapprochements certains (décision d'analyste, SIRET, SIREN pour ESUS/ESS) "
        "sont comptés ; "
        f"les probables sont signalés à part. L'ESS est {ess} l'inclusif.",
        "Estimations : heures d'insertion et déduction OETH reposent sur des paramètres datés "
        "(SMIC horaire, parts de main-d'œuvre, coût horaire) publiés avec l'outil ; elles ne "
        "remplacent ni les attestations des fournisseurs ni la déclaration OETH.",
    ):
        pdf.paragraph(text, size=8.5)


def _controls(pdf: ReportPDF, data: dict[str, Any]) -> None:
    """Controls against gaming the objectives (pipelines/controls): open and reviewed."""
    controls = data.get("controls")
    if not controls:
        return
    opened, reviewed = controls["open"], controls["reviewed"]
    pdf.section(
        "Contrôles des objectifs",
        "Signaux de contournement (pic de fin de période, avoirs après clôture, concentration, "
        "fournisseurs apparus puis disparus, décisions intéressées, mouvements de portefeuille).",
        need=20,
    )
    pdf.paragraph(
        f"{opened['count']} signal(aux) ouvert(s), {fmt_eur(opened['payout_at_stake_eur'])} de "
        f"part variable en jeu ; {reviewed['count']} signal(aux) revu(s) avec un motif, "
        f"{fmt_eur(reviewed['payout_at_stake_eur'])} en jeu. Un signal ne change aucun chiffre."
    )


def render_pdf(data: dict[str, Any], images: dict[str, bytes]) -> bytes:
    year = data["year"]
    pdf = ReportPDF(f"Rapport annuel des achats socialement responsables {year}")
    pdf.add_page()
    _cover(pdf, data)
    if not data.get("has_data", True):
        pdf.paragraph(NO_DATA.format(year=year))
        _objectives(pdf, data)
        _controls(pdf, data)
        _decp(pdf, data)
        _methodology(pdf, data)
        return bytes(pdf.output())
    _headlines(pdf, data)
    if images.get("monthly"):
        pdf.chart(images.get("monthly"))
    elif not images:
        pdf.paragraph(
            "(Graphiques non disponibles : aucun navigateur Chromium pour les dessiner.)",
            size=8,
            color=MUTED,
        )
    pdf.add_page()
    pdf.section(
        "Répartition des achats inclusifs", "Par type de structure (type principal du fournisseur)."
    )
    pdf.chart(images.get("kinds"), 60)
    _kinds_table(pdf, data)
    if images.get("entities"):
        pdf.section("Par entité", need=55)
        pdf.chart(images.get("entities"), 60)
    _suppliers(pdf, data)
    _objectives(pdf, data)
    _controls(pdf, data)
    _hours(pdf, data)
    _oeth(pdf, data)
    _decp(pdf, data)
    _methodology(pdf, data)
    return bytes(pdf.output())
