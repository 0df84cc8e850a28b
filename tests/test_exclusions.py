"""Exclusions change addressable spend, hence pay: each change is an audit event, committed with
the warehouse change or not at all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.exclusions import add_exclusions, list_exclusions, remove_exclusion
from pipelines.settings import Settings
from pipelines.store import audit
from pipelines.store.db import session_scope
from pipelines.store.verify import verify_store
from tests.store.backends import BACKENDS, backend_settings


@pytest.fixture(params=BACKENDS)
def settings(
    request: pytest.FixtureRequest, asr_home: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    yield from backend_settings(request.param, asr_home, monkeypatch)


def _events(settings: Settings) -> list[tuple]:
    with session_scope(settings) as s:
        return [
            (e.actor, e.action, e.object_id, e.before, e.after, e.reason)
            for e in audit.list_events(s, object_type="exclusion")
        ]


def _exclusions(settings: Settings) -> list[dict]:
    from pipelines.warehouse import connect_read

    con = connect_read(settings)
    try:
        return list_exclusions(con)
    finally:
        con.close()


def test_add_update_remove_are_audited(settings: Settings) -> None:
    assert add_exclusions([("category", "Loyers", "rent")], settings, actor="ana").added == 1
    assert add_exclusions([("category", "Loyers", "rent")], settings, actor="ana").added == 0
    again = add_exclusions([("category", "Loyers", "loyers et charges")], settings, actor="bob")
    assert again.added == 0
    assert remove_exclusion("category", "Loyers", settings, actor="cyd", reason="erreur")
    assert not remove_exclusion("category", "Loyers", settings, actor="cyd")
    row = {"type": "category", "value": "Loyers"}
    assert _events(settings) == [
        ("ana", "exclusion.add", "category:Loyers", None, {**row, "reason": "rent"}, "rent"),
        (
            "bob",
            "exclusion.update",
            "category:Loyers",
            {**row, "reason": "rent"},
            {**row, "reason": "loyers et charges"},
            "loyers et charges",
        ),
        (
            "cyd",
            "exclusion.remove",
            "category:Loyers",
            {**row, "reason": "loyers et charges"},
            None,
            "erreur",
        ),
    ]
    assert verify_store(settings).ok


def test_cli_records_who_and_why(settings: Settings, cli_as) -> None:
    from pipelines.cli import app

    ana = cli_as("ana", role="analyst")  # the authenticated user, whatever ASR_USER says
    added = CliRunner().invoke(
        app, ["exclusions", "add", "account_prefix", "6611", "--reason", "x"], env=ana
    )
    assert added.exit_code == 0, added.output
    removed = CliRunner().invoke(
        app, ["exclusions", "remove", "account_prefix", "6611", "--reason", "plus exclu"], env=ana
    )
    assert removed.exit_code == 0, removed.output
    assert [(e[0], e[1], e[5]) for e in _events(settings)] == [
        ("ana", "exclusion.add", "x"),
        ("ana", "exclusion.remove", "plus exclu"),
    ]


def test_failed_store_commit_leaves_the_exclusions_as_before(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipelines.warehouse as warehouse

    add_exclusions([("supplier", "S1", None)], settings, actor="ana")
    real = warehouse.write_transaction

    def failing_commit() -> None:
        raise RuntimeError("store down (injected)")

    def write_transaction(s: Settings, *, after_publish: object = None, **kw: object):
        return real(s, after_publish=failing_commit, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(warehouse, "write_transaction", write_transaction)
    with pytest.raises(RuntimeError, match="injected"):
        add_exclusions([("supplier", "S2", None)], settings, actor="ana")
    with pytest.raises(RuntimeError, match="injected"):
        remove_exclusion("supplier", "S1", settings, actor="ana")
    monkeypatch.undo()
    assert [e["value"] for e in _exclusions(settings)] == ["S1"]
    assert [e[1] for e in _events(settings)] == ["exclusion.add"]


@pytest.mark.parametrize(
    ("kind", "value", "ok"),
    [("account_prefix", "606", True), ("account_prefix", " 6132 ", True),
     ("account_prefix", "6O6", False), ("account_prefix", "60-6", False),
     ("account_prefix", "", False), ("category", "fournitures de BUREAU", True),
     ("supplier", "code:E:X", True)],
)  # fmt: skip
def test_exclusion_values_are_checked(kind: str, value: str, ok: bool) -> None:
    from pipelines.errors import UserError
    from pipelines.exclusions import check_value

    if ok:
        assert check_value(kind, value) == value.strip()
    else:
        with pytest.raises(UserError):
            check_value(kind, value)


def test_add_says_what_it_takes_out_of_addressable_spend(settings: Settings, tmp_path) -> None:
    from decimal import Decimal

    from pipelines.ingest import ingest_files

    ledger = tmp_path / "ledger.csv"
    ledger.write_text(
        "Société;N° de facture;Date de facture;Fournisseur;Catégorie;Montant HT\n"
        "E;F1;10/01/2025;Foncière;Loyers;1 000,00\n"
        "E;F2;10/02/2025;Foncière;LOYERS;200,50\n"
        "E;F3;10/03/2025;Papeterie;Fournitures;99,00\n",
        encoding="utf-8",
    )
    ingest_files([ledger], settings=settings)
    done = add_exclusions([("category", "loyers", "rent")], settings, actor="ana")
    assert (done.added, done.lines, done.amount_eur) == (1, 2, Decimal("1200.50"))
    again = add_exclusions([("category", "loyers", "rent")], settings, actor="ana")
    assert (again.added, again.lines, again.amount_eur) == (0, 0, Decimal("0"))
