"""Streamlit entry point: ``streamlit run dashboard/app.py``. It only routes.

Signed out, every address shows the sign-in form (and remembers the page asked for); signed in,
the pages of the user's role (dashboard/nav.py). A page that is not in the navigation cannot be
opened, whatever the URL. Served by dashboard/server.py, a reload keeps the user signed in.
"""

from __future__ import annotations

import streamlit as st

from dashboard import auth, layout, nav
from dashboard.data import settings
from dashboard.i18n import get_lang

st.set_page_config(page_title="ASR", page_icon=":material/handshake:", layout="wide")
layout.init_lang(settings().lang)
access = auth.current_access()
if access is None and st.session_state.pop(auth.LEAVING_KEY, False):
    auth.go_to(f"asr/sign_out?lang={get_lang()}")  # the server deletes the session cookie
page = st.navigation(layout.pages(access), position="sidebar" if access else "hidden")
if access is None and page.url_path in nav.PAGES_BY_ID:
    st.session_state[auth.NEXT_KEY] = page.url_path  # a shared link, opened after sign-in
layout.sidebar(access)
layout.run_page(page)  # an unexpected error: short message, logged, no traceback
