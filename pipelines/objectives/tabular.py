"""Read a small CSV or XLSX table as text cells, with row numbers as a spreadsheet shows them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipelines.errors import UserError
from pipelines.textinput import clean_text, read_rows, read_text_file
from pipelines.workbooks import check_xlsx

#: (row number in the file, with the header as row 1; cells by lower-case column name)
Row = tuple[int, dict[str, str]]


def _norm(name: object) -> str:
    return str(name or "").strip().lower().lstrip("\ufeff")


def read_table(path: Path, required: Sequence[str]) -> list[Row]:
    """Rows of a CSV (``,`` or ``;``) or XLSX file; refuses a file missing a required column."""
    if not path.exists():
        raise UserError(f"{path} : fichier introuvable.", f"{path}: file not found.")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        header, body = _read_xlsx(path)
    else:
        header, body = _read_csv(path)
    missing = [c for c in required if c not in header]
    if missing:
        raise UserError(
            f"{path} : colonne(s) manquante(s) {', '.join(missing)} ; "
            f"colonnes attendues : {', '.join(required)}.",
            f"{path}: missing column(s) {', '.join(missing)}; "
            f"expected columns: {', '.join(required)}.",
        )
    rows: list[Row] = []
    for row_no, cells in body:
        record = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header)}
        if any(v for v in record.values()):
            rows.append((row_no, record))
    return rows


def _read_csv(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    rows = list(read_rows(read_text_file(path), str(path), candidates=(",", ";")))
    if not rows:
        raise UserError(f"{path} : fichier vide.", f"{path}: empty file.")
    header = [_norm(c) for c in rows[0][1]]
    return header, rows[1:]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and hasattr(value, "hour"):
        return value.date().isoformat()  # type: ignore[attr-defined]
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[attr-defined]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(value)


def _read_xlsx(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    import openpyxl

    check_xlsx(path)  # before parsing: refuses a zip bomb
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise UserError(
            f"{path} : classeur Excel illisible ({exc}).",
            f"{path}: cannot read the Excel workbook ({exc}).",
        ) from None
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    book.close()
    if not rows:
        raise UserError(f"{path} : feuille vide.", f"{path}: empty sheet.")
    header = [_norm(c) for c in rows[0]]
    body = [(i + 2, [_cell_text(c) for c in cells]) for i, cells in enumerate(rows[1:])]
    return header, body


def raise_errors(path: Path, errors: list[tuple[int, str, str, str, str]]) -> None:
    """Raise one UserError listing (row, column, value, expected_fr, expected_en) problems."""
    if not errors:
        return
    shown = errors[:20]
    more = len(errors) - len(shown)
    fr = [f"{path} : {len(errors)} erreur(s), rien n'a été chargé."]
    en = [f"{path}: {len(errors)} error(s), nothing was loaded."]
    for row, column, value, exp_fr, exp_en in shown:
        fr.append(f"  ligne {row}, colonne {column}, valeur « {value} » : {exp_fr}")
        en.append(f"  row {row}, column {column}, value {value!r}: {exp_en}")
    if more:
        fr.append(f"  … et {more} autre(s).")
        en.append(f"  … and {more} more.")
    raise UserError("\n".join(fr), "\n".join(en))
