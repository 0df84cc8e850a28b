"""A tiny organisation, warehouse and store for the dashboard tests (built in well under a second).

People: DG01 (executive) > DIR01 (manager) > ACH001, ACH002 (buyers, entity ALPHA);
DG01 > DIR02 (manager) > ACH003 (buyer, entity BETA); ANA01 analyst; ADM01 admin.
Suppliers: S1 EA (certain), S2 EI (certain), S3 ESAT (probable), S4 ESUS (ess, certain),
S5 ordinary, S6 excluded (intra-group).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pipelines.marts import refresh_marts
from pipelines.settings import Settings
from pipelines.store.db import create_schema, session_scope
from pipelines.store.models import Objective, Person
from pipelines.users import add_user
from pipelines.warehouse import write_transaction

PEOPLE = [
    # person_id, name, manager_id, entity, role
    ("DG01", "Claire Directrice", None, None, "executive"),
    ("DIR01", "Marc Manager", "DG01", "ALPHA", "manager"),
    ("DIR02", "Nina Manager", "DG01", "BETA", "manager"),
    ("ACH001", "Paul Acheteur", "DIR01", "ALPHA", "buyer"),
    ("ACH002", "Léa Acheteuse", "DIR01", "ALPHA", "buyer"),
    ("ACH003", "Omar Acheteur", "DIR02", "BETA", "buyer"),
    ("ANA01", "Ana Lyste", "DG01", None, "analyst"),
    ("ADM01", "Adam Min", "DG01", None, "admin"),
]

USERS = {
    # username: (role, person_id)
    "direction": ("executive", "DG01"),
    "manager": ("manager", "DIR01"),
    "acheteur": ("buyer", "ACH001"),
    "acheteur3": ("buyer", "ACH003"),
    "analyste": ("analyst", "ANA01"),
    "admin": ("admin", "ADM01"),
}
PASSWORD = "motdepasse-test"

SUPPLIERS = {
    # siret: (name, post_code, naf, kind, family, status)
    "11111111111111": ("ATELIER ADAPTE", "75011", "8121Z", "EA", "handicap", "certain"),
    "22222222222222": ("INSERTION PLUS", "69003", "3811Z", "EI", "insertion", "certain"),
    "33333333333333": ("ESAT DES LILAS", "93260", "8130Z", "ESAT", "handicap", "probable"),
    "44444444444444": ("COOP SOLIDAIRE", "75020", "5610A", "ESUS", "ess", "certain"),
    "55555555555555": ("GRANDS BUREAUX", "92100", "4665Z", None, None, None),
    "66666666666666": ("FILIALE INTERNE", "75008", "7010Z", None, None, None),
}

# entity, invoice, line, date, siret, buyer, account, category, amount
LINES = [
    ("ALPHA", "F1", 1, "2025-01-15", "11111111111111", "ACH001", "6061", "Entretien", "1000.00"),
    ("ALPHA", "F1", 2, "2025-01-15", "11111111111111", "ACH001", "6061", "Entretien", "500.50"),
    ("ALPHA", "F2", 1, "2025-02-10", "22222222222222", "ACH002", "6110", "Déchets", "2000.00"),
    ("ALPHA", "F3", 1, "2025-03-05", "33333333333333", "ACH001", "6110", "Espaces verts", "800.00"),
    ("ALPHA", "F4", 1, "2025-03-20", "55555555555555", "ACH001", "6064", "Fournitures", "10000.00"),
    ("ALPHA", "F5", 1, "2025-04-02", "44444444444444", "ACH002", "6257", "Restauration", "300.00"),
    ("ALPHA", "F6", 1, "2025-05-12", "66666666666666", "ACH002", "6226", "Honoraires", "5000.00"),
    ("BETA", "B1", 1, "2025-01-08", "22222222222222", "ACH003", "6110", "Déchets", "4000.00"),
    ("BETA", "B2", 1, "2025-06-30", "55555555555555", "ACH003", "6064", "Fournitures", "7000.00"),
    ("BETA", "B3", 1, "2025-07-01", "11111111111111", "ACH003", "6061", "Entretien", "-200.00"),
    ("ALPHA", "P1", 1, "2024-03-10", "11111111111111", "ACH001", "6061", "Entretien", "700.00"),
    ("ALPHA", "P2", 1, "2024-06-10", "55555555555555", "ACH001", "6064", "Fournitures", "9000.00"),
    ("BETA", "P3", 1, "2024-09-10", "22222222222222", "ACH003", "6110", "Déchets", "1500.00"),
]


OBJECTIVES = [
    # id, owner, scope_type, scope_value, metric, target, weight, pay
    ("OBJ-G", "DG01", "all", None, "inclusive_spend_eur", "10000", "0.15", "20000.00"),
    ("OBJ-M1", "DIR01", "manager", "DIR01", "inclusive_spend_eur", "5000", "0.2", "10000.00"),
    ("OBJ-B1", "ACH001", "buyer", "ACH001", "inclusive_spend_eur", "3000", "0.1", "5000.00"),
    ("OBJ-B2", "ACH002", "buyer", "ACH002", "inclusive_spend_eur", "1000", "0.1", "4000.00"),
    ("OBJ-B3", "ACH003", "buyer", "ACH003", "inclusive_share", "0.3", "0.1", "4000.00"),
]

# Directory records: one suggestion for buyers in department 92 buying office furniture (4665Z).
RECORDS = [
    # siret, name, kind, family, naf, post_code
    ("77777777777777", "ESAT BUREAUTIQUE", "ESAT", "handicap", "4665Z", "92200"),
    ("88888888888888", "EA MARSEILLE", "EA", "handicap", "4665Z", "13001"),
]


def build_warehouse(settings: Settings) -> None:
    with write_transaction(settings) as con:
        for i, (entity, inv, no, day, siret, buyer, account, category, amount) in enumerate(LINES):
            name, pc, naf, *_ = SUPPLIERS[siret]
            con.execute(
                "insert into raw_ledger_lines (load_id, source_row, entity, invoice_id, line_no,"
                " invoice_date, supplier_name, siret, post_code, buyer, account, category, naf,"
                " amount_eur) values (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    i + 2,
                    entity,
                    inv,
                    no,
                    dt.date.fromisoformat(day),
                    name,
                    siret,
                    pc,
                    buyer,
                    account,
                    category,
                    naf,
                    Decimal(amount),
                ],
            )
        for siret, (_, _, _, kind, family, status) in SUPPLIERS.items():
            if kind:
                con.execute(
                    "insert into supplier_matches (supplier_key, precedence, rule, status, kind,"
                    " family, record_id, source, score) values (?, 2, 'siret', ?, ?, ?, 1,"
                    " 'test', 100)",
                    [siret, status, kind, family],
                )
        con.execute("insert into exclusions values ('supplier', '66666666666666', 'intra-groupe')")
        con.execute(
            "insert into loads (load_id, file, sha256, format, entity, rows_read, rows_loaded,"
            " rows_quarantined, loaded_by) values (nextval('load_id_seq'),"
            " 'grand_livre_2025.csv', 'abc', 'csv', 'ALPHA', 14, 13, 1, 'test')"
        )
        con.execute(
            "insert into quarantine values (1, 'grand_livre_2025.csv', 15, 'montant', 'douze',"
            " 'montant illisible, attendu un nombre comme 1 234,56')"
        )
        for pid, name, manager, entity, role in PEOPLE:
            con.execute(
                "insert into dim_people values (?, ?, ?, ?, ?, ?)",
                [pid, name, None, manager, entity, role],
            )
        for i, (siret, name, kind, family, naf, pc) in enumerate(RECORDS):
            con.execute(
                "insert into reference_records (record_id, ref_load_id, source, kind, family,"
                " siret, siren, name, name_norm, naf, post_code, department) values"
                " (?, 1, 'test', ?, ?, ?, ?, ?, ?, ?, ?, department_of(?))",
                [100 + i, kind, family, siret, siret[:9], name, name, naf, pc, pc],
            )
        refresh_marts(con, settings)


def build_store(settings: Settings) -> dict[str, str]:
    create_schema(settings)
    with session_scope(settings) as session:
        for pid, name, manager, entity, role in PEOPLE:
            session.add(
                Person(person_id=pid, name=name, manager_id=manager, entity=entity, role=role)
            )
        for oid, owner, scope_type, scope_value, metric, target, weight, pay in OBJECTIVES:
            session.add(
                Objective(
                    objective_id=oid,
                    owner=owner,
                    scope_type=scope_type,
                    scope_value=scope_value,
                    period_start=dt.date(2025, 1, 1),
                    period_end=dt.date(2025, 12, 31),
                    metric=metric,
                    target=Decimal(target),
                    weight=Decimal(weight),
                    variable_pay_eur=Decimal(pay),
                    curve=None,
                )
            )
    for username, (role, pid) in USERS.items():
        add_user(username, role, person_id=pid, password=PASSWORD, settings=settings)
    return {u: PASSWORD for u in USERS}


def build(settings: Settings) -> dict[str, str]:
    build_warehouse(settings)
    return build_store(settings)
