"""Dashboard sessions: the user is re-read from the store at every interaction, idle sessions
expire, failed sign-ins are throttled in the store and audited. The clock is injected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dashboard_tiny_org as tiny
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import auth
from pipelines.settings import Settings
from pipelines.store.audit import event_dict, list_events
from pipelines.store.db import session_scope
from pipelines.store.models import Override
from pipelines.users import disable, set_role

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
T0 = dt.datetime(2026, 3, 2, 9, 0, 0)


class Clock:
    """The instant ``dashboard.auth`` sees; tests move it by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(auth, "clock", c)
    return c


def try_password(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="username").input(username)
    at.text_input(key="password").input(password)
    at.button[0].click()
    return at.run()


def signed_in(username: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    try_password(at, username, tiny.PASSWORD)
    assert not at.exception, at.exception
    assert at.session_state["access"].username == username
    return at


def signed_out_with(at: AppTest, words: str) -> None:
    """Signed out, told why. (AppTest runs a switched-to page without the router, so the page
    itself stops with the notice; in a browser the router shows the sign-in page with it.)"""
    assert not at.exception, at.exception
    assert "access" not in at.session_state
    assert any(words in w.value for w in at.warning), [w.value for w in at.warning]
    assert not [t.value for t in at.title if t.value != "Achats socialement responsables"]


def test_a_disabled_user_is_signed_out_at_the_next_click(tiny_org: Settings, clock: Clock):
    at = signed_in("analyste")
    at.switch_page("pages/suppliers.py").run()
    assert at.button(key="review_reject") is not None
    disable("analyste", settings=tiny_org, actor="admin")
    at.button(key="review_reject").click().run()  # the attack: a decision after being disabled
    signed_out_with(at, "désactivé")
    with session_scope(tiny_org) as s:
        assert s.query(Override).count() == 0
    # the notice is shown once
    at.run()
    assert not at.warning


def test_a_role_change_applies_at_the_next_click(tiny_org: Settings, clock: Clock):
    at = signed_in("analyste")
    at.switch_page("pages/suppliers.py").run()
    set_role("analyste", "executive", settings=tiny_org, actor="admin")
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["access"].role == "executive"
    assert not any(b.key == "review_reject" for b in at.button)  # executives may not decide
    assert "pas accessible" in at.error[0].value
    at.switch_page("pages/overview.py").run()
    assert at.title[0].value == "Vue d'ensemble"


def test_an_idle_session_expires(tiny_org: Settings, clock: Clock):
    at = signed_in("direction")
    clock.advance(hours=7, minutes=59)
    at.run()
    assert at.session_state["access"].username == "direction"  # active: the timer restarts
    clock.advance(hours=7, minutes=59)
    at.run()
    assert at.session_state["access"].username == "direction"
    clock.advance(hours=8, seconds=1)
    at.run()
    signed_out_with(at, "inactivité")


def test_the_idle_limit_is_a_setting(tiny_org: Settings, clock: Clock, monkeypatch):
    monkeypatch.setenv("ASR_SESSION_IDLE_HOURS", "0.5")
    at = signed_in("direction")
    clock.advance(minutes=31)
    at.run()
    signed_out_with(at, "inactivité")


def test_six_wrong_passwords_lock_the_name_and_are_audited(tiny_org: Settings, clock: Clock):
    at = AppTest.from_file(APP, default_timeout=60).run()
    for _ in range(5):
        try_password(at, "direction", "mauvais-mot-de-passe")
        assert "incorrect" in at.error[0].value
        clock.advance(minutes=1)  # past the growing delay, not past the lock
    try_password(at, "direction", "mauvais-mot-de-passe")
    assert at.error[0].value == "Trop de tentatives, réessayez dans 14 min."
    # a new tab (new session) does not start afresh, even with the right password
    fresh = AppTest.from_file(APP, default_timeout=60).run()
    try_password(fresh, "direction", tiny.PASSWORD)
    assert "réessayez dans 14 min" in fresh.error[0].value
    assert "access" not in fresh.session_state
    with session_scope(tiny_org) as s:
        failed = [event_dict(e) for e in list_events(s) if e.action == "sign_in_failed"]
    assert len(failed) == 7
    assert {(e["object_type"], e["object_id"]) for e in failed} == {("user", "direction")}
    assert "mauvais" not in str(failed) and tiny.PASSWORD not in str(failed)
    # when the lock ends (15 min after the 5th failure), the right password works
    clock.advance(minutes=14)
    try_password(fresh, "direction", tiny.PASSWORD)
    assert fresh.session_state["access"].username == "direction"


def test_the_lock_message_in_english(tiny_org: Settings, clock: Clock):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    for _ in range(6):
        try_password(at, "nobody", "wrong-password")
        clock.advance(seconds=30)
    assert at.error[0].value == "Too many attempts, try again in 15 min."


def test_one_address_trying_many_names_is_locked(
    tiny_org: Settings, clock: Clock, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(auth, "client_address", lambda: "ip:203.0.113.7")
    at = AppTest.from_file(APP, default_timeout=60).run()
    for i in range(20):  # a new name each time: only the address's counter grows
        try_password(at, f"guess{i}", "mauvais-mot-de-passe")
        assert "incorrect" in at.error[0].value
        clock.advance(minutes=2)  # past the address's growing delay (at most 60 s)
    try_password(at, "direction", tiny.PASSWORD)
    assert "Trop de tentatives" in at.error[0].value
    monkeypatch.setattr(auth, "client_address", lambda: None)  # another machine
    try_password(at, "direction", tiny.PASSWORD)
    assert at.session_state["access"].username == "direction"
    with session_scope(tiny_org) as s:
        clients = {e.after["client"] for e in list_events(s) if e.action == "sign_in_failed"}
    assert clients == {"ip:203.0.113.7"}


def test_no_address_outside_a_browser_is_handled():
    assert auth.client_address() is None
