"""Browser sessions (pipelines.web_sessions): a one-time hand-off code becomes a cookie token;
the token dies when idle, too old, signed out, or with its user. The clock is passed in."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from pipelines import web_sessions as ws
from pipelines.settings import Settings
from pipelines.store.db import session_scope
from pipelines.store.models import WebSession
from pipelines.users import add_user, disable

T0 = dt.datetime(2026, 3, 2, 9, 0, 0)


@pytest.fixture
def alice(settings: Settings) -> Settings:
    add_user("alice", "analyst", password="Correct-horse-9", settings=settings, actor="test")
    return settings


def signed(settings: Settings, now: dt.datetime = T0) -> str:
    code = ws.start_handoff("alice", settings=settings, now=now)
    token = ws.exchange_handoff(code, settings=settings, now=now)
    assert token is not None
    return token


def test_a_code_becomes_a_token_once_and_only_hashes_are_stored(alice: Settings):
    code = ws.start_handoff("alice", settings=alice, now=T0)
    token = ws.exchange_handoff(code, settings=alice, now=T0 + dt.timedelta(seconds=5))
    assert token and token != code
    assert ws.exchange_handoff(code, settings=alice, now=T0) is None  # once
    assert ws.user_for_session(token, settings=alice, now=T0) == "alice"
    with session_scope(alice) as s:
        stored = [(r.handoff_hash, r.token_hash) for r in s.query(WebSession)]
    flat = " ".join(str(v) for row in stored for v in row)
    assert code not in flat and token not in flat


def test_a_late_or_unknown_code_is_refused(alice: Settings):
    code = ws.start_handoff("alice", settings=alice, now=T0)
    late = T0 + dt.timedelta(seconds=ws.HANDOFF_SECONDS + 1)
    assert ws.exchange_handoff(code, settings=alice, now=late) is None
    assert ws.exchange_handoff("made-up", settings=alice, now=T0) is None
    assert ws.exchange_handoff("", settings=alice, now=T0) is None


def test_an_idle_session_ends_and_activity_keeps_it(alice: Settings):
    token = signed(alice)
    idle = dt.timedelta(hours=alice.session_idle_hours)
    # activity every half idle period keeps it alive past one idle period
    now = T0
    for _ in range(3):
        now += idle / 2
        assert ws.user_for_session(token, settings=alice, now=now) == "alice"
    assert ws.user_for_session(token, settings=alice, now=now + idle * 1.01) is None
    assert ws.user_for_session(token, settings=alice, now=now) is None  # stays ended


def test_the_idle_limit_follows_the_setting(alice: Settings):
    short = dataclasses.replace(alice, session_idle_hours=0.5)
    token = signed(short)
    assert ws.user_for_session(token, settings=short, now=T0 + dt.timedelta(minutes=40)) is None


def test_a_session_ends_after_max_hours_however_active(alice: Settings):
    long_idle = dataclasses.replace(alice, session_idle_hours=100.0)
    token = signed(long_idle)
    end = T0 + dt.timedelta(hours=ws.MAX_HOURS)
    assert ws.user_for_session(token, settings=long_idle, now=end - dt.timedelta(hours=1))
    assert ws.user_for_session(token, settings=long_idle, now=end) is None


def test_sign_out_and_disabling_end_it(alice: Settings):
    token = signed(alice)
    ws.end_session(token, settings=alice, now=T0)
    assert ws.user_for_session(token, settings=alice, now=T0) is None
    token = signed(alice)
    disable("alice", settings=alice, actor="test")
    assert ws.user_for_session(token, settings=alice, now=T0) is None
    code = ws.start_handoff("alice", settings=alice, now=T0)
    assert ws.exchange_handoff(code, settings=alice, now=T0) is None


def test_end_user_sessions(alice: Settings):
    tokens = [signed(alice), signed(alice)]
    assert ws.end_user_sessions("alice", settings=alice, now=T0) == 2
    assert all(ws.user_for_session(t, settings=alice, now=T0) is None for t in tokens)
    assert ws.user_for_session(None, settings=alice, now=T0) is None
