"""A reload keeps the user signed in (the session cookie of dashboard/server.py), and a shared
link opened signed out leads, after sign-in, to the page it named. AppTest has no cookies: the
cookie the tab connected with is injected by replacing ``auth.session_cookie``."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import dashboard_tiny_org as tiny
import pytest
from starlette.requests import Request
from streamlit.testing.v1 import AppTest
from test_sessions import APP, T0, Clock, try_password

from dashboard import auth
from pipelines import web_sessions
from pipelines.settings import Settings
from pipelines.users import disable


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(auth, "clock", c)
    return c


def cookie_of(username: str, settings: Settings) -> str:
    code = web_sessions.start_handoff(username, settings=settings, now=T0)
    token = web_sessions.exchange_handoff(code, settings=settings, now=T0)
    assert token
    return token


def reload_with(monkeypatch: pytest.MonkeyPatch, token: str | None) -> AppTest:
    """A new browser tab (fresh session state) that sends ``token`` as its cookie."""
    monkeypatch.setattr(auth, "session_cookie", lambda: token)
    return AppTest.from_file(APP, default_timeout=60).run()


def test_a_reload_with_the_cookie_is_still_signed_in(tiny_org, clock, monkeypatch):
    token = cookie_of("analyste", tiny_org)
    at = reload_with(monkeypatch, token)
    assert not at.exception, at.exception
    assert at.session_state["access"].username == "analyste"
    assert not at.text_input  # no sign-in form


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_no_or_a_forged_cookie_shows_the_sign_in_form(tiny_org, clock, monkeypatch, token):
    at = reload_with(monkeypatch, token)
    assert "access" not in at.session_state
    assert at.text_input(key="password") is not None


def test_the_cookie_dies_with_a_disabled_user_and_when_idle(tiny_org, clock, monkeypatch):
    token = cookie_of("analyste", tiny_org)
    disable("analyste", settings=tiny_org, actor="admin")
    assert "access" not in reload_with(monkeypatch, token).session_state
    token = cookie_of("admin", tiny_org)
    clock.advance(hours=tiny_org.session_idle_hours + 0.1)
    assert "access" not in reload_with(monkeypatch, token).session_state


def test_a_shared_link_leads_to_its_page_and_period_after_sign_in(tiny_org, clock):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["period"] = "2025-Q2"
    at.query_params["lang"] = "en"
    at.session_state[auth.NEXT_KEY] = "explorer"  # what the router keeps from /explorer
    at.run()
    assert at.text_input(key="password").label == "Password"
    try_password(at, "analyste", tiny.PASSWORD)
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Explorer"]
    assert "Q2 2025" in " ".join(c.value for c in at.caption)


def test_a_shared_link_to_a_page_of_another_role_lands_on_the_first_page(tiny_org, clock):
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[auth.NEXT_KEY] = "objectives_admin"
    at.run()
    try_password(at, "acheteur", tiny.PASSWORD)
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Mes objectifs"]
    assert auth.NEXT_KEY not in at.session_state


# -- the server's routes (dashboard/server.py) ---------------------------------------------------
@pytest.mark.parametrize(
    ("next_page", "period", "lang", "expected"),
    [
        ("explorer", "2025-Q2", "en", "../explorer?period=2025-Q2&lang=en"),
        ("https://evil.example", None, None, "../"),
        ("//evil.example", "2025-Q9", "xx", "../"),
        (None, None, "fr", "../?lang=fr"),
        ("suppliers", "2025", None, "../suppliers?period=2025"),
    ],
)
def test_the_hand_off_only_leads_to_a_known_page(next_page, period, lang, expected):
    from dashboard.session_routes import landing_url

    assert landing_url(next_page, period, lang) == expected


def request(path: str, query: dict[str, str], cookie: str | None = None) -> Request:
    headers = [(b"cookie", f"{web_sessions.COOKIE_NAME}={cookie}".encode())] if cookie else []
    return Request(
        {
            "type": "http",
            "method": "GET",
            "scheme": "http",
            "path": path,
            "query_string": urlencode(query).encode(),
            "headers": headers,
            "server": ("127.0.0.1", 8501),
        }
    )


def test_the_hand_off_route_sets_an_http_only_strict_cookie_once(tiny_org, monkeypatch):
    from dashboard import session_routes

    monkeypatch.setattr(session_routes, "utcnow", lambda: T0 + dt.timedelta(seconds=3))
    code = web_sessions.start_handoff("analyste", settings=tiny_org, now=T0)
    r = session_routes.open_session(request("/asr/session", {"code": code, "next": "explorer"}))
    assert r.status_code == 303 and r.headers["location"] == "../explorer"
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(web_sessions.COOKIE_NAME + "=")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain HTTP here; set over HTTPS
    token = cookie.split(";")[0].split("=", 1)[1]
    assert web_sessions.user_for_session(token, settings=tiny_org, now=T0) == "analyste"
    again = session_routes.open_session(request("/asr/session", {"code": code}))
    assert "set-cookie" not in again.headers  # a code works once
    out = session_routes.close_session(request("/asr/sign_out", {}, cookie=token))
    assert out.status_code == 303 and "Max-Age=0" in out.headers["set-cookie"]
    assert web_sessions.user_for_session(token, settings=tiny_org, now=T0) is None
