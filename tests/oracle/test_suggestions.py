"""« Fournisseurs inclusifs à solliciter »: the ordinary comparable spend of each suggestion,
against an independent reading of the same lines (plain Python below).

A line without a NAF code takes the activity of its purchase category; it used to be counted
once per NAF class of its category (a manager's category read about 3x its spend)."""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from tests.oracle.build import asr
from tests.oracle.test_differential import fresh_home

# buyer, supplier, siret, naf, category, amount (all ordinary suppliers, Paris 75011)
LINES = [
    ("B1", "Propreté Nord", "81234567600124", "8121Z", "Entretien", "1000.00"),
    ("B1", "Vitres Express", "81235678000120", "8129A", "Entretien", "3000.00"),
    ("B1", "Sans Code Naf", "81236789100126", "", "Entretien", "500.00"),
    ("B2", "Grand Nettoyage", "81237900600123", "8121Z", "Entretien", "10000.00"),
]
# inclusive suppliers of the directory (Le marché format), Paris
RECORDS = [
    ("44229377500031", "EA", "ATELIER PROPRE", "8121Z"),
    ("52400001100015", "ESAT", "ESAT VITRES", "8129B"),
]


def expected_by_class(buyer: str) -> dict[str, Decimal]:
    """Ordinary spend of ``buyer`` per NAF class; a line without NAF goes to the one class that
    carries most of its category's spend with a known NAF, across the warehouse."""
    category_class: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for _, _, _, naf, category, amount in LINES:
        if naf:
            category_class[category][naf[:4]] += Decimal(amount)
    out: dict[str, Decimal] = defaultdict(Decimal)
    for who, _, _, naf, category, amount in LINES:
        if who != buyer:
            continue
        if naf:
            out[naf[:4]] += Decimal(amount)
        else:
            classes = category_class[category]
            out[max(sorted(classes), key=lambda c: classes[c])] += Decimal(amount)
    return dict(out)


def _build(folder: Path) -> None:
    with (folder / "gl.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(
            [
                "entite",
                "numero facture",
                "date facture",
                "raison sociale",
                "siret",
                "code postal",
                "acheteur",
                "compte",
                "categorie",
                "naf",
                "montant ht",
            ]
        )
        for i, (buyer, name, siret, naf, category, amount) in enumerate(LINES):
            w.writerow(
                [
                    "E1",
                    f"F{i}",
                    "15/03/2025",
                    name,
                    siret,
                    "75011",
                    buyer,
                    "6061",
                    category,
                    naf,
                    amount.replace(".", ","),
                ]
            )
    with (folder / "lemarche.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "siret",
                "kind",
                "name",
                "brand",
                "naf",
                "legal_form",
                "address",
                "post_code",
                "city",
                "department",
                "source",
            ]
        )
        for siret, kind, name, naf in RECORDS:
            w.writerow([siret, kind, name, "", naf, "", "", "75012", "Paris", "75", "ASP"])
    asr(
        "reference",
        "load",
        str(folder / "lemarche.csv"),
        "--source",
        "lemarche",
        "--as-of",
        "2024-01-01",
    )
    asr("ingest", str(folder / "gl.csv"), "--quiet")


def test_ordinary_spend_counts_each_line_once() -> None:
    from pipelines.queries.operations import suggestions
    from pipelines.queries.periods import Period
    from pipelines.scope import Scope
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    with fresh_home() as folder:
        _build(folder)
        con = connect_read(load_settings())
        try:
            ideas = suggestions(con, Period.year(2025), Scope(buyers=("B1",)), load_settings())
        finally:
            con.close()
    got = {i["naf"][:4]: Decimal(i["opportunity_eur"]) for i in ideas}
    assert got == expected_by_class("B1")  # {'8121': 1500, '8129': 3000}
