"""The store's Alembic migrations and the append-only audit log, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
import sqlalchemy as sa
from alembic import command
from typer.testing import CliRunner

from pipelines.settings import Settings
from pipelines.store import audit
from pipelines.store.db import (
    _alembic_config,
    create_schema,
    current_revision,
    get_engine,
    head_revision,
    session_scope,
)
from pipelines.store.models import AuditEvent, AuditLogIsAppendOnly, Objective, Person


def test_create_schema_migrates_to_head_idempotently(settings: Settings) -> None:
    create_schema(settings)
    create_schema(settings)
    assert current_revision(settings) == head_revision()
    tables = set(sa.inspect(get_engine(settings)).get_table_names())
    assert {"people", "users", "objectives", "overrides", "period_closings", "audit_log"} <= tables


def test_downgrade_and_upgrade_again(settings: Settings) -> None:
    create_schema(settings)
    with get_engine(settings).begin() as con:
        command.downgrade(_alembic_config(con), "base")
    assert current_revision(settings) is None
    create_schema(settings)
    assert current_revision(settings) == head_revision()


def test_pre_alembic_store_is_stamped_and_upgraded(settings: Settings) -> None:
    with get_engine(settings).begin() as con:
        command.upgrade(_alembic_config(con), "0001")
        con.execute(sa.text("drop table alembic_version"))
    create_schema(settings)
    assert current_revision(settings) == head_revision()
    columns = {c["name"] for c in sa.inspect(get_engine(settings)).get_columns("period_closings")}
    assert {"reopened_at", "reopened_by", "reopen_reason"} <= columns


def test_models_round_trip_exact_decimals(settings: Settings) -> None:
    create_schema(settings)
    with session_scope(settings) as s:
        s.add(Person(person_id="p1", name="Anne", role="buyer"))
        s.add(
            Objective(
                objective_id="o1",
                owner="p1",
                scope_type="buyer",
                scope_value="p1",
                period_start=dt.date(2025, 1, 1),
                period_end=dt.date(2025, 12, 31),
                metric="inclusive_share",
                target=Decimal("0.035"),
                weight=Decimal("0.15"),
                variable_pay_eur=Decimal("12345.67"),
                curve=None,
            )
        )
    with session_scope(settings) as s:
        o = s.get(Objective, "o1")
        assert o is not None
        assert o.target == Decimal("0.035")
        assert o.variable_pay_eur == Decimal("12345.67")


def _one_event(settings: Settings) -> int:
    create_schema(settings)
    with session_scope(settings) as s:
        event = audit.record(
            s,
            actor="ana",
            action="update",
            object_type="objective",
            object_id="o1",
            before={"target": Decimal("0.03"), "day": dt.date(2025, 1, 1)},
            after={"target": Decimal("0.04")},
            reason="typo",
        )
        s.flush()
        return event.event_id


def test_audit_record_stores_exact_json(settings: Settings) -> None:
    event_id = _one_event(settings)
    with session_scope(settings) as s:
        event = s.get(AuditEvent, event_id)
        assert event is not None
        assert event.before == {"target": "0.03", "day": "2025-01-01"}
        assert event.after == {"target": "0.04"}
        assert event.at is not None


@pytest.mark.parametrize("change", ["update", "delete"])
def test_orm_refuses_audit_changes(settings: Settings, change: str) -> None:
    event_id = _one_event(settings)
    with pytest.raises(AuditLogIsAppendOnly), session_scope(settings) as s:
        event = s.get(AuditEvent, event_id)
        if change == "update":
            event.actor = "someone else"  # type: ignore[union-attr]
        else:
            s.delete(event)
    with session_scope(settings) as s:
        assert s.get(AuditEvent, event_id).actor == "ana"  # type: ignore[union-attr]


@pytest.mark.parametrize("statement", ["update audit_log set actor = 'x'", "delete from audit_log"])
def test_database_refuses_audit_changes(settings: Settings, statement: str) -> None:
    _one_event(settings)
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), get_engine(settings).begin() as con:
        con.execute(sa.text(statement))
    with session_scope(settings) as s:
        assert len(audit.list_events(s)) == 1


def test_postgres_refuses_truncate(settings: Settings) -> None:
    if not settings.database_url.startswith("postgresql"):
        pytest.skip("TRUNCATE trigger is PostgreSQL-only")
    _one_event(settings)
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), get_engine(settings).begin() as con:
        con.execute(sa.text("truncate audit_log"))


def test_list_events_filters_and_limit(settings: Settings) -> None:
    create_schema(settings)
    with session_scope(settings) as s:
        for i in range(5):
            audit.record(s, actor="a", action="create", object_type="person", object_id=f"p{i}")
        audit.record(s, actor="b", action="close", object_type="period", object_id="2025")
    with session_scope(settings) as s:
        assert [e.object_id for e in audit.list_events(s, 2)] == ["p4", "2025"]
        assert [e.object_id for e in audit.list_events(s, object_type="period")] == ["2025"]
        assert len(audit.list_events(s, actor="a")) == 5


def test_cli_audit_list(settings: Settings) -> None:
    from pipelines.cli import app

    _one_event(settings)
    result = CliRunner().invoke(app, ["audit", "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    events = json.loads(result.output)
    assert events[0]["actor"] == "ana"
    assert events[0]["before"]["target"] == "0.03"
    table = CliRunner().invoke(app, ["audit", "list", "--type", "objective"])
    assert "ana" in table.output


def test_concurrent_create_schema(settings: Settings) -> None:
    import threading

    errors: list[BaseException] = []

    def migrate() -> None:
        try:
            create_schema(settings)
        except BaseException as exc:  # pragma: no cover - the failure being tested for
            errors.append(exc)

    threads = [threading.Thread(target=migrate) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert current_revision(settings) == head_revision()
