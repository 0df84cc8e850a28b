"""Placeholder while the page is built."""

import streamlit as st

from dashboard.auth import require
from dashboard.i18n import t

access = require("explorer")
st.title(t("page.explorer"))
