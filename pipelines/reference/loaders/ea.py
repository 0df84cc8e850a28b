"""The EA / EATT flow (entreprises adaptées): ``|``-delimited, framed by a header record
``L|ASP|EA|<date>|…`` and a trailer ``Z|<count>``, then a line of column names such as
``Type d'entreprise adaptée``, ``Siret de l'établissement membre``, ``Dénomination / raison
sociale``, ``Code Postal``. Usually Windows-1252; Excel may have dropped postcode zeros.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipelines.errors import UserError
from pipelines.reference.loaders import Parsed
from pipelines.reference.records import kind_or_error, make_record, parse_date
from pipelines.reference.textfiles import cell_text, find_columns
from pipelines.textinput import DateError, clean_text, read_text_file
from pipelines.textinput import parse_date as parse_text_date

COLUMNS: dict[str, tuple[str, ...]] = {
    "kind": ("Type d'entreprise adaptée", "Type d'EA", "Type"),
    "siret": (
        "Siret de l'établissement membre",
        "Siret de l'établissement",
        "SIRET établissement",
        "Siret",
    ),
    "name": ("Dénomination / raison sociale", "Dénomination", "Raison sociale"),
    "brand": ("Enseigne",),
    "post_code": ("Code Postal", "CP"),
    "valid_from": ("Date de début de validité", "Date début", "Date d'effet"),
    "valid_to": ("Date de fin de validité", "Date fin"),
}


def _header_date(line: str) -> dt.date | None:
    for part in line.split("|")[3:]:
        part = part.strip()
        if len(part) == 8 and part.isdigit():
            try:
                return parse_text_date(part)
            except DateError:
                return None
    return None


def read(path: Path) -> Parsed:
    file = path.name
    lines = read_text_file(path).split("\n")
    out = Parsed()
    header: list[str] | None = None
    cols: dict[str, int] = {}
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if line.startswith("L|"):
            if not line.startswith("L|ASP|EA|"):
                raise UserError(
                    f"{file}, ligne {line_no} : en-tête « {line[:20]} » inattendu ; attendu "
                    "« L|ASP|EA|… ».",
                    f"{file}, line {line_no}: unexpected header record {line[:20]!r}; "
                    "expected 'L|ASP|EA|…'.",
                )
            out.as_of = _header_date(line)
            continue
        if line.startswith("Z|"):
            break
        cells = [clean_text(c) for c in line.split("|")]
        if header is None:
            header = cells
            cols = find_columns(header, COLUMNS, file=file, required=("kind", "siret", "name"))
            continue

        def get(field: str, cells: list[str] = cells, cols: dict[str, int] = cols) -> str:
            return cell_text(cells, cols, field)

        kind = kind_or_error(
            get("kind"), file=file, row=line_no, column="Type d'entreprise adaptée"
        )
        if kind is None:
            out.rows_skipped += 1
            continue
        out.records.append(
            make_record(
                kind=kind,
                siret=get("siret"),
                name=get("name"),
                brand=get("brand"),
                post_code=get("post_code"),
                valid_from=parse_date(get("valid_from"), file=file, row=line_no, column="début"),
                valid_to=parse_date(get("valid_to"), file=file, row=line_no, column="fin"),
            )
        )
    if header is None:
        raise UserError(
            f"{file} : aucune ligne d'en-tête de colonnes trouvée.",
            f"{file}: no column header line found.",
        )
    return out
