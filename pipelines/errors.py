"""Errors a person can act on: French by default, English when ASR_LANG=en."""

from __future__ import annotations

import os


class UserError(Exception):
    """A user mistake or unreadable input. Shown without a traceback, in the user's language.

    Name the file, row, column, the value and what was expected.
    """

    def __init__(self, fr: str, en: str | None = None) -> None:
        super().__init__(fr)
        self.fr = fr
        self.en = en or fr

    def message(self, lang: str | None = None) -> str:
        lang = lang or os.environ.get("ASR_LANG", "fr")
        return self.en if lang == "en" else self.fr
