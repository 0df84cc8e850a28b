"""Supplier master (``--suppliers``): supplier code -> SIRET, postcode, buyer, name.

A CSV or XLSX with the same header synonyms as ledgers. Loaded into temp table
``ingest_suppliers`` inside the load's transaction, then used to fill what the ledger lacks.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.errors import UserError
from pipelines.ingest.tabular import TabularFile, create_input_view, read_raw

MASTER_FIELDS = ("supplier_code", "supplier_name", "siret", "post_code", "buyer")
EXPECTED = "un référentiel fournisseurs (code fournisseur ou SIRET, puis SIRET, CP, acheteur)"


def prepare_master(path: Path, workdir: Path, synonyms: dict[str, str]) -> TabularFile:
    from pipelines.ingest.xlsx import open_table

    tab = open_table(path, workdir, expected=EXPECTED, synonyms=synonyms, sheet=None)
    fields = set(tab.column_fields.values())
    if "supplier_code" not in fields and "siret" not in fields:
        raise UserError(
            f"{path} : colonne « Code fournisseur » (ou SIRET) introuvable, attendu {EXPECTED} ; "
            f"colonnes trouvées : {', '.join(tab.header)}.",
            f"{path}: no supplier code (or SIRET) column; expected a supplier master; "
            f"columns found: {', '.join(tab.header)}.",
        )
    return tab


def land_master(con: duckdb.DuckDBPyConnection, tab: TabularFile) -> int:
    read_raw(con, tab, expected=EXPECTED)
    create_input_view(con, tab, MASTER_FIELDS)
    con.execute(
        """
        create or replace temp table ingest_suppliers as
        select
            ingest_text(supplier_code) as supplier_code,
            ingest_siret(siret) as siret,
            any_value(ingest_text(supplier_name)) as supplier_name,
            any_value(ingest_post_code(post_code)) as post_code,
            any_value(ingest_text(buyer)) as buyer
        from ingest_source
        group by 1, 2
        """
    )
    row = con.execute("select count(*) from ingest_suppliers").fetchone()
    con.execute("drop view ingest_source")
    con.execute("drop table ingest_raw")
    return int(row[0]) if row else 0
