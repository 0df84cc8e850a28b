"""Load contracts with a social clause (CSV or XLSX) into ``social_clause_contracts``.

Columns (French or English names, case and accents ignored): contract_id, supplier (SIRET or
name), entity, start, end, amount_eur, hours_required, hours_achieved. A file with any invalid
row loads nothing: every problem is reported with its row, column, value and what was expected.
A reload replaces contracts with the same (entity, contract_id).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from pipelines.errors import UserError
from pipelines.identifiers import normalize_siret
from pipelines.textinput import (
    DATE_EXPECTED_EN,
    DATE_EXPECTED_FR,
    NUMBER_EXPECTED_EN,
    NUMBER_EXPECTED_FR,
    DateError,
    NumberError,
    clean_text,
    fold,
    is_rounded,
    parse_date,
    parse_decimal,
    read_text_file,
    to_cents,
)
from pipelines.textinput import read_rows as read_text_rows
from pipelines.workbooks import check_xlsx

#: canonical column -> accepted header names (folded: lower case, no accents, "_" separators).
COLUMNS: dict[str, tuple[str, ...]] = {
    "contract_id": (
        "contract_id",
        "contract",
        "contrat",
        "id_contrat",
        "numero_contrat",
        "n_contrat",
        "no_contrat",
        "marche",
        "numero_marche",
        "reference",
    ),
    "supplier": (
        "supplier",
        "fournisseur",
        "titulaire",
        "siret",
        "siret_fournisseur",
        "raison_sociale",
        "entreprise",
    ),
    "entity": ("entity", "entite", "etablissement", "societe", "acheteur", "direction"),
    "start": ("start", "start_date", "debut", "date_debut", "date_de_debut"),
    "end": ("end", "end_date", "fin", "date_fin", "date_de_fin"),
    "amount_eur": (
        "amount_eur",
        "amount",
        "montant",
        "montant_ht",
        "montant_eur",
        "montant_ht_eur",
    ),
    "hours_required": (
        "hours_required",
        "heures_requises",
        "heures_prevues",
        "heures_d_insertion_prevues",
        "objectif_heures",
        "heures_objectif",
    ),
    "hours_achieved": (
        "hours_achieved",
        "heures_realisees",
        "heures_d_insertion_realisees",
        "heures_effectuees",
    ),
}
REQUIRED = ("contract_id", "supplier", "entity", "start", "end")
MAX_ERRORS_SHOWN = 20


def map_headers(headers: list[str], file: str) -> dict[str, int]:
    """canonical column -> index; errors name the missing columns and the ones found."""
    lookup = {alias: canon for canon, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    for i, header in enumerate(headers):
        canon = lookup.get(fold(str(header or "")).replace(" ", "_"))
        if canon is not None and canon not in found:
            found[canon] = i
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        shown = ", ".join(str(h) for h in headers)
        raise UserError(
            f"{file} : colonne(s) obligatoire(s) absente(s) : {', '.join(missing)}. "
            f"Colonnes trouvées : {shown}. Noms acceptés : "
            + "; ".join(f"{c} = {'/'.join(COLUMNS[c][:4])}" for c in missing),
            f"{file}: missing required column(s): {', '.join(missing)}. Found: {shown}.",
        )
    return found


@dataclass(frozen=True)
class Contract:
    entity: str
    contract_id: str
    supplier_siret: str | None
    supplier_name: str | None
    start_date: dt.date
    end_date: dt.date
    amount_eur: Decimal | None
    hours_required: Decimal | None
    hours_achieved: Decimal | None
    source_row: int
    #: the amount had more than two decimals and was rounded half-up to the cent
    amount_rounded: bool = False


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(value)


def parse_rows(rows: list[list[Any]], file: str, first_row: int = 2) -> list[Contract]:
    """Validate data rows (``first_row`` = spreadsheet row number of ``rows[0]``)."""
    if not rows:
        raise UserError(f"{file} : fichier vide.", f"{file}: empty file.")
    index = map_headers([_text(h) for h in rows[0]], file)
    errors: list[str] = []
    errors_en: list[str] = []
    contracts: list[Contract] = []
    seen: dict[tuple[str, str], int] = {}

    def err(row_no: int, col: str, value: Any, fr: str, en: str) -> None:
        errors.append(f"ligne {row_no}, colonne {col}, valeur « {_text(value)} » : {fr}")
        errors_en.append(f"row {row_no}, column {col}, value {_text(value)!r}: {en}")

    for offset, row in enumerate(rows[1:]):
        row_no = first_row + offset
        cell = {c: (row[i] if i < len(row) else None) for c, i in index.items()}
        if all(_text(v) == "" for v in row):
            continue
        errors_before = len(errors)
        for col in REQUIRED:
            if _text(cell.get(col)) == "":
                err(row_no, col, "", "valeur obligatoire manquante", "required value missing")
        dates: dict[str, dt.date] = {}
        for col in ("start", "end"):
            if _text(cell.get(col)):
                try:
                    day = parse_date(cell[col])
                except DateError as exc:
                    fr = exc.fr if exc.impossible else f"date attendue {DATE_EXPECTED_FR}"
                    en = exc.en if exc.impossible else f"expected a date {DATE_EXPECTED_EN}"
                    err(row_no, col, cell[col], fr, en)
                else:
                    if day is not None:
                        dates[col] = day
        if len(dates) == 2 and dates["end"] < dates["start"]:
            err(row_no, "end", cell["end"], "la fin précède le début", "end is before start")
        numbers: dict[str, Decimal | None] = {}
        for col in ("amount_eur", "hours_required", "hours_achieved"):
            if col not in cell:
                numbers[col] = None
                continue
            try:
                numbers[col] = parse_decimal(cell[col])
            except NumberError:
                err(
                    row_no,
                    col,
                    cell[col],
                    f"nombre attendu, {NUMBER_EXPECTED_FR}",
                    f"expected {NUMBER_EXPECTED_EN}",
                )
                continue
            value = numbers[col]
            if col != "amount_eur" and value is not None and value < 0:
                err(row_no, col, cell[col], "nombre d'heures négatif", "negative hours")
        supplier = _text(cell.get("supplier"))
        siret = normalize_siret(supplier) if re.fullmatch(r"[\d\s.\u00a0]+", supplier) else None
        if re.fullmatch(r"[\d\s.\u00a0]+", supplier or "x") and siret is None:
            err(
                row_no,
                "supplier",
                supplier,
                "SIRET de 14 chiffres ou nom attendu",
                "expected a 14-digit SIRET or a name",
            )
        key = (_text(cell.get("entity")), _text(cell.get("contract_id")))
        if all(key) and key in seen:
            err(
                row_no,
                "contract_id",
                key[1],
                f"contrat en double (déjà ligne {seen[key]} pour l'entité {key[0]})",
                f"duplicate contract (already row {seen[key]} for entity {key[0]})",
            )
        seen.setdefault(key, row_no)
        if len(errors) == errors_before and len(dates) == 2 and all(key):
            contracts.append(
                Contract(
                    entity=key[0],
                    contract_id=key[1],
                    supplier_siret=siret,
                    supplier_name=None if siret else supplier,
                    start_date=dates["start"],
                    end_date=dates["end"],
                    amount_eur=_cents(numbers.get("amount_eur")),
                    amount_rounded=is_rounded(numbers.get("amount_eur")),
                    hours_required=numbers.get("hours_required"),
                    hours_achieved=numbers.get("hours_achieved"),
                    source_row=row_no,
                )
            )
    if errors:
        more = len(errors) - MAX_ERRORS_SHOWN
        tail_fr = f"\n… et {more} autre(s)." if more > 0 else ""
        tail_en = f"\n… and {more} more." if more > 0 else ""
        raise UserError(
            f"{file} : {len(errors)} erreur(s), rien n'a été chargé :\n"
            + "\n".join(errors[:MAX_ERRORS_SHOWN])
            + tail_fr,
            f"{file}: {len(errors)} error(s), nothing loaded:\n"
            + "\n".join(errors_en[:MAX_ERRORS_SHOWN])
            + tail_en,
        )
    return contracts


def read_rows(path: Path) -> list[list[Any]]:
    """Raw rows of a CSV (any encoding, delimiter and line end: pipelines.textinput) or XLSX."""
    if not path.exists():
        raise UserError(f"{path} : fichier introuvable.", f"{path}: file not found.")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl

        check_xlsx(path)  # before parsing: refuses a zip bomb
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:
            raise UserError(
                f"{path} : classeur Excel illisible ({exc}).",
                f"{path}: unreadable workbook ({exc}).",
            ) from None
        sheet = book.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        book.close()
        return rows
    if suffix not in (".csv", ".txt", ".tsv"):
        raise UserError(
            f"{path} : format « {suffix} » non pris en charge ; attendu .csv ou .xlsx.",
            f"{path}: unsupported format {suffix!r}; expected .csv or .xlsx.",
        )
    return [list(cells) for _, cells in read_text_rows(read_text_file(path), path.name)]


def _cents(value: Decimal | None) -> Decimal | None:
    return None if value is None else to_cents(value)


def read_contracts(path: Path) -> list[Contract]:
    return parse_rows(read_rows(path), path.name)


def load_contracts(
    con: duckdb.DuckDBPyConnection, contracts: list[Contract], *, file: str, actor: str
) -> dict[str, int]:
    """Upsert inside the caller's write transaction; returns counts (inserted, replaced)."""
    from pipelines.sql import load_sql

    replaced = 0
    for c in contracts:
        key = {"entity": c.entity, "contract_id": c.contract_id}
        if con.execute(load_sql("reports/social_clause_contract_delete"), key).fetchall():
            replaced += 1
        con.execute(
            load_sql("reports/social_clause_contract_insert"),
            {
                **key,
                "supplier_siret": c.supplier_siret,
                "supplier_name": c.supplier_name,
                "start_date": c.start_date,
                "end_date": c.end_date,
                "amount_eur": c.amount_eur,
                "hours_required": c.hours_required,
                "hours_achieved": c.hours_achieved,
                "source_file": file,
                "source_row": c.source_row,
                "loaded_by": actor,
            },
        )
    return {
        "rows": len(contracts),
        "inserted": len(contracts) - replaced,
        "replaced": replaced,
        "rounded": sum(c.amount_rounded for c in contracts),
    }
