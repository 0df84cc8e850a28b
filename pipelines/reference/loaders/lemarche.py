"""The directory of "Le marché de l'inclusion", as CSV or JSON with the platform's field names.

``kind`` is a code or a label ("Entreprise d'insertion (EI)"); ``is_active`` false or
``is_delisted`` true mark a structure no longer listed (kept, not matched). JSON may be a list of
objects, an object with ``results``, or the platform's Django fixture (``fields``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipelines.errors import UserError
from pipelines.reference.loaders import Parsed
from pipelines.reference.records import kind_or_error, make_record
from pipelines.textinput import fold, read_rows, read_text_file

FIELDS = (
    "siret",
    "kind",
    "name",
    "brand",
    "naf",
    "post_code",
    "department",
    "is_active",
    "is_delisted",
)


def _truthy(value: Any, default: bool) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "vrai", "oui", "yes", "o", "t")


def _items_from_json(text: str, file: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(
            f"{file} : JSON illisible (ligne {exc.lineno}, colonne {exc.colno}) : {exc.msg}.",
            f"{file}: invalid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}.",
        ) from None
    if isinstance(data, dict):
        data = data.get("results") or data.get("data") or data.get("siaes") or []
    if not isinstance(data, list):
        raise UserError(
            f"{file} : attendu une liste d'objets JSON.",
            f"{file}: expected a JSON list of objects.",
        )
    items = []
    for obj in data:
        if isinstance(obj, dict) and isinstance(obj.get("fields"), dict):
            obj = obj["fields"]
        if isinstance(obj, dict):
            items.append(obj)
    return items


def _items_from_csv(text: str, file: str) -> list[dict[str, Any]]:
    rows = read_rows(text, file, candidates=(",", ";"))
    header = [fold(h).replace(" ", "_") for h in next(rows, (0, []))[1]]
    return [dict(zip(header, row, strict=False)) for _, row in rows if any(row)]


def read(path: Path) -> Parsed:
    file = path.name
    text = read_text_file(path)
    is_json = text.lstrip().startswith(("[", "{"))
    items = _items_from_json(text, file) if is_json else _items_from_csv(text, file)
    out = Parsed()
    for i, item in enumerate(items, start=1):
        line_no = i if is_json else i + 1
        if "kind" not in item:
            raise UserError(
                f"{file}, ligne {line_no} : champ « kind » absent.",
                f"{file}, line {line_no}: field 'kind' missing.",
            )
        kind = kind_or_error(str(item.get("kind") or ""), file=file, row=line_no)
        if kind is None:
            out.rows_skipped += 1
            continue
        active = _truthy(item.get("is_active"), True) and not _truthy(
            item.get("is_delisted"), False
        )
        out.records.append(
            make_record(
                kind=kind,
                siret=item.get("siret"),
                name=item.get("name"),
                brand=item.get("brand"),
                naf=item.get("naf"),
                post_code=item.get("post_code"),
                department=item.get("department"),
                is_active=active,
            )
        )
    return out
