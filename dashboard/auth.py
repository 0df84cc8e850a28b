"""Sign-in: the session's user, password sign-in, optional OIDC (``st.login``), sign-out.

The signed-in user lives in ``st.session_state`` on the server; pages read it through
:func:`current_access` and never from the URL. Every run re-reads the user from the store
(:func:`pipelines.access.access_of_user`): a disabled user is signed out at their next interaction,
a role change applies at once. A session idle for ``ASR_SESSION_IDLE_HOURS`` is signed out.
Password sign-in goes through :func:`pipelines.sign_in.sign_in`, which throttles failures per
user name and per client address in the store and audits them.

A reload keeps you signed in when the dashboard is served by dashboard/server.py: after a
password sign-in the page hands off to the server, which sets an ``HttpOnly`` session cookie
(pipelines.web_sessions); a new run without a session reads that cookie from its connection
(``st.context.cookies``). Sign-out ends the cookie's session in the store and deletes it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from urllib.parse import urlencode

import streamlit as st

from dashboard import nav
from dashboard.i18n import t
from pipelines.access import Access, access_for, access_of_user
from pipelines.clock import utcnow
from pipelines.sign_in import SignInResult
from pipelines.sign_in import sign_in as throttled_sign_in
from pipelines.users import get_user
from pipelines.web_sessions import COOKIE_NAME, end_session, start_handoff, user_for_session

SESSION_KEY = "access"
#: When the signed-in user last interacted (naive UTC).
LAST_SEEN_KEY = "auth_last_seen"
#: Why the session was ended (an i18n key), shown once on the sign-in page.
NOTICE_KEY = "auth_notice"
#: The session cookie's token this session was restored from (kept on the server only).
TOKEN_KEY = "auth_cookie_token"
#: The page a signed-out visitor asked for (``/explorer?...``), opened after sign-in.
NEXT_KEY = "auth_next"
#: Set at sign-out: the next run sends the browser to ``asr/sign_out`` to delete the cookie.
LEAVING_KEY = "auth_leaving"


def clock() -> dt.datetime:
    """Now, naive UTC (tests replace it)."""
    return utcnow()


def cookie_sessions() -> bool:
    """Whether the server has the cookie routes (dashboard/server.py)."""
    return os.environ.get("ASR_SESSION_COOKIE") == "1"


def session_cookie() -> str | None:
    """The session cookie sent when this browser tab connected (None in AppTest)."""
    try:
        value = st.context.cookies.get(COOKIE_NAME)
    except Exception:  # no client context
        return None
    return str(value) if value else None


def current_access() -> Access | None:
    access = st.session_state.get(SESSION_KEY)
    if access is not None:
        access = _revalidated(access)
    elif not st.session_state.get(LEAVING_KEY):
        access = _access_from_cookie()
    if access is None:
        access = _access_from_oidc()
    return access


def _access_from_cookie() -> Access | None:
    """A reload: the user of the tab's session cookie, if it is still in force."""
    from dashboard.data import settings

    token = session_cookie()
    now = clock()
    username = user_for_session(token, settings=settings(), now=now)
    access = access_of_user(username, settings()) if username else None
    if access is None:
        return None
    st.session_state[SESSION_KEY] = access
    st.session_state[LAST_SEEN_KEY] = now
    st.session_state[TOKEN_KEY] = token
    return access


def _revalidated(access: Access) -> Access | None:
    """The session's access as the store says now, or None (signed out, with a notice) when the
    session was idle too long or the user was disabled or deleted."""
    from dashboard.data import settings

    now = clock()
    last_seen = st.session_state.get(LAST_SEEN_KEY) or now
    if now - last_seen > dt.timedelta(hours=settings().session_idle_hours):
        _end_session("auth.expired")
        return None
    token = st.session_state.get(TOKEN_KEY)
    if token and user_for_session(token, settings=settings(), now=now) is None:
        _end_session("auth.expired")  # ended elsewhere (another tab signed out, too old)
        return None
    fresh = access_of_user(access.username, settings())
    if fresh is None:
        _end_session("auth.disabled")
        return None
    if fresh != access:
        st.session_state[SESSION_KEY] = fresh
    st.session_state[LAST_SEEN_KEY] = now
    return fresh


