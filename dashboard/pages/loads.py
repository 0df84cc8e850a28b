"""Placeholder while the page is built."""

import streamlit as st

from dashboard.auth import require
from dashboard.i18n import t

access = require("loads")
st.title(t("page.loads"))
