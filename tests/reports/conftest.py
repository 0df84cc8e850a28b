"""A small warehouse for the report tests: a handful of lines and matches, figures by hand.

2024 (certain matches unless said):
  ESAT Net      80746931700018  Nettoyage    20 000.00  handicap/ESAT
  EA Fourn      51234567800012  Fournitures  10 000.00  handicap/EA
  EI Vert       44306184100047  Espaces verts 27 000.00 insertion/EI
  ETTI Int      55208131766522  Intérim      10 000.00  insertion/ETTI
  ACI Probable  73282932000074  Nettoyage     5 000.00  insertion/ACI  (probable)
  Classic SA    40483304800022  Travaux     100 000.00  none
  Classic SA    credit note                   -2 000.00
2023:
  ESAT Net                                   15 000.00
  Classic SA                                 50 000.00
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pipelines.marts import refresh_marts
from pipelines.settings import Settings
from pipelines.warehouse import write_transaction

D = Decimal

LINES = [
    # entity, invoice, date, supplier, siret, category, amount, buyer
    (
        "ACME",
        "F1",
        dt.date(2024, 3, 10),
        "ESAT NET",
        "80746931700018",
        "Nettoyage",
        D("20000.00"),
        "b1",
    ),
    (
        "ACME",
        "F2",
        dt.date(2024, 4, 2),
        "EA FOURN",
        "51234567800012",
        "Fournitures",
        D("10000.00"),
        "b1",
    ),
    (
        "ACME",
        "F3",
        dt.date(2024, 5, 20),
        "EI VERT",
        "44306184100047",
        "Espaces verts",
        D("27000.00"),
        "b2",
    ),
    (
        "BETA",
        "F4",
        dt.date(2024, 6, 1),
        "ETTI INT",
        "55208131766522",
        "Intérim",
        D("10000.00"),
        "b2",
    ),
    (
        "BETA",
        "F5",
        dt.date(2024, 7, 1),
        "ACI PROBABLE",
        "73282932000074",
        "Nettoyage",
        D("5000.00"),
        "b2",
    ),
    (
        "BETA",
        "F6",
        dt.date(2024, 8, 1),
        "CLASSIC SA",
        "40483304800022",
        "Travaux",
        D("100000.00"),
        "b1",
    ),
    (
        "BETA",
        "A6",
        dt.date(2024, 9, 1),
        "CLASSIC SA",
        "40483304800022",
        "Travaux",
        D("-2000.00"),
        "b1",
    ),
    (
        "ACME",
        "F7",
        dt.date(2023, 3, 1),
        "ESAT NET",
        "80746931700018",
        "Nettoyage",
        D("15000.00"),
        "b1",
    ),
    (
        "ACME",
        "F8",
        dt.date(2023, 4, 1),
        "CLASSIC SA",
        "40483304800022",
        "Travaux",
        D("50000.00"),
        "b1",
    ),
]

MATCHES = [
    # siret, kind, family, status
    ("80746931700018", "ESAT", "handicap", "certain"),
    ("51234567800012", "EA", "handicap", "certain"),
    ("44306184100047", "EI", "insertion", "certain"),
    ("55208131766522", "ETTI", "insertion", "certain"),
    ("73282932000074", "ACI", "insertion", "probable"),
]


def insert_lines(con, lines, matches) -> None:  # type: ignore[no-untyped-def]
    for i, (entity, inv, date, name, siret, cat, amount, buyer) in enumerate(lines, start=1):
        con.execute(
            "insert into raw_ledger_lines (load_id, source_row, entity, invoice_id, line_no, "
            "invoice_date, supplier_name, siret, post_code, buyer, account, category, amount_eur) "
            "values (1, ?, ?, ?, 1, ?, ?, ?, '75011', ?, '604', ?, ?)",
            [i, entity, inv, date, name, siret, buyer, cat, amount],
        )
    for siret, kind, family, status in matches:
        rule = "siret" if status == "certain" else "name"
        con.execute(
            "insert into supplier_matches (supplier_key, precedence, rule, status, kind, family) "
            "values (?, ?, ?, ?, ?, ?)",
            [siret, 2 if status == "certain" else 4, rule, status, kind, family],
        )


@pytest.fixture
def warehouse(settings: Settings) -> Settings:
    with write_transaction(settings) as con:
        insert_lines(con, LINES, MATCHES)
        refresh_marts(con, settings)
    return settings
