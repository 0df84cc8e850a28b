"""The canonical CSV: ``siret;siren;name;kind;post_code;valid_from;valid_to;source`` (+ ``naf``).

For TIH lists and anything else. ``;`` or ``,``; SIRET or SIREN may be empty; ISO dates; the
``source`` column names the list (a snapshot of that list replaces its previous snapshot).
"""

from __future__ import annotations

from pathlib import Path

from pipelines.errors import UserError
from pipelines.reference.loaders import Parsed
from pipelines.reference.records import kind_or_error, make_record, parse_date
from pipelines.reference.textfiles import cell_text, find_columns
from pipelines.textinput import read_rows, read_text_file

COLUMNS: dict[str, tuple[str, ...]] = {
    "siret": (),
    "siren": (),
    "name": ("nom", "raison sociale", "denomination"),
    "kind": ("type",),
    "post_code": ("code postal", "cp"),
    "department": ("departement",),
    "valid_from": ("debut", "date debut"),
    "valid_to": ("fin", "date fin"),
    "source": (),
    "brand": ("enseigne",),
    "naf": ("code naf", "ape", "code ape"),
}


def read(path: Path) -> Parsed:
    file = path.name
    rows = read_rows(read_text_file(path), file, candidates=(";", ","))
    first = next(rows, None)
    if first is None:
        raise UserError(f"{file} : fichier vide.", f"{file}: empty file.")
    cols = find_columns(first[1], COLUMNS, file=file, required=("name", "kind"))
    out = Parsed()
    for line_no, row in rows:
        if not any(cell.strip() for cell in row):
            continue

        def get(field: str, row: list[str] = row) -> str:
            return cell_text(row, cols, field)

        kind = kind_or_error(get("kind"), file=file, row=line_no)
        if kind is None:
            out.rows_skipped += 1
            continue
        if not (get("siret") or get("siren") or get("name")):
            raise UserError(
                f"{file}, ligne {line_no} : ni SIRET, ni SIREN, ni nom.",
                f"{file}, line {line_no}: no SIRET, SIREN or name.",
            )
        out.records.append(
            make_record(
                kind=kind,
                siret=get("siret"),
                siren=get("siren"),
                name=get("name"),
                brand=get("brand"),
                naf=get("naf"),
                post_code=get("post_code"),
                department=get("department"),
                valid_from=parse_date(
                    get("valid_from"), file=file, row=line_no, column="valid_from"
                ),
                valid_to=parse_date(get("valid_to"), file=file, row=line_no, column="valid_to"),
                source=get("source") or None,
            )
        )
    return out
