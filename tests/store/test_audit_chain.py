"""The audit log is a hash chain: every direct edit of it is refused or shows in `asr audit verify`.

Runs on SQLite and on PostgreSQL (tests/store/conftest.py). Each attack is what a database user
could do by hand; each must make `asr audit verify` exit 1 naming the event.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from decimal import Decimal

import pytest
import sqlalchemy as sa
from alembic import command

from pipelines.settings import Settings
from pipelines.store import audit, chain
from pipelines.store.db import _alembic_config, create_schema, get_engine, session_scope
from pipelines.store.models import AuditEvent
from pipelines.store.verify import verify_store
from tests.store.tamper import dialect, drop_triggers, run_sql, verify_cli


def _events(settings: Settings, count: int = 3) -> None:
    """``count`` events, each in its own transaction (as separate CLI runs would write them)."""
    create_schema(settings)
    for i in range(count):
        with session_scope(settings) as s:
            audit.record(
                s,
                actor="ana",
                action="update",
                object_type="objective",
                object_id=f"o{i + 1}",
                before={"target": Decimal("0.03"), "day": dt.date(2025, 1, 1)},
                after={"target": Decimal(f"0.0{i + 4}"), "ratio": 0.1, "list": (1, "é")},
                reason="typo" if i else None,
            )


def _stored(settings: Settings, event_id: int) -> AuditEvent:
    with session_scope(settings) as s:
        event = s.get(AuditEvent, event_id)
        assert event is not None
        return event


def test_events_are_chained_from_what_is_stored(settings: Settings) -> None:
    _events(settings)
    first, second = _stored(settings, 1), _stored(settings, 2)
    assert first.prev_hash == chain.GENESIS
    assert second.prev_hash == first.event_hash
    # recomputed independently of chain.event_hash: sorted-key JSON of the stored columns
    import hashlib

    payload = {
        "event_id": 2,
        "at": second.at.strftime("%Y-%m-%dT%H:%M:%S.%f"),
        "actor": "ana",
        "action": "update",
        "object_type": "objective",
        "object_id": "o2",
        "before": {"target": "0.03", "day": "2025-01-01"},
        "after": {"target": "0.05", "ratio": 0.1, "list": [1, "é"]},
        "reason": "typo",
        "prev_hash": first.event_hash,
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert second.event_hash == hashlib.sha256(text.encode()).hexdigest()


def test_several_events_in_one_transaction_chain(settings: Settings) -> None:
    create_schema(settings)
    with session_scope(settings) as s:
        for i in range(5):
            audit.record(s, actor="a", action="create", object_type="person", object_id=f"p{i}")
    assert verify_store(settings).events == 5
    assert verify_store(settings).ok


def test_verify_ok(settings: Settings) -> None:
    _events(settings)
    result = verify_cli()
    assert result.exit_code == 0, result.output
    assert "OK: 3 événements, 0 clôtures vérifiés" in result.output
    english = verify_cli("en")
    assert "OK: 3 events, 0 closings verified" in english.output


def test_empty_store_verifies(settings: Settings) -> None:
    create_schema(settings)
    assert verify_store(settings).ok


def test_update_of_an_event_is_refused_and_if_forced_detected(settings: Settings) -> None:
    _events(settings)
    statement = "update audit_log set after = :after where event_id = 2"
    after = json.dumps({"target": "0.99"})
    with pytest.raises(sa.exc.DBAPIError, match="append-only"):
        run_sql(settings, statement, after=after)
    drop_triggers(settings, "audit_log")
    run_sql(settings, statement, after=after)
    result = verify_cli()
    assert result.exit_code == 1
    assert "Événement 2" in result.output and "empreinte" in result.output
    assert "Event 2" in verify_cli("en").output


def test_rehashed_edit_breaks_the_next_link(settings: Settings) -> None:
    """The attacker also rewrites the edited event's own hash: the next event names it."""
    _events(settings)
    drop_triggers(settings, "audit_log")
    first = _stored(settings, 1)
    forged = chain.event_hash(
        {**chain.row_fields(_stored(settings, 2), chain.EVENT_FIELDS), "actor": "mallory"},
        first.event_hash or "",
    )
    run_sql(
        settings,
        "update audit_log set actor = 'mallory', event_hash = :h where event_id = 2",
        h=forged,
    )
    result = verify_store(settings)
    assert not result.ok and result.mismatch is not None
    assert result.mismatch.object_id == "3"
    assert "événement 2" in result.message("fr")


def test_delete_of_an_event_is_refused_and_if_forced_detected(settings: Settings) -> None:
    _events(settings)
    with pytest.raises(sa.exc.DBAPIError, match="append-only"):
        run_sql(settings, "delete from audit_log where event_id = 2")
    drop_triggers(settings, "audit_log")
    run_sql(settings, "delete from audit_log where event_id = 2")
    result = verify_cli()
    assert result.exit_code == 1
    assert "Événement 3" in result.output and "2 manquant" in result.output


def test_delete_of_the_last_event_is_detected_by_the_chain_head(settings: Settings) -> None:
    _events(settings)
    drop_triggers(settings, "audit_log")
    run_sql(settings, "delete from audit_log where event_id = 3")
    result = verify_cli()
    assert result.exit_code == 1
    assert "tête de chaîne désigne l'événement 3" in result.output


