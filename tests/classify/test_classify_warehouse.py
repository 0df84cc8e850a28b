"""classify() and the review queue on a small warehouse: dates, overrides, reloads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipelines.classify import classify
from pipelines.classify.review import (
    confirm,
    reject,
    review_queue,
    set_kind,
    supplier_explanation,
)
from pipelines.errors import UserError
from pipelines.reference import load_reference
from pipelines.settings import Settings
from pipelines.warehouse import connect_read, write_transaction
from tests.classify.helpers import add_lines, line_status

D = dt.date
HEADER = "siret;siren;name;kind;post_code;valid_from;valid_to;source\n"
DIRECTORY = [
    "80746931700018;;Baluchon à table citoyens;EI;93230;2023-01-01;2023-12-31;lst",
    "75187049400026;;La Collecterie;ACI;93100;;;lst",
    ";443061841;Recyclerie du Val;ESUS;93100;;;lst",
]


def _directory(tmp_path: Path, lines: list[str], name: str = "dir.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def warehouse(settings: Settings, tmp_path: Path) -> Settings:
    load_reference([_directory(tmp_path, DIRECTORY)], "csv", as_of=D(2024, 1, 1), settings=settings)
    add_lines(
        settings,
        [
            ("E", "before", D(2022, 12, 31), "Baluchon", "80746931700018", "93230", 10),
            ("E", "first", D(2023, 1, 1), "Baluchon", "80746931700018", "93230", 20),
            ("E", "last", D(2023, 12, 31), "Baluchon", "80746931700018", "93230", 30),
            ("E", "after", D(2024, 1, 1), "Baluchon", "80746931700018", "93230", 40),
            ("E", "other-est", D(2024, 3, 1), "Collecterie", "75187049400099", "93100", 500),
            ("E", "pseudo", D(2024, 3, 1), "Collecterie antenne", "75187049499901", "93100", 5),
            ("E", "esus", D(2024, 3, 1), "Recyclerie", "44306184100013", "93100", 70),
            ("E", "name", D(2024, 3, 1), "LA COLLECTERIE SARL", None, "93100", 900),
            ("E", "namesake", D(2024, 3, 1), "La Collecterie", None, "13001", 800),
            ("E", "nobody", D(2024, 3, 1), "Boulangerie Martin", None, "93100", 100),
        ],
    )
    classify(settings)
    return settings


@pytest.mark.parametrize(
    ("invoice", "expected"),
    [
        ("before", ("none", None, None)),
        ("first", ("certain", "siret", "EI")),
        ("last", ("certain", "siret", "EI")),
        ("after", ("none", None, None)),
        ("other-est", ("probable", "siren", "ACI")),
        ("pseudo", ("probable", "siren", "ACI")),
        ("esus", ("certain", "siren", "ESUS")),
        ("name", ("probable", "name", "ACI")),
        ("namesake", ("none", None, None)),  # same name, other department
        ("nobody", ("none", None, None)),
    ],
)
def test_lines_classified_at_their_date(warehouse: Settings, invoice: str, expected: tuple) -> None:
    assert line_status(warehouse, invoice) == expected


def test_review_queue_probable_first_then_most_spend(warehouse: Settings) -> None:
    con = connect_read(warehouse)
    try:
        queue = review_queue(con, 10)
        probable = review_queue(con, 10, "probable")
        unmatched = review_queue(con, 10, "none")
    finally:
        con.close()
    assert queue == probable + unmatched
    assert probable and all(row["status"] == "probable" for row in probable)
    assert unmatched and all(row["status"] == "none" for row in unmatched)
    for part in (probable, unmatched):
        amounts = [row["to_review_eur"] for row in part]
        assert amounts == sorted(amounts, reverse=True)
    keys = [row["supplier_key"] for row in queue]
    assert keys[0] == "name:LA COLLECTERIE SARL:93100"
    assert "44306184100013" not in keys  # certain
    assert "80746931700018" in keys  # unmatched outside its window


def _audit(settings: Settings) -> list[tuple[str, str, str | None]]:
    from pipelines.store.audit import list_events
    from pipelines.store.db import session_scope

    with session_scope(settings) as session:
        return [(e.actor, e.action, e.object_id) for e in list_events(session)]


def test_decisions_write_override_audit_and_reclassify(warehouse: Settings) -> None:
    confirm("name:LA COLLECTERIE SARL:93100", reason="site vérifié", settings=warehouse)
    assert line_status(warehouse, "name") == ("certain", "override", "ACI")
    reject("75187049400099", reason="homonyme", settings=warehouse)
    assert line_status(warehouse, "other-est") == ("none", "override", None)
    set_kind("name:BOULANGERIE MARTIN:93100", "Entreprise adaptée", settings=warehouse)
    assert line_status(warehouse, "nobody") == ("certain", "override", "EA")
    assert _audit(warehouse) == [
        ("test-user", "override.confirm", "name:LA COLLECTERIE SARL:93100"),
        ("test-user", "override.reject", "75187049400099"),
        ("test-user", "override.set_kind", "name:BOULANGERIE MARTIN:93100"),
    ]
    from pipelines.store.verify import verify_store

    assert verify_store(warehouse).ok
    con = connect_read(warehouse)
    try:
        keys = {row["supplier_key"] for row in review_queue(con, 50)}
    finally:
        con.close()
    assert not keys & {"name:LA COLLECTERIE SARL:93100", "75187049400099"}


@pytest.mark.parametrize(
    ("supplier", "decision", "kind"),
    [
        ("name:LA COLLECTERIE SARL:93100", "confirm", None),
        ("75187049400099", "reject", None),
        ("name:BOULANGERIE MARTIN:93100", "set_kind", "EA"),
    ],
)
def test_a_repeated_decision_writes_one_audit_event(
    warehouse: Settings, supplier: str, decision: str, kind: str | None
) -> None:
    """Confirming (rejecting, setting a kind of) the same supplier twice with the same reason is
    one decision: the second changes nothing and writes no audit event; a new reason, or another
    decision, is a new event."""
    from pipelines.workflows import decide

    first = decide(supplier, decision, settings=warehouse, actor="ana", reason="vérifié", kind=kind)
    again = decide(
        supplier, decision, settings=warehouse, actor="ana", reason=" vérifié ", kind=kind
    )
    assert (first.changed, again.changed) == (True, False)
    assert again.classified is None
    assert _audit(warehouse) == [("ana", f"override.{decision}", supplier)]
    other = decide(supplier, decision, settings=warehouse, actor="ana", reason="revu", kind=kind)
    assert other.changed
    assert len(_audit(warehouse)) == 2
    from pipelines.store.verify import verify_store

    assert verify_store(warehouse).ok


def test_overrides_survive_reloads(warehouse: Settings, tmp_path: Path) -> None:
    confirm("name:LA COLLECTERIE SARL:93100", settings=warehouse)
    reject("75187049400099", settings=warehouse)
    # A newer directory snapshot (same records, one more) and a reloaded ledger.
    newer = DIRECTORY + ["12345678200010;;Nouvelle;EI;59000;;;lst"]
    load_reference(
        [_directory(tmp_path, newer, "v2.csv")], "csv", as_of=D(2024, 6, 1), settings=warehouse
    )
    with write_transaction(warehouse) as con:
        con.execute("delete from raw_ledger_lines")
        con.execute("delete from supplier_matches")
    add_lines(
        warehouse,
        [
            ("E", "name", D(2024, 3, 1), "LA COLLECTERIE SARL", None, "93100", 900),
            ("E", "other-est", D(2024, 3, 1), "Collecterie", "75187049400099", "93100", 500),
        ],
    )
    classify(warehouse)
    assert line_status(warehouse, "name") == ("certain", "override", "ACI")
    assert line_status(warehouse, "other-est") == ("none", "override", None)


def test_decision_errors_are_user_errors(warehouse: Settings) -> None:
    with pytest.raises(UserError):
        set_kind("name:BOULANGERIE MARTIN:93100", "XYZ", settings=warehouse)
    with pytest.raises(UserError):
        reject("no-such-supplier", settings=warehouse)
    with pytest.raises(UserError):
        confirm("name:BOULANGERIE MARTIN:93100", settings=warehouse)  # nothing probable
    with pytest.raises(UserError):
        confirm("name:BOULANGERIE MARTIN:93100", 999999, settings=warehouse)


def test_classify_empty_warehouse(settings: Settings) -> None:
    result = classify(settings)
    assert result.suppliers == 0


def test_every_supplier_explained(warehouse: Settings) -> None:
    con = connect_read(warehouse)
    try:
        rows = con.execute(
            "select d.supplier_key, c.status, c.rule, c.explanation from dim_suppliers d "
            "left join supplier_classification c using (supplier_key)"
        ).fetchall()
        fallback = con.execute(
            "select count(*) from supplier_matches where rule = 'none'"
        ).fetchone()
    finally:
        con.close()
    assert rows and all(r[3] for r in rows)
    explained = {r[0]: r[3] for r in rows}
    assert explained["name:BOULANGERIE MARTIN:93100"].startswith("Aucune correspondance")
    assert explained["80746931700018"].startswith("SIRET 807 469 317 00018 trouvé dans lst")
    assert fallback == (0,)  # no-match rows stay out of the line mart's join
    con = connect_read(warehouse)
    try:
        headline = supplier_explanation(con, "75187049400099")
        assert supplier_explanation(con, "nope") is None
    finally:
        con.close()
    assert headline is not None and (headline["status"], headline["rule"]) == ("probable", "siren")
