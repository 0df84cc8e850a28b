"""pipelines.sign_in: growing delay, temporary lock, per user name and per client, audited."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.settings import Settings
from pipelines.sign_in import PER_CLIENT, PER_USER, SignInResult, sign_in, wait_after
from pipelines.store.audit import event_dict, list_events
from pipelines.store.db import session_scope
from pipelines.users import add_user

T0 = dt.datetime(2026, 3, 2, 10, 0, 0)
GOOD = "correct-horse-battery"


@pytest.mark.parametrize(
    "failures, policy, seconds",
    [
        (0, PER_USER, 0),
        (1, PER_USER, 1),
        (2, PER_USER, 2),
        (3, PER_USER, 4),
        (4, PER_USER, 8),
        (5, PER_USER, 15 * 60),
        (9, PER_USER, 15 * 60),
        (9, PER_CLIENT, 0),
        (10, PER_CLIENT, 1),
        (16, PER_CLIENT, 60),
        (19, PER_CLIENT, 60),
        (20, PER_CLIENT, 15 * 60),
    ],
)
def test_wait_after(failures, policy, seconds):
    assert wait_after(failures, policy) == dt.timedelta(seconds=seconds)


@given(st.integers(0, 200), st.sampled_from([PER_USER, PER_CLIENT]))
def test_the_wait_never_shrinks_as_failures_grow(failures, policy):
    assert wait_after(failures + 1, policy) >= wait_after(failures, policy)


@pytest.mark.parametrize(
    "seconds, label", [(1, "1 s"), (0.2, "1 s"), (59, "59 s"), (60, "1 min"), (61, "2 min")]
)
def test_wait_label(seconds, label):
    assert SignInResult(None, dt.timedelta(seconds=seconds)).wait_label == label


def attempt(settings, password, minutes=0.0, name="bob", client="ip:10.0.0.1"):
    now = T0 + dt.timedelta(minutes=minutes)
    return sign_in(name, password, client=client, settings=settings, now=now)


def test_five_failures_lock_the_name_even_for_the_right_password(settings: Settings) -> None:
    add_user("bob", "buyer", password=GOOD, settings=settings)
    for minute in range(5):
        result = attempt(settings, "wrong", minute)
        assert result.user is None and result.retry_after is None
    locked = attempt(settings, GOOD, 5)
    assert locked.user is None and locked.retry_after == dt.timedelta(minutes=14)
    # another client does not help: the lock is on the name
    assert attempt(settings, GOOD, 5, client="ip:10.9.9.9").retry_after is not None
    # after the lock the right password works, and the count starts again
    assert attempt(settings, GOOD, 19).user is not None
    assert attempt(settings, "wrong", 20).retry_after is None


def test_growing_delay_refuses_without_checking(settings: Settings) -> None:
    add_user("bob", "buyer", password=GOOD, settings=settings)
    attempt(settings, "wrong", 0)
    too_soon = attempt(settings, GOOD, 0.5 / 60)  # half a second later: must wait 1 s
    assert too_soon.user is None and too_soon.retry_after is not None
    assert attempt(settings, GOOD, 1 / 60).user is not None


def test_one_client_trying_many_names_is_locked(settings: Settings) -> None:
    add_user("bob", "buyer", password=GOOD, settings=settings)
    for i in range(20):  # a new name each time: the per-name counter never grows
        result = attempt(settings, "wrong", i, name=f"user{i}")
        assert result.retry_after is None
    blocked = attempt(settings, GOOD, 20)
    assert blocked.user is None and blocked.retry_after is not None
    assert attempt(settings, GOOD, 20, client="ip:10.0.0.2").user is not None


def test_every_failure_is_audited_without_the_password(settings: Settings) -> None:
    add_user("bob", "buyer", password=GOOD, settings=settings, actor="adm")
    for minute in range(6):
        attempt(settings, f"secret-{minute}", minute)
    with session_scope(settings) as s:
        events = [e for e in list_events(s) if e.action == "sign_in_failed"]
        text = json.dumps([event_dict(e) for e in events], default=str)
    assert len(events) == 6
    assert {(e.object_type, e.object_id) for e in events} == {("user", "bob")}
    assert [e.after["throttled"] for e in events] == [False] * 5 + [True]
    assert events[0].after["client"] == "ip:10.0.0.1"
    assert "secret-" not in text


def test_a_quiet_quarter_hour_forgets_failures(settings: Settings) -> None:
    add_user("bob", "buyer", password=GOOD, settings=settings)
    for minute in range(4):
        attempt(settings, "wrong", minute)
    # 4 failures, then 15 quiet minutes: the 5th failure does not lock
    assert attempt(settings, "wrong", 18).retry_after is None
    assert attempt(settings, GOOD, 18 + 1 / 60).user is not None
