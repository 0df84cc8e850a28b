"""A closing is sealed into the audit chain, serialised, and all-or-nothing across store and
warehouse. Runs on SQLite and PostgreSQL stores (tests/objectives/conftest.py)."""

from __future__ import annotations

import hashlib
import json
import threading
from decimal import Decimal as D
from pathlib import Path

import pytest
import sqlalchemy as sa

from pipelines.errors import UserError
from pipelines.objectives import close_period, compute_attainment, load_objectives, reopen_period
from pipelines.settings import Settings
from pipelines.store import audit
from pipelines.store.db import session_scope
from pipelines.store.models import PeriodClosing
from pipelines.store.verify import verify_store
from tests.objectives.helpers import OBJ_HEADER, add_lines, write
from tests.store.tamper import drop_triggers, run_sql, verify_cli

EA, OTHER = "11111111111111", "22222222222222"
# b1: 48 000 inclusive / target 60 000 = 0.8 -> 50 % x 0.1 x 6 000 = 300.00
LINES = [
    ("ENT1", "F1", "2025-03-01", EA, "b1", "48000.00"),
    ("ENT1", "F2", "2025-06-01", OTHER, "b1", "40000.00"),
]
OBJECTIVES = (
    OBJ_HEADER + "O-b1,b1,buyer,,2025-01-01,2025-12-31,inclusive_spend_eur,60000,0.1,6000,\n"
)


@pytest.fixture
def loaded(org: Settings, tmp_path: Path) -> Settings:
    add_lines(org, LINES, [(EA, "EA", "certain")])
    load_objectives(write(tmp_path / "objectives.csv", OBJECTIVES), settings=org, actor="admin")
    return org


def _close(settings: Settings) -> dict:
    return close_period("2025", reason="paie 2025", settings=settings, actor="admin")


def _closing(settings: Settings) -> PeriodClosing | None:
    with session_scope(settings) as s:
        return s.get(PeriodClosing, "2025")


def _events(settings: Settings, object_type: str = "period") -> list:
    with session_scope(settings) as s:
        return audit.list_events(s, object_type=object_type)


def _closed_lines(settings: Settings) -> int:
    from pipelines.warehouse import connect_read

    con = connect_read(settings)
    try:
        row = con.execute("select count(*) from closed_spend_lines where period = '2025'")
        return int(row.fetchone()[0])  # type: ignore[index]
    finally:
        con.close()


def _payout_snapshot_edit(settings: Settings) -> None:
    closing = _closing(settings)
    assert closing is not None and closing.snapshot is not None
    snapshot = closing.snapshot
    assert snapshot["objectives"][0]["figures"]["payout_eur"] == "300.00"
    snapshot["objectives"][0]["figures"]["payout_eur"] = "99999.00"
    run_sql(
        settings,
        "update period_closings set snapshot = :s where period = '2025'",
        s=json.dumps(snapshot),
    )


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_closing_needs_a_reason(loaded: Settings, reason: str | None) -> None:
    with pytest.raises(UserError, match="motif"):
        close_period("2025", reason=reason, settings=loaded, actor="admin")
    assert _closing(loaded) is None and _events(loaded) == []


