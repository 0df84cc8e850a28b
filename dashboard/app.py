"""Streamlit entry point: ``streamlit run dashboard/app.py``. It only routes.

Signed out, the only page is the sign-in form; signed in, the pages of the user's role
(dashboard/nav.py). A page that is not in the navigation cannot be opened, whatever the URL.
"""

from __future__ import annotations

import streamlit as st

from dashboard import auth, layout
from dashboard.data import settings

st.set_page_config(page_title="ASR", page_icon=":material/handshake:", layout="wide")
layout.init_lang(settings().lang)
access = auth.current_access()
page = st.navigation(layout.pages(access))
layout.sidebar(access)
layout.run_page(page)  # an unexpected error: short message, logged, no traceback
