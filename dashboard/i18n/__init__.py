"""The dashboard's language: the session's choice, over the catalogue in ``pipelines.i18n``."""

from __future__ import annotations

from pipelines import i18n
from pipelines.i18n import LANGS, MESSAGES

__all__ = ["LANGS", "MESSAGES", "get_lang", "set_lang", "t"]


def set_lang(lang: str) -> None:
    i18n.set_lang(lang)


def get_lang() -> str:
    try:
        import streamlit as st

        lang = st.session_state.get("lang")
        if lang in LANGS:
            return str(lang)
    except Exception:  # outside a Streamlit run
        pass
    return i18n.current_lang()


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The message ``key`` in ``lang`` (the session's language by default), formatted."""
    return i18n.t(key, lang or get_lang(), **values)