def test_closing_event_carries_the_snapshot_hash(loaded: Settings) -> None:
    summary = _close(loaded)
    assert summary["payouts"] == {"O-b1": "300.00"}
    closing = _closing(loaded)
    assert closing is not None
    (event,) = _events(loaded)
    canonical = json.dumps(
        closing.snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert event.after["snapshot_sha256"] == hashlib.sha256(canonical.encode()).hexdigest()
    assert event.reason == "paie 2025"
    result = verify_cli()
    assert result.exit_code == 0, result.output
    assert "1 clôtures vérifiés" in result.output


def test_snapshot_update_is_refused_and_if_forced_detected(loaded: Settings) -> None:
    """The reported attack: a closed payout of 300 € edited to 99 999 € in the store."""
    _close(loaded)
    with pytest.raises(sa.exc.DBAPIError, match="frozen"):
        _payout_snapshot_edit(loaded)
    drop_triggers(loaded, "period_closings")
    _payout_snapshot_edit(loaded)
    result = verify_cli()
    assert result.exit_code == 1
    assert "Clôture 2025" in result.output and "instantané" in result.output
    assert "Closing 2025" in verify_cli("en").output


def test_reopen_edit_reclose_by_hand_is_detected_with_triggers_in_place(loaded: Settings) -> None:
    _close(loaded)
    run_sql(loaded, "update period_closings set is_closed = :f where period = '2025'", f=False)
    _payout_snapshot_edit(loaded)
    run_sql(loaded, "update period_closings set is_closed = :t where period = '2025'", t=True)
    result = verify_store(loaded)
    assert result.mismatch is not None and result.mismatch.object_id == "2025"


def test_closing_status_edit_is_detected(loaded: Settings) -> None:
    _close(loaded)
    run_sql(loaded, "update period_closings set is_closed = :f where period = '2025'", f=False)
    result = verify_store(loaded)
    assert result.mismatch is not None and "ligne" in result.message("fr")


def test_closing_delete_is_refused_and_if_forced_detected(loaded: Settings) -> None:
    _close(loaded)
    with pytest.raises(sa.exc.DBAPIError, match="refused"):
        run_sql(loaded, "delete from period_closings")
    drop_triggers(loaded, "period_closings")
    run_sql(loaded, "delete from period_closings")
    result = verify_cli()
    assert result.exit_code == 1 and "Clôture 2025" in result.output


def test_forged_closing_row_is_detected(loaded: Settings) -> None:
    _close(loaded)
    run_sql(
        loaded,
        "insert into period_closings (period, is_closed, closed_at, closed_by, snapshot) "
        "values ('2026', :t, '2027-01-01 00:00:00', 'admin', :s)",
        t=True,
        s=json.dumps({"objectives": []}),
    )
    result = verify_store(loaded)
    assert result.mismatch is not None and result.mismatch.object_id == "2026"


def test_reopen_then_close_again_verifies(loaded: Settings) -> None:
    _close(loaded)
    reopen_period("2025", reason="erreur de classement", settings=loaded, actor="admin")
    assert verify_store(loaded).ok
    _close(loaded)
    result = verify_store(loaded)
    assert result.ok, result.message("en")
    assert [e.action for e in _events(loaded)] == ["close", "reopen", "close"]


def test_failed_publish_leaves_store_and_warehouse_as_before(
    loaded: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipelines.warehouse.connection as connection

    targets: list[object] = []

    def refuse(source: object, target: object) -> None:
        targets.append(target)
        raise OSError("disk full (injected)")

    monkeypatch.setattr(connection.os, "replace", refuse)
    with pytest.raises(OSError, match="injected"):
        _close(loaded)
    monkeypatch.undo()
    assert targets == [loaded.warehouse_path]  # it failed at the publish
    assert _closing(loaded) is None and _events(loaded) == []
    assert _closed_lines(loaded) == 0
    assert not list(loaded.warehouse_path.parent.glob(".*.tmp"))
    assert verify_store(loaded).ok


def test_failed_store_commit_puts_the_warehouse_back(
    loaded: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipelines.warehouse as warehouse

    before = loaded.warehouse_path.read_bytes()
    real = warehouse.write_transaction
    published: list[bool] = []

    def failing_commit() -> None:
        published.append(loaded.warehouse_path.read_bytes() != before)
        raise sa.exc.OperationalError("commit", {}, Exception("database is locked (injected)"))

    def write_transaction(settings: Settings, *, after_publish: object = None, **kw: object):
        return real(settings, after_publish=failing_commit, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(warehouse, "write_transaction", write_transaction)
    with pytest.raises(sa.exc.OperationalError, match="injected"):
        _close(loaded)
    monkeypatch.undo()
    assert published == [True]  # the store commit failed after the new file was published
    assert loaded.warehouse_path.read_bytes() == before
    assert _closed_lines(loaded) == 0
    assert _closing(loaded) is None and _events(loaded) == []
    assert not list(loaded.warehouse_path.parent.glob(".*.prev"))
    _close(loaded)  # and a later closing works
    assert _closed_lines(loaded) == 2
    assert verify_store(loaded).ok


def test_concurrent_closings_close_once(loaded: Settings) -> None:
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def close() -> None:
        barrier.wait()
        try:
            _close(loaded)
            outcomes.append("closed")
        except UserError as exc:
            outcomes.append("refused: " + exc.message("en"))

    threads = [threading.Thread(target=close) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes)[0] == "closed"
    assert "already closed" in sorted(outcomes)[1]
    assert [e.action for e in _events(loaded)] == ["close"]
    assert verify_store(loaded).ok


def test_every_pay_relevant_change_is_an_event(loaded: Settings, tmp_path: Path) -> None:
    """People, objectives, closing, reopening: each leaves an event and the chain verifies."""
    from pipelines.objectives import load_people
    from tests.objectives.helpers import PEOPLE_CSV

    assert {e.object_id for e in _events(loaded, "objective")} == {"O-b1"}
    assert len(_events(loaded, "person")) == PEOPLE_CSV.count("\n") - 1
    load_people(
        write(tmp_path / "p.csv", PEOPLE_CSV.replace("Alice Martin", "Alice Morin")),
        settings=loaded,
        actor="admin",
    )
    (rename,) = [e for e in _events(loaded, "person") if e.action == "update"]
    assert (rename.before["name"], rename.after["name"]) == ("Alice Martin", "Alice Morin")
    load_objectives(
        write(tmp_path / "o.csv", OBJECTIVES.replace("60000", "50000")),
        settings=loaded,
        actor="admin",
    )
    (change,) = [e for e in _events(loaded, "objective") if e.action == "update"]
    assert (change.before["target"], change.after["target"], change.actor) == (
        "60000",
        "50000",
        "admin",
    )
    _close(loaded)
    reopen_period("2025", reason="cible corrigée", settings=loaded, actor="admin")
    assert [e.action for e in _events(loaded)] == ["close", "reopen"]
    result = verify_store(loaded)
    assert result.ok and result.closings == 1
    assert compute_attainment("2025", settings=loaded)[0].payout_eur == D("540.00")
