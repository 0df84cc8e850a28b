"""The SIRENE legal-unit stock (``StockUniteLegale``): ESS flag per SIREN.

Millions of rows: the file is never read into Python. DuckDB scans it (CSV, all text so that
SIRENs keep their zeros), keeps the few needed columns and only the rows flagged
``economieSocialeSolidaireUniteLegale = O``, and stages them as SIREN-level ESS records.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.errors import UserError
from pipelines.reference.snapshot import STAGE_DDL, reference_sql
from pipelines.textinput import sniff_delimiter

#: stock column -> staged name; siren and the ESS flag are required.
COLUMNS = {
    "siren": "siren",
    "economieSocialeSolidaireUniteLegale": "ess",
    "denominationUniteLegale": "denomination",
    "nomUniteLegale": "nom",
    "prenomUsuelUniteLegale": "prenom",
    "activitePrincipaleUniteLegale": "naf",
    "etatAdministratifUniteLegale": "etat",
    "dateDebut": "date_debut",
}
REQUIRED = ("siren", "economieSocialeSolidaireUniteLegale")


def _header(path: Path) -> tuple[list[str], str]:
    with open(path, encoding="utf-8-sig", errors="replace") as handle:
        first = handle.readline().rstrip("\r\n")
    delimiter = sniff_delimiter([first], (",", ";")) or ","
    return [h.strip().strip('"') for h in first.split(delimiter)], delimiter


def stage(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Fill ``ref_stage`` with the ESS legal units of the stock file at ``path``."""
    header, delimiter = _header(path)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise UserError(
            f"{path.name} : colonne(s) {', '.join(missing)} introuvable(s) ; attendu le fichier "
            "StockUniteLegale de SIRENE.",
            f"{path.name}: column(s) {', '.join(missing)} not found; expected the SIRENE "
            "StockUniteLegale file.",
        )
    # Column names come from the fixed COLUMNS allow-list, never from the file's values.
    select = ", ".join(
        f'"{col}" as {alias}' if col in header else f"cast(null as varchar) as {alias}"
        for col, alias in COLUMNS.items()
    )
    con.execute(STAGE_DDL)
    try:
        con.execute(
            f"create or replace temp table sirene_ess as select {select} "
            "from read_csv($path, header = true, all_varchar = true, delim = $delim, "
            "quote = '\"', escape = '\"', strict_mode = false) "
            "where economieSocialeSolidaireUniteLegale = 'O'",
            {"path": str(path), "delim": delimiter},
        )
    except duckdb.Error as exc:
        raise UserError(
            f"{path.name} : fichier SIRENE illisible : {exc}",
            f"{path.name}: cannot read the SIRENE file: {exc}",
        ) from None
    con.execute(reference_sql("sirene_stage"))
    con.execute("drop table if exists sirene_ess")
