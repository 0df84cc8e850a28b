"""Cells a spreadsheet would run are written as text: the one rule every CSV/XLSX export uses.

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula
(or starts one) for Excel and LibreOffice: a supplier named ``=HYPERLINK("http://x","y")`` would
become a live link, ``=cmd|' /C calc'!A0`` a command (OWASP "CSV injection"). Such text gets a
leading apostrophe. Numbers stay numbers: only ``str`` values are touched, so a negative amount
exported as a number is left alone while the text ``-1+2`` is neutralised.

XLSX writers also switch off xlsxwriter's string-to-formula and string-to-URL conversions
(:data:`XLSXWRITER_OPTIONS`) and write text with ``write_string``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

#: characters that make a spreadsheet read a text cell as a formula (OWASP)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: xlsxwriter ``Workbook`` options: text is never turned into a formula or a hyperlink
XLSXWRITER_OPTIONS: dict[str, bool] = {"strings_to_formulas": False, "strings_to_urls": False}


def neutralise(value: Any) -> Any:
    """``value`` with a leading apostrophe if it is text a spreadsheet would run; else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_row(values: Iterable[Any]) -> list[Any]:
    return [neutralise(v) for v in values]


def neutralise_mapping(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: neutralise(v) for k, v in row.items()}
