"""Reading the text files directories come in: encoding, delimiter, header synonyms."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path

from pipelines.classify.normalize import fold
from pipelines.errors import UserError

ENCODINGS = ("utf-8-sig", "cp1252")


def read_text(path: Path) -> str:
    """The file's text: UTF-8 (with or without BOM), else Windows-1252 as French tools write it."""
    data = path.read_bytes()
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def sniff_delimiter(first_line: str, candidates: str = ";,|\t") -> str:
    counts = {d: first_line.count(d) for d in candidates}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def header_key(name: str) -> str:
    """A header compared loosely: folded, no punctuation, lower case.

    "Code Postal" -> "code postal"."""
    return fold(name).lower()


def find_columns(
    header: Sequence[str],
    wanted: dict[str, tuple[str, ...]],
    *,
    file: str,
    required: Sequence[str] = (),
) -> dict[str, int]:
    """Map each wanted field to its column index through its synonyms; a missing required field is
    a UserError naming the file and the columns found."""
    keys = [header_key(h) for h in header]
    found: dict[str, int] = {}
    for field, synonyms in wanted.items():
        for syn in (field, *synonyms):
            k = header_key(syn)
            if k in keys:
                found[field] = keys.index(k)
                break
    missing = [f for f in required if f not in found]
    if missing:
        raise UserError(
            f"{file} : colonne(s) {', '.join(missing)} introuvable(s) dans l'en-tête "
            f"({', '.join(header)}).",
            f"{file}: column(s) {', '.join(missing)} not found in the header "
            f"({', '.join(header)}).",
        )
    return found


def iter_delimited(text: str, delimiter: str) -> Iterator[list[str]]:
    yield from csv.reader(io.StringIO(text), delimiter=delimiter)


def cell(row: Sequence[object], cols: dict[str, int], field: str) -> object:
    """The value of ``field`` in ``row`` (None when the column is absent or the row short)."""
    i = cols.get(field)
    return row[i] if i is not None and i < len(row) else None


def cell_text(row: Sequence[object], cols: dict[str, int], field: str) -> str:
    value = cell(row, cols, field)
    return "" if value is None else str(value).strip()
