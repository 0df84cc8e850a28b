"""User-interface strings, French by default (``fr.py``) with an English switch (``en.py``)."""

from __future__ import annotations

from dashboard.i18n import en, fr

LANGS = ("fr", "en")
MESSAGES: dict[str, dict[str, str]] = {"fr": fr.MESSAGES, "en": en.MESSAGES}
_current = {"lang": "fr"}


def set_lang(lang: str) -> None:
    _current["lang"] = lang if lang in LANGS else "fr"


def get_lang() -> str:
    try:
        import streamlit as st

        lang = st.session_state.get("lang")
        if lang in LANGS:
            return str(lang)
    except Exception:  # outside a Streamlit run
        pass
    return _current["lang"]


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The message ``key`` in ``lang`` (the session's language by default), formatted."""
    table = MESSAGES.get(lang or get_lang(), fr.MESSAGES)
    text = table.get(key) or fr.MESSAGES.get(key) or key
    return text.format(**values) if values else text
