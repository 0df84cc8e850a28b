"""Header synonyms and cells of the files directories come in (reading the text itself, its
encoding, delimiter and line ends: pipelines.textinput)."""

from __future__ import annotations

from collections.abc import Sequence

from pipelines.errors import UserError
from pipelines.textinput import fold


def find_columns(
    header: Sequence[str],
    wanted: dict[str, tuple[str, ...]],
    *,
    file: str,
    required: Sequence[str] = (),
) -> dict[str, int]:
    """Map each wanted field to its column index through its synonyms; a missing required field is
    a UserError naming the file and the columns found."""
    keys = [fold(h) for h in header]
    found: dict[str, int] = {}
    for field, synonyms in wanted.items():
        for syn in (field, *synonyms):
            k = fold(syn)
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


def cell(row: Sequence[object], cols: dict[str, int], field: str) -> object:
    """The value of ``field`` in ``row`` (None when the column is absent or the row short)."""
    i = cols.get(field)
    return row[i] if i is not None and i < len(row) else None


def cell_text(row: Sequence[object], cols: dict[str, int], field: str) -> str:
    value = cell(row, cols, field)
    return "" if value is None else str(value).strip()
