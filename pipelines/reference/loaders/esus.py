"""The ESUS list (entreprises solidaires d'utilité sociale), an XLSX workbook.

Title rows may sit above the column header (found by its ``SIREN`` cell); SIRENs may be numbers
that lost their leading zero, or carry spaces; postcodes may be numbers too. Records are
SIREN-level (kind ESUS): a supplier of the same legal unit matches with certainty.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipelines.errors import UserError
from pipelines.reference.loaders import Parsed
from pipelines.reference.records import make_record, parse_date
from pipelines.reference.textfiles import cell, find_columns
from pipelines.textinput import fold
from pipelines.workbooks import check_xlsx

COLUMNS: dict[str, tuple[str, ...]] = {
    "siren": ("N° SIREN", "Numéro SIREN"),
    "name": ("Raison sociale", "Dénomination", "Nom de l'entreprise", "Entreprise"),
    "post_code": ("Code postal", "CP"),
    "valid_from": ("Date d'obtention de l'agrément", "Date de l'agrément", "Date d'agrément"),
    "valid_to": ("Date de fin de l'agrément", "Date de fin de validité", "Fin de l'agrément"),
}


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read(path: Path) -> Parsed:
    import openpyxl

    file = path.name
    check_xlsx(path)  # before parsing: refuses a zip bomb
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a bad file
        raise UserError(
            f"{file} : classeur XLSX illisible ({exc}).",
            f"{file}: cannot read the XLSX workbook ({exc}).",
        ) from None
    out = Parsed()
    try:
        sheet = workbook.worksheets[0]
        cols: dict[str, int] | None = None
        for line_no, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = list(values)
            if cols is None:
                if any("siren" in fold(_cell_text(c)) for c in cells):
                    header = [_cell_text(c) for c in cells]
                    cols = find_columns(header, COLUMNS, file=file, required=("siren",))
                continue
            if not any(_cell_text(c) for c in cells):
                continue

            def get(field: str, cells: list[Any] = cells, cols: dict[str, int] = cols) -> Any:
                return cell(cells, cols, field)

            siren = _cell_text(get("siren"))
            if not siren:
                continue
            post_code = _cell_text(get("post_code"))
            out.records.append(
                make_record(
                    kind="ESUS",
                    siren=siren,
                    name=_cell_text(get("name")),
                    post_code=post_code,
                    valid_from=parse_date(
                        get("valid_from"), file=file, row=line_no, column="début"
                    ),
                    valid_to=parse_date(get("valid_to"), file=file, row=line_no, column="fin"),
                )
            )
        if cols is None:
            raise UserError(
                f"{file} : aucune colonne SIREN trouvée dans la première feuille.",
                f"{file}: no SIREN column found in the first sheet.",
            )
    finally:
        workbook.close()
    return out
