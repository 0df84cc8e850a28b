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


def neutralise_arrow(array: Any) -> Any:
    """:func:`neutralise` on a whole pyarrow array at once (streamed exports): text starting with
    one of :data:`FORMULA_STARTS` gets a leading apostrophe; other types are returned as is."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        return array
    first = pc.utf8_slice_codeunits(array, 0, 1)
    risky = pc.fill_null(pc.is_in(first, value_set=pa.array(FORMULA_STARTS, array.type)), False)
    return pc.if_else(risky, pc.binary_join_element_wise("'", array, ""), array)
