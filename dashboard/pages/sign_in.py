"""Sign-in page: user name and password, or the organisation's identity provider."""

from __future__ import annotations

import streamlit as st

from dashboard import auth, layout
from dashboard import formatting as fmt
from dashboard.i18n import t

st.title(t("auth.title"))
st.caption(t("auth.subtitle"))
notice = auth.pop_notice()
if notice:
    st.warning(t(notice))
left, _ = st.columns([2, 3])
with left:
    if auth.oidc_configured():
        if st.button(t("auth.oidc"), key="oidc_login", type="primary"):
            st.login()
        refused = st.session_state.get("oidc_refused")
        if refused:
            st.error(t("auth.oidc_refused", email=fmt.md(refused)))
        st.divider()
    with st.form("sign_in_form"):
        username = st.text_input(t("auth.username"), key="username")
        password = st.text_input(t("auth.password"), type="password", key="password")
        submitted = st.form_submit_button(t("auth.submit"), type="primary")
    if submitted:
        result = auth.sign_in(username, password)
        access = auth.current_access() if result.user is not None else None
        if result.retry_after is not None:
            st.error(t("auth.throttled", wait=result.wait_label))
        elif access is None:
            st.error(t("auth.failed"))
        elif auth.cookie_sessions():
            auth.go_to(auth.handoff_url(access))  # the server sets the cookie
        else:
            st.switch_page(layout.landing_page(access))
