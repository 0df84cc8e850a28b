"""How the dashboard is served: ``streamlit run dashboard/server.py`` (``asr dashboard`` does).

Streamlit's ``st.App`` runs dashboard/app.py and adds the routes of dashboard/session_routes.py,
so that the session cookie is set by the server, ``HttpOnly`` (no script of the page can read
it), and a reload keeps the user signed in. Run without this file
(``streamlit run dashboard/app.py``, AppTest), the dashboard works the same but a reload signs
the user out.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from dashboard.session_routes import ROUTES

# dashboard/pages/ would make Streamlit's first run of a fresh server use the old "pages
# directory" mode, running pages/<name>.py for /<name> without app.py (so no sign-in form, no
# language). The router is app.py's st.navigation, always.
PagesManager.uses_pages_directory = False

#: Read by dashboard/auth.py: the routes exist, so a sign-in may hand off to a cookie.
os.environ["ASR_SESSION_COOKIE"] = "1"

app = st.App(str(Path(__file__).with_name("app.py")), routes=ROUTES)
