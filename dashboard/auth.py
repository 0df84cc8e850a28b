"""Sign-in: the session's user, password sign-in, optional OIDC (``st.login``), sign-out.

The signed-in user lives in ``st.session_state`` on the server; pages read it through
:func:`current_access` and never from the URL. Access is computed once at sign-in by
:func:`pipelines.access.access_for`.
"""

from __future__ import annotations

import streamlit as st

from dashboard import nav
from dashboard.i18n import t
from pipelines.access import Access, access_for
from pipelines.users import authenticate, get_user

SESSION_KEY = "access"


def current_access() -> Access | None:
    access = st.session_state.get(SESSION_KEY)
    if access is None:
        access = _access_from_oidc()
    return access


def sign_in(username: str, password: str) -> Access | None:
    from dashboard.data import settings

    user = authenticate(username, password, settings())
    if user is None:
        return None
    access = access_for(user.username, user.role, user.person_id, settings())
    st.session_state[SESSION_KEY] = access
    return access


def sign_out() -> None:
    st.session_state.pop(SESSION_KEY, None)
    st.session_state.pop("_duckdb_cursor", None)
    if oidc_configured() and _oidc_logged_in():
        st.logout()


def require(page_id: str) -> Access:
    """The signed-in user, if their role may open ``page_id``; otherwise stop the page.

    Every page starts here: admins and executives also get the failed-verification banner."""
    from dashboard.layout import integrity_banner

    access = current_access()
    if access is None or not nav.may_open(access.role, page_id):
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
    return access