@pytest.mark.parametrize("settings", ["sqlite"], indirect=True)  # INSERT OR REPLACE is SQLite's
def test_sqlite_insert_or_replace_is_refused_and_if_forced_detected(settings: Settings) -> None:
    assert dialect(settings) == "sqlite"
    _events(settings)
    replace = (
        "insert or replace into audit_log (event_id, at, actor, action, object_type, object_id, "
        "prev_hash, event_hash) select event_id, at, 'mallory', action, object_type, object_id, "
        "prev_hash, event_hash from audit_log where event_id = 1"
    )
    with pytest.raises(sa.exc.DBAPIError, match="replace refused"):
        run_sql(settings, replace)
    assert _stored(settings, 1).actor == "ana"
    # without the insert trigger, REPLACE deletes row 1 silently (the delete trigger does not fire)
    run_sql(settings, "drop trigger audit_log_no_replace")
    run_sql(settings, replace)
    assert _stored(settings, 1).actor == "mallory"
    result = verify_cli()
    assert result.exit_code == 1
    assert "Événement 1" in result.output


@pytest.mark.parametrize("with_prev_hash", [False, True])
def test_forged_insert_is_detected(settings: Settings, with_prev_hash: bool) -> None:
    _events(settings)
    prev = _stored(settings, 3).event_hash if with_prev_hash else None
    run_sql(
        settings,
        "insert into audit_log (event_id, at, actor, action, object_type, object_id, reason, "
        "prev_hash, event_hash) values (4, :at, 'admin', 'update', 'objective', 'o1', 'x', "
        ":prev, :hash)",
        at=dt.datetime(2025, 6, 1, 12, 0, 0),
        prev=prev,
        hash="f" * 64,
    )
    result = verify_cli()
    assert result.exit_code == 1
    assert "Événement 4" in result.output


def test_forged_insert_with_a_correct_hash_is_caught_by_the_chain_head(settings: Settings) -> None:
    """Who knows the algorithm can compute a valid hash; the head row still names event 3."""
    _events(settings)
    at = dt.datetime(2025, 6, 1, 12, 0, 0)
    fields = {
        "event_id": 4,
        "at": at,
        "actor": "admin",
        "action": "update",
        "object_type": "objective",
        "object_id": "o1",
        "before": None,
        "after": None,
        "reason": "x",
    }
    prev = _stored(settings, 3).event_hash or ""
    run_sql(
        settings,
        "insert into audit_log (event_id, at, actor, action, object_type, object_id, reason, "
        "prev_hash, event_hash) values (4, :at, 'admin', 'update', 'objective', 'o1', 'x', "
        ":prev, :hash)",
        at=at,
        prev=prev,
        hash=chain.event_hash(fields, prev),
    )
    result = verify_store(settings)
    assert result.mismatch is not None and result.mismatch.kind == "head"


def test_concurrent_writers_do_not_fork_the_chain(settings: Settings) -> None:
    create_schema(settings)
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for i in range(8):
                with session_scope(settings) as s:
                    audit.record(
                        s, actor=f"w{worker}", action="x", object_type="t", object_id=str(i)
                    )
        except BaseException as exc:  # pragma: no cover - the failure being tested for
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    result = verify_store(settings)
    assert result.ok, result.message("en")
    assert result.events == 32


def test_migration_chains_existing_events_and_seals_closings(settings: Settings) -> None:
    """A store at revision 0002 with events and a closing: 0003 chains and seals them."""
    with get_engine(settings).begin() as con:
        command.upgrade(_alembic_config(con), "0002")
    run_sql(
        settings,
        "insert into audit_log (at, actor, action, object_type, object_id, after) "
        "values (:at, 'demo', 'create', 'person', 'p1', :after)",
        at=dt.datetime(2025, 1, 2, 3, 4, 5, 678901),
        after=json.dumps({"name": "Anne", "pay": "1.10"}),
    )
    run_sql(
        settings,
        "insert into audit_log (actor, action, object_type, object_id) "
        "values ('admin', 'close', 'period', '2024')",  # server-side timestamp
    )
    run_sql(
        settings,
        "insert into period_closings (period, is_closed, closed_at, closed_by, reason, snapshot) "
        "values ('2024', :closed, :at, 'admin', 'payé', :snapshot)",
        closed=True,
        at=dt.datetime(2025, 1, 31),
        snapshot=json.dumps({"objectives": [{"figures": {"payout_eur": "300.00"}}]}),
    )
    create_schema(settings)
    result = verify_store(settings)
    assert result.ok, result.message("en")
    assert (result.events, result.closings) == (3, 1)
    seal = _stored(settings, 3)
    assert (seal.action, seal.object_id, seal.actor) == ("seal", "2024", "asr-migration")
    with session_scope(settings) as s:  # the next event continues the chain
        audit.record(s, actor="a", action="x", object_type="t", object_id="1")
    assert verify_store(settings).events == 4
    # and the sealed closing is protected like any other
    drop_triggers(settings, "period_closings")
    run_sql(settings, "update period_closings set snapshot = :s", s=json.dumps({"objectives": []}))
    broken = verify_store(settings)
    assert broken.mismatch is not None and broken.mismatch.object_id == "2024"
