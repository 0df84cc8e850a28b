"""The purchase template of Le marché de l'inclusion: one row per supplier, a yearly amount.

Columns ``Raison sociale du Fournisseur``, ``SIRET``, ``Dépense achat (€)`` and optionally
``Catégorie d'achat`` and ``Entité acheteuse``. ``--year`` says which year the amounts cover;
reloading a template of the same entity and year replaces the previous one.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.errors import UserError
from pipelines.ingest.base import IngestOptions, Prepared
from pipelines.ingest.headers import LEDGER_FIELDS, map_headers
from pipelines.ingest.land import LandCounts, Replacement, ingest_sql, land_lines
from pipelines.ingest.ledger import refuse_missing
from pipelines.ingest.suppliers import land_master, prepare_master
from pipelines.ingest.tabular import create_input_view, read_raw
from pipelines.ingest.xlsx import open_table

EXPECTED = (
    "le modèle du marché de l'inclusion (Raison sociale du Fournisseur, SIRET, Dépense achat (€))"
)


class LeMarcheFile(Prepared):
    def __init__(self, path: Path, workdir: Path, options: IngestOptions) -> None:
        super().__init__()
        self.fmt = "lemarche"
        self.path = path
        self.options = options
        if options.year is None:
            raise UserError(
                f"{path} : le modèle du marché de l'inclusion donne des montants annuels ; "
                "précisez l'année avec --year AAAA.",
                f"{path}: the Le marché template holds yearly amounts; pass --year YYYY.",
            )
        if not 1950 <= options.year <= 2100:
            raise UserError(
                f"--year {options.year} : année hors plage (1950-2100).",
                f"--year {options.year}: out of range (1950-2100).",
            )
        self.tab = open_table(
            path,
            workdir,
            expected=EXPECTED,
            synonyms=options.synonyms,
            sheet=options.sheet,
            header_ok=lambda row: len(map_headers(row, options.synonyms)) >= 2,
        )
        fields = set(self.tab.column_fields.values())
        missing = [f for f in ("amount_eur",) if f not in fields]
        if "supplier_name" not in fields and "siret" not in fields:
            missing.append("supplier_name|supplier_code")
        if "entity" not in fields and not options.entity:
            missing.append("entity")
        if missing:
            raise refuse_missing(path, self.tab, missing)
        self.master = (
            prepare_master(options.suppliers, workdir, options.synonyms)
            if options.suppliers
            else None
        )
        self.entity = options.entity
        self.column_mapping = self.tab.mapping_display
        self.encoding = self.tab.encoding
        self.delimiter = self.tab.delimiter
        self.decimal_separator = self.tab.decimal_separator("amount_eur")

    def land(self, con: duckdb.DuckDBPyConnection, load_id: int, file_label: str) -> LandCounts:
        if self.master is not None:
            land_master(con, self.master)
        read_raw(con, self.tab, expected=EXPECTED)
        create_input_view(con, self.tab, LEDGER_FIELDS)
        headers = {f: self.tab.header[i] for i, f in self.tab.column_fields.items()}
        prefix = f"LEMARCHE-{int(self.options.year or 0)}-"
        return land_lines(
            con,
            period_date_mode=self.options.period_date,
            load_id=load_id,
            file_label=file_label,
            input_sql=ingest_sql("lemarche_lines"),
            input_params={
                "year_prefix": prefix,
                "year_end": f"{int(self.options.year or 0)}-12-31",
            },
            headers=headers,
            default_entity=self.options.entity,
            decimal_comma=self.decimal_separator == ",",
            has_line_no=False,
            replacement=Replacement("prefix", prefix=prefix),
            has_suppliers=self.master is not None,
        )