def _end_session(notice: str) -> None:
    sign_out()
    st.session_state[NOTICE_KEY] = notice


def pop_notice() -> str | None:
    """Why the previous session ended (i18n key), once."""
    return st.session_state.pop(NOTICE_KEY, None)


def client_address() -> str | None:
    """The browser's address as the server sees it (None locally and in AppTest)."""
    try:
        address = st.context.ip_address
    except Exception:  # no client context (tests, bare runs)
        return None
    return f"ip:{address}" if address else None


def sign_in(username: str, password: str) -> SignInResult:
    """Check a password (throttled and audited by pipelines.sign_in); on success the session
    holds the user's access."""
    from dashboard.data import settings

    now = clock()
    result = throttled_sign_in(
        username, password, client=client_address(), settings=settings(), now=now
    )
    if result.user is not None:
        user = result.user
        access = access_for(user.username, user.role, user.person_id, settings())
        st.session_state[SESSION_KEY] = access
        st.session_state[LAST_SEEN_KEY] = now
        st.session_state.pop(NOTICE_KEY, None)
    return result


def handoff_url(access: Access) -> str:
    """Where the browser goes after a password sign-in to receive its session cookie: a
    one-time code, the page asked for, the period and language (dashboard/server.py)."""
    from dashboard.data import settings

    query = {"code": start_handoff(access.username, settings=settings(), now=clock())}
    wanted = st.session_state.pop(NEXT_KEY, None)
    if wanted and nav.may_open(access.role, str(wanted)):
        query["next"] = str(wanted)
    if st.session_state.get("period"):
        query["period"] = str(st.session_state["period"])
    query["lang"] = str(st.session_state.get("lang", "fr"))
    return "asr/session?" + urlencode(query)


def go_to(url: str) -> None:
    """Send the browser to ``url`` (a relative URL built here, never user text)."""
    st.html(
        f"<script>window.location.replace({json.dumps(url)});</script>",
        unsafe_allow_javascript=True,
    )


def sign_out() -> None:
    from dashboard.data import settings

    token = st.session_state.pop(TOKEN_KEY, None) or session_cookie()
    if token:
        end_session(token, settings=settings(), now=clock())
    if cookie_sessions():
        st.session_state[LEAVING_KEY] = True
    st.session_state.pop(SESSION_KEY, None)
    st.session_state.pop(LAST_SEEN_KEY, None)
    st.session_state.pop("_duckdb_cursor", None)
    if oidc_configured() and _oidc_logged_in():
        st.logout()


def require(page_id: str) -> Access:
    """The signed-in user, re-read from the store, if their role may open ``page_id``;
    otherwise stop the page. (dashboard/app.py re-reads the user too, to build the navigation;
    a page also checks for itself, as a test or an older router may run it alone. No page changes
    state from a widget callback, which would run before these checks.)

    Every page starts here: admins and executives also get the failed-verification banner."""
    from dashboard.layout import integrity_banner

    access = current_access()
    if access is None or not nav.may_open(access.role, page_id):
        notice = pop_notice()
        if notice:  # signed out just now: say why
            st.warning(t(notice))
        else:
            st.error(t("auth.forbidden"))
        st.stop()
    assert access is not None
    integrity_banner(access)
    return access


# -- optional OIDC (configured in .streamlit/secrets.toml, section [auth]) --------------------
def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _oidc_logged_in() -> bool:
    try:
        return bool(st.user.is_logged_in)
    except Exception:
        return False


def _access_from_oidc() -> Access | None:
    """Map the identity provider's e-mail to an active user of the store (same user name)."""
    if not oidc_configured() or not _oidc_logged_in():
        return None
    from dashboard.data import settings

    email = str(st.user.get("email") or "")
    user = get_user(email, settings()) if email else None
    if user is None or not user.is_active:
        st.session_state["oidc_refused"] = email
        return None
    access = access_for(user.username, user.role, user.person_id, settings())
    st.session_state[SESSION_KEY] = access
    st.session_state[LAST_SEEN_KEY] = clock()
    return access
