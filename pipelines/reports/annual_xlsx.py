"""The annual report as an XLSX workbook (xlsxwriter): one sheet per section, real numbers
(amounts in euros, shares as fractions with a % format) so that figures can be reused as is."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import xlsxwriter

from pipelines.controls.model import KINDS as CONTROL_KINDS
from pipelines.i18n import t
from pipelines.kinds import KINDS
from pipelines.reports.annual import restatement_cells, variation
from pipelines.reports.annual_pdf import METRIC_LABELS, NO_DATA, metric_unit
from pipelines.reports.decp import target_sentence
from pipelines.reports.formatting import fmt_eur
from pipelines.safe_output import XLSXWRITER_OPTIONS, neutralise


def _num(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


class Book:
    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        self.wb = xlsxwriter.Workbook(self.buffer, {"in_memory": True, **XLSXWRITER_OPTIONS})
        add = self.wb.add_format
        self.f = {
            "title": add({"bold": True, "font_size": 15, "font_color": "#1F2A44"}),
            "note": add(
                {"italic": True, "font_color": "#6B7A90", "text_wrap": True, "valign": "top"}
            ),
            "head": add({"bold": True, "font_color": "white", "bg_color": "#1F2A44", "border": 1}),
            "text": add({"border": 1, "border_color": "#D6DBE3"}),
            "eur": add({"num_format": "#,##0.00 €", "border": 1, "border_color": "#D6DBE3"}),
            "pct": add({"num_format": "0.0%", "border": 1, "border_color": "#D6DBE3"}),
            "pct2": add({"num_format": "0.00%", "border": 1, "border_color": "#D6DBE3"}),
            "int": add({"num_format": "#,##0", "border": 1, "border_color": "#D6DBE3"}),
            "dec": add({"num_format": "#,##0.00", "border": 1, "border_color": "#D6DBE3"}),
        }

    def sheet(self, name: str, title: str, note: str | None = None) -> tuple[Any, int]:
        ws = self.wb.add_worksheet(name)
        ws.write(0, 0, title, self.f["title"])
        row = 1
        if note:
            ws.merge_range(1, 0, 1, 6, note, self.f["note"])
            ws.set_row(1, 45)
            row = 2
        return ws, row + 1

    def table(
        self,
        ws: Any,
        row: int,
        headers: Sequence[str],
        rows: Sequence[Sequence[Any]],
        formats: Sequence[str],
        widths: Sequence[int],
    ) -> int:
        for col, (head, width) in enumerate(zip(headers, widths, strict=True)):
            ws.write(row, col, head, self.f["head"])
            ws.set_column(col, col, width)
        for i, values in enumerate(rows, start=1):
            for col, (value, fmt) in enumerate(zip(values, formats, strict=True)):
                if value is None:
                    ws.write_blank(row + i, col, None, self.f[fmt])
                elif isinstance(value, str):
                    ws.write_string(row + i, col, neutralise(value), self.f[fmt])
                else:
                    ws.write(row + i, col, _num(value), self.f[fmt])
        return row + len(rows) + 2

    def close(self) -> bytes:
        self.wb.close()
        return self.buffer.getvalue()


#: cell format of an objective's target and actual, by the metric's unit
UNIT_FORMATS = {"share": "pct2", "eur": "eur", "count": "int", "hours": "int"}

KPI_ROWS = (
    ("Achats totaux (HT)", "spend_eur", "eur"),
    ("Achats adressables (HT)", "addressable_spend_eur", "eur"),
    ("Achats inclusifs (HT)", "inclusive_spend_eur", "eur"),
    ("Part des achats inclusifs", "inclusive_share", "pct"),
    ("dont insertion", "insertion_spend_eur", "eur"),
    ("dont handicap", "handicap_spend_eur", "eur"),
    ("ESS (présentée à côté)", "ess_spend_eur", "eur"),
    ("Achats inclusifs probables, à confirmer", "probable_spend_eur", "eur"),
    ("Fournisseurs inclusifs", "inclusive_suppliers", "int"),
)


def _controls(book: Book, data: dict[str, Any]) -> None:
    """Controls against gaming the objectives (pipelines/controls): open and reviewed signals by
    kind with the payout at stake; each signal only in a report that may show individual pay."""
    controls = data.get("controls")
    if not controls:
        return
    opened, reviewed = controls["open"], controls["reviewed"]
    ws, row = book.sheet(
        "Contrôles",
        f"Contrôles des objectifs, {data['year']}",
        "Signaux de contournement (pic de fin de période, avoirs après clôture, concentration, "
        "fournisseurs apparus puis disparus, décisions intéressées, mouvements de portefeuille). "
        "Un signal ne change aucun chiffre.",
    )
    rows: list[list[Any]] = [
        [
            t(f"controls.kind.{kind}", "fr"),
            opened["by_kind"][kind],
            opened["stake_by_kind"][kind],
            reviewed["by_kind"][kind],
            reviewed["stake_by_kind"][kind],
        ]
        for kind in CONTROL_KINDS
    ]
    rows.append(
        [
            "Total",
            opened["count"],
            opened["payout_at_stake_eur"],
            reviewed["count"],
            reviewed["payout_at_stake_eur"],
        ]
    )
    row = book.table(
        ws,
        row,
        ["Signal", "Ouverts", "En jeu (ouverts)", "Revus", "En jeu (revus)"],
        rows,
        ["text", "int", "eur", "int", "eur"],
        [32, 10, 18, 10, 18],
    )
    signals = controls.get("signals")
    if signals:
        book.table(
            ws,
            row,
            ["Identifiant", "Statut", "Part variable en jeu", "Euros", "Explication", "Motif"],
            [
                [
                    s["signal_id"],
                    "ouvert" if s["status"] == "open" else f"revu par {s['reviewed_by']}",
                    s["payout_at_stake_eur"],
                    s["euros"],
                    s["explanation"],
                    s.get("review_reason"),
                ]
                for s in signals
            ],
            ["text", "text", "eur", "eur", "text", "text"],
            [34, 18, 16, 16, 80, 40],
        )


def render_xlsx(data: dict[str, Any], images: dict[str, bytes]) -> bytes:
    year = data["year"]
    book = Book()
    k, p = data["kpi"], data["kpi_previous"]

    ws, row = book.sheet(
        "Synthèse",
        f"Rapport annuel des achats socialement responsables {year}",
        "Montants hors taxes en euros. Achats inclusifs = SIAE + secteur adapté et protégé "
        "(EA, ESAT, TIH), rapprochements certains seulement. Heures d'insertion et OETH : "
        "estimations (voir leurs onglets).",
    )
    if not data.get("has_data", True):
        ws.write(row, 0, NO_DATA.format(year=year))
        return book.close()
    rows = []
    for label, key, fmt in KPI_ROWS:
        rows.append([label, k[key], p[key], variation(k[key], p[key]) if fmt != "pct" else None])
    rows.append(["Heures d'insertion (estimation)", data["hours"]["insertion_hours"], None, None])
    end = book.table(
        ws,
        row,
        ["Indicateur", str(year), str(year - 1), "Variation"],
        rows,
        ["text", "dec", "dec", "pct"],
        [42, 18, 18, 12],
    )
    for i, (_, _, fmt) in enumerate(KPI_ROWS, start=1):  # number formats per row
        ws.write(row + i, 1, _num(k[KPI_ROWS[i - 1][1]]), book.f[fmt])
        ws.write(row + i, 2, _num(p[KPI_ROWS[i - 1][1]]), book.f[fmt])
    closing = data.get("closing")
    if closing:  # a closed year: the figures above are frozen; today's beside them
        ws.write_string(
            end,
            0,
            t(
                "closed.cli_header",
                "fr",
                period=closing["period"],
                date=f"{closing['closed_at']:%d/%m/%Y}",
                by=closing["closed_by"],
            ),
        )
        end = book.table(
            ws,
            end + 1,
            [
                t("closed.figure", "fr"),
                t("closed.frozen", "fr"),
                t("closed.current", "fr"),
                t("closed.difference", "fr"),
            ],
            restatement_cells(closing["restatement"], "fr"),
            ["text", "text", "text", "text"],
            [42, 18, 18, 12],
        )
    for name in ("monthly", "kinds", "entities"):
        if images.get(name):
            ws.insert_image(
                end,
                0,
                f"{name}.png",
                {"image_data": io.BytesIO(images[name]), "x_scale": 0.5, "y_scale": 0.5},
            )
            end += 12

    ws, row = book.sheet("Par mois", f"Achats par mois, {year}")
    book.table(
        ws,
        row,
        ["Mois", "Achats adressables", "Achats inclusifs", "Insertion", "Handicap", "Part"],
        [
            [
                r["month"],
                r["addressable_spend_eur"],
                r["inclusive_spend_eur"],
                r["insertion_spend_eur"],
                r["handicap_spend_eur"],
                r["inclusive_share"],
            ]
            for r in data["months"]
        ],
        ["text", "eur", "eur", "eur", "eur", "pct"],
        [10, 18, 18, 16, 16, 10],
    )

    ws, row = book.sheet("Par entité", f"Achats par entité, {year}")
    book.table(
        ws,
        row,
        ["Entité", "Achats adressables", "Achats inclusifs", "Part", "Fournisseurs inclusifs"],
        [
            [
                r["entity"],
                r["addressable_spend_eur"],
                r["inclusive_spend_eur"],
                r["inclusive_share"],
                r["inclusive_suppliers"],
            ]
            for r in data["entities"]
        ],
        ["text", "eur", "eur", "pct", "int"],
        [18, 18, 18, 10, 12],
    )

    ws, row = book.sheet("Par type", f"Achats par type de structure, {year}")
    by_kind = k["by_kind"] or {}
    book.table(
        ws,
        row,
        ["Type", "Libellé", "Famille", "Achats HT"],
        [
            [c, KINDS[c].label_fr if c in KINDS else c, KINDS[c].family if c in KINDS else "", v]
            for c, v in sorted(by_kind.items())
        ],
        ["text", "text", "text", "eur"],
        [8, 50, 12, 16],
    )

    ws, row = book.sheet("Fournisseurs", f"Principaux fournisseurs inclusifs, {year}")
    book.table(
        ws,
        row,
        ["Fournisseur", "SIRET", "Type", "Achats HT", "Lignes"],
        [
            [
                r["supplier_name"] or r["supplier_key"],
                r["siret"],
                r["kind"],
                r["spend_eur"],
                r["count_lines"],
            ]
            for r in data["top_suppliers"]
        ],
        ["text", "text", "text", "eur", "int"],
        [36, 18, 8, 16, 8],
    )

    obj = data["objectives"]
    ws, row = book.sheet(
        "Objectifs",
        f"Objectifs et rémunération variable, {year}",
        "Montants agrégés ; aucune rémunération individuelle sans --include-pay.",
    )
    if obj and obj["count"]:
        row = book.table(
            ws,
            row,
            [
                "Indicateur",
                "Objectifs",
                "Atteints",
                "Atteinte moyenne",
                "Enjeu à 100 %",
                t("closed.payout_frozen", "fr") if obj.get("closed") else "Versement",
            ],
            [
                [
                    METRIC_LABELS.get(r["metric"], r["metric"]),
                    r["count"],
                    r["reached"],
                    r["mean_attainment"],
                    r["payout_at_100_eur"],
                    r["payout_eur"],
                ]
                for r in obj["by_metric"]
            ]
            + [
                [
                    "Total",
                    obj["count"],
                    obj["reached"],
                    None,
                    obj["payout_at_100_eur"],
                    obj["payout_eur"],
                ]
            ],
            ["text", "int", "int", "pct", "eur", "eur"],
            [34, 10, 10, 14, 16, 16],
        )
        restated = obj.get("payout_restatement")
        if restated:
            ws.write_string(
                row - 1,
                0,
                t(
                    "closed.restated",
                    "fr",
                    frozen=fmt_eur(restated["closed"], cents=True),
                    current=fmt_eur(restated["current"], cents=True),
                    diff=fmt_eur(restated["difference"], cents=True),
                ),
            )
            row += 1
        if obj["individual"]:
            book.table(
                ws,
                row,
                [
                    "Objectif",
                    "Titulaire",
                    "Indicateur",
                    "Cible",
                    "Réalisé",
                    "Atteinte",
                    "Versement",
                ],
                [
                    [
                        r["objective_id"],
                        r["owner"],
                        METRIC_LABELS.get(r["metric"], r["metric"]),
                        r["target"],
                        r["actual"],
                        r["attainment"],
                        r["payout_eur"],
                    ]
                    for r in obj["individual"]
                ],
                ["text", "text", "text", "dec", "dec", "pct", "eur"],
                [16, 16, 22, 14, 14, 10, 14],
            )
            # target and actual in the metric's unit: a share as 2.19 %, never 0.02
            for i, r in enumerate(obj["individual"], start=1):
                fmt = book.f[UNIT_FORMATS.get(metric_unit(r["metric"]), "dec")]
                for col in (3, 4):
                    value = r["target"] if col == 3 else r["actual"]
                    if value is not None:
                        ws.write(row + i, col, _num(value), fmt)
    else:
        ws.write(row, 0, "Aucun objectif ASR ne se termine sur cet exercice.")

    _controls(book, data)

    h = data["hours"]
    params = h["parameters"]
    ws, row = book.sheet(
        "Heures d'insertion",
        f"Heures d'insertion {year} (estimation)",
        "Déclarées (clauses sociales, au prorata des jours du contrat dans l'exercice) + estimées "
        "(achats insertion × part main-d'œuvre ÷ coût horaire ; "
        f"défaut {params['hourly_cost_default_eur']} €/h, "
        f"part main-d'œuvre par défaut {params['labour_share_default']}).",
    )
    row = book.table(
        ws,
        row,
        ["", "Heures"],
        [
            ["Heures déclarées", h["declared_hours"]],
            ["Heures estimées", h["estimated_hours"]],
            ["Total", h["insertion_hours"]],
        ],
        ["text", "dec"],
        [40, 14],
    )
    row = book.table(
        ws,
        row,
        ["Catégorie", "Achats HT", "Part main-d'œuvre", "Coût horaire (€)", "Heures"],
        [
            [
                r["category"] or "(sans catégorie)",
                r["spend_eur"],
                r["labour_share"],
                r["hourly_cost_eur"],
                r["hours"],
            ]
            for r in h["estimate"]
        ],
        ["text", "eur", "pct", "eur", "dec"],
        [40, 16, 16, 16, 12],
    )
    book.table(
        ws,
        row,
        [
            "Entité",
            "Contrat",
            "Titulaire",
            "Début",
            "Fin",
            "Heures réalisées",
            "Heures dans l'exercice",
        ],
        [
            [
                c["entity"],
                c["contract_id"],
                c["supplier_siret"] or c["supplier_name"],
                c["start_date"].isoformat(),
                c["end_date"].isoformat(),
                c["hours_achieved"],
                c["hours_in_period"],
            ]
            for c in h["contracts"]
        ],
        ["text", "text", "text", "text", "text", "dec", "dec"],
        [10, 14, 20, 12, 12, 14, 14],
    )

    o = data["oeth"]
    ws, row = book.sheet(
        "OETH",
        f"Déduction OETH {year} (estimation, art. D5212-22)",
        "30 % de la part main-d'œuvre des achats auprès d'EA, EATT, ESAT et TIH, plafonnée à 50 % "
        "(75 % si taux d'emploi direct ≥ 3 %) de la contribution brute.",
    )
    est = o["estimate"]
    if est is not None:
        row = book.table(
            ws,
            row,
            ["Étape", "Calcul", "Valeur"],
            [[s["label"], s["formula"], s["value"]] for s in est.steps()],
            ["text", "text", "dec"],
            [44, 40, 16],
        )
    else:
        row = book.table(
            ws,
            row,
            ["", "Montant"],
            [["Déduction avant plafond", o["deduction_before_cap_eur"]]],
            ["text", "eur"],
            [44, 16],
        )
    book.table(
        ws,
        row,
        ["Type", "Catégorie", "Achats HT", "Part main-d'œuvre", "Main-d'œuvre"],
        [[s.kind, s.category, s.spend_eur, s.labour_share, s.labour_eur] for s in o["spend"]],
        ["text", "text", "eur", "pct", "eur"],
        [8, 24, 16, 16, 16],
    )

    if data["decp"]["rows"]:
        ws, row = book.sheet(
            "Marchés publics",
            f"Marchés publics (DECP) {year}",
            target_sentence(data["decp"]),
        )
        book.table(
            ws,
            row,
            [
                "Acheteur",
                "Marchés",
                "Avec considération sociale",
                "Part (nombre)",
                "Montant",
                "Montant social",
                "Part (montant)",
                "Réservés",
                "Titulaire inclusif",
            ],
            [
                [
                    r["buyer_name"] or r["buyer_id"],
                    r["count_contracts"],
                    r["count_social"],
                    r["social_share_count"],
                    r["amount_eur"],
                    r["amount_social_eur"],
                    r["social_share_amount"],
                    r["count_reserved"],
                    r["count_inclusive_holder"],
                ]
                for r in data["decp"]["rows"]
            ],
            ["text", "int", "int", "pct", "eur", "eur", "pct", "int", "int"],
            [30, 10, 14, 12, 16, 16, 12, 10, 12],
        )

    q = data["quality"]
    ws, row = book.sheet("Méthodologie", "Méthodologie et qualité des données")
    book.table(
        ws,
        row,
        ["Indicateur", "Valeur"],
        [
            ["Lignes d'achat de l'exercice", q["count_lines"]],
            ["Achats adressables (HT)", q["addressable_spend_eur"]],
            ["Achats adressables portant un SIRET", q["addressable_with_siret_eur"]],
            ["Fournisseurs", q["count_suppliers"]],
            ["Fournisseurs classés certains", q["count_suppliers_certain"]],
            ["Fournisseurs probables seulement", q["count_suppliers_probable"]],
            ["Lignes en quarantaine (tous chargements)", q["count_quarantined_rows"]],
            ["Fichiers chargés", q["count_loads"]],
        ],
        ["text", "dec"],
        [44, 18],
    )
    return book.close()
