"""The two HTTP routes of the session cookie (served by dashboard/server.py).

- ``GET asr/session?code=…&next=explorer&period=2025-Q2&lang=en`` exchanges a one-minute,
  one-time hand-off code (pipelines.web_sessions) for the session token, sets it as an
  ``HttpOnly; SameSite=Strict`` cookie (``Secure`` over HTTPS) and sends the browser to the page
  asked for (only a known page, period and language pass: no open redirect).
- ``GET asr/sign_out`` ends the cookie's session in the store and deletes the cookie.
"""

from __future__ import annotations

import contextlib
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from dashboard.i18n import LANGS
from dashboard.nav import PAGES_BY_ID
from pipelines import web_sessions
from pipelines.clock import utcnow
from pipelines.errors import UserError
from pipelines.queries.periods import Period
from pipelines.settings import load_settings


def landing_url(next_page: str | None, period: str | None, lang: str | None) -> str:
    """Where to go after the hand-off, relative to ``asr/``: a known page, period and language
    only (anything else is dropped, so the route cannot send the browser elsewhere)."""
    path = next_page if next_page in PAGES_BY_ID else ""
    query: dict[str, str] = {}
    if period:
        with contextlib.suppress(UserError):  # an unreadable period is dropped
            query["period"] = Period.parse(period).key()
    if lang in LANGS:
        query["lang"] = str(lang)
    return "../" + path + ("?" + urlencode(query) if query else "")


def _cookie_options(request: Request) -> dict[str, object]:
    return {
        "httponly": True,
        "samesite": "strict",
        "secure": request.url.scheme == "https",
        "path": "/",
    }


def open_session(request: Request) -> RedirectResponse:
    params = request.query_params
    token = web_sessions.exchange_handoff(
        params.get("code", ""), settings=load_settings(), now=utcnow()
    )
    target = landing_url(params.get("next"), params.get("period"), params.get("lang"))
    response = RedirectResponse(target, status_code=303)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    if token is not None:
        response.set_cookie(
            web_sessions.COOKIE_NAME,
            token,
            max_age=web_sessions.MAX_HOURS * 3600,
            **_cookie_options(request),  # type: ignore[arg-type]
        )
    return response


def close_session(request: Request) -> RedirectResponse:
    web_sessions.end_session(
        request.cookies.get(web_sessions.COOKIE_NAME), settings=load_settings(), now=utcnow()
    )
    response = RedirectResponse(
        landing_url(None, None, request.query_params.get("lang")), status_code=303
    )
    response.headers["Cache-Control"] = "no-store"
    response.delete_cookie(web_sessions.COOKIE_NAME, **_cookie_options(request))  # type: ignore[arg-type]
    return response


ROUTES = [
    Route("/asr/session", open_session, methods=["GET"]),
    Route("/asr/sign_out", close_session, methods=["GET"]),
]
