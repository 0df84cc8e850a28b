"""Quarantine reasons as codes, shown in the user's language.

The SQL that quarantines a row writes the French sentence of a reason code (the templates are
``quarantine.<code>`` in pipelines/i18n/areas/quarantine.py). :func:`reason_code` finds the code
(and its values, such as the FEC entry) back from a stored sentence, :func:`reason_text` shows it
in a language. A sentence no template matches is shown as it is.
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.i18n import MESSAGES, t

PREFIX = "quarantine."


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    found = []
    for key, template in MESSAGES["fr"].items():
        if not key.startswith(PREFIX):
            continue
        parts = re.split(r"\{(\w+)\}", template)
        regex = "".join(
            re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)
        )
        found.append((key.removeprefix(PREFIX), re.compile(regex)))
    return tuple(found)


def reason_code(stored: str | None) -> tuple[str, dict[str, str]] | None:
    """(code, values) of a stored French reason, or None when it is not a known one."""
    if not stored:
        return None
    for code, pattern in _patterns():
        match = pattern.fullmatch(stored)
        if match:
            return code, match.groupdict()
    return None


def reason_text(stored: str | None, lang: str) -> str:
    """A stored reason in ``lang`` (French is how it is stored)."""
    if stored is None:
        return ""
    found = reason_code(stored)
    if found is None or lang == "fr":
        return stored
    code, values = found
    return t(PREFIX + code, lang, **values) if values else t(PREFIX + code, lang)
