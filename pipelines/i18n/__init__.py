"""Every user-facing text, in French (default) and English: one catalogue for CLI and dashboard.

The base catalogue is ``fr.py`` / ``en.py``. An area may keep its texts in its own module under
``areas/`` (``areas/clauses.py`` …) defining two dicts, ``FR`` and ``EN``, with the same keys; every
module there is merged in automatically, and a key defined twice is an error at import.

The language is chosen at the entry points: ``set_lang`` from ``ASR_LANG`` in the CLI, the session's
language in the dashboard (which passes ``lang`` explicitly).
"""

from __future__ import annotations

import importlib
import pkgutil

from pipelines.i18n import areas, en, fr

LANGS = ("fr", "en")
DEFAULT_LANG = "fr"


def _catalogues() -> dict[str, dict[str, str]]:
    merged = {"fr": dict(fr.MESSAGES), "en": dict(en.MESSAGES)}
    for info in sorted(pkgutil.iter_modules(areas.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{areas.__name__}.{info.name}")
        for lang, table in (("fr", module.FR), ("en", module.EN)):
            twice = sorted(set(table) & set(merged[lang]))
            if twice:
                raise RuntimeError(f"i18n keys defined twice (areas/{info.name}.py): {twice}")
            merged[lang].update(table)
    return merged


MESSAGES: dict[str, dict[str, str]] = _catalogues()
_current = {"lang": DEFAULT_LANG}


def set_lang(lang: str | None) -> None:
    """The process-wide language (the CLI sets it from ``ASR_LANG``)."""
    _current["lang"] = lang if lang in LANGS else DEFAULT_LANG


def current_lang() -> str:
    return _current["lang"]


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The message ``key`` in ``lang`` (the process language by default), formatted."""
    table = MESSAGES.get(lang or _current["lang"], MESSAGES[DEFAULT_LANG])
    text = table.get(key) or MESSAGES[DEFAULT_LANG].get(key) or key
    return text.format(**values) if values else text
