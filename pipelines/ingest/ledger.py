"""Plain ledgers (delimited text or Excel): one row per invoice line, headers found by synonyms."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.errors import UserError
from pipelines.ingest.base import IngestOptions, Prepared
from pipelines.ingest.headers import FIELD_LABELS_FR, LEDGER_FIELDS, map_headers, missing_required
from pipelines.ingest.land import LandCounts, Replacement, land_lines
from pipelines.ingest.progress import estimate_rows
from pipelines.ingest.suppliers import land_master, prepare_master
from pipelines.ingest.tabular import TabularFile, input_select, unreadable
from pipelines.ingest.xlsx import open_table
from pipelines.textinput import mostly_plain_numbers

EXPECTED = (
    "un export d'achats avec au moins les colonnes N° de facture, Date de facture, "
    "Montant HT et Raison sociale (ou code) fournisseur"
)
EXPECTED_EN = (
    "a purchase ledger with at least invoice id, invoice date, amount excl. VAT and "
    "supplier name (or code) columns"
)


def _header_ok(synonyms: dict[str, str]):  # type: ignore[no-untyped-def]
    return lambda row: len(map_headers(row, synonyms)) >= 3


def refuse_missing(path: Path, tab: TabularFile, missing: list[str]) -> UserError:
    labels_fr = ", ".join(FIELD_LABELS_FR.get(m, m) for m in missing)
    return UserError(
        f"{path} : colonne(s) obligatoire(s) introuvable(s) : {labels_fr} ; colonnes trouvées : "
        f"{' | '.join(tab.header)}. Attendu {EXPECTED} (ou un fichier --mapping).",
        f"{path}: required column(s) not found: {', '.join(missing)}; columns found: "
        f"{' | '.join(tab.header)}. Expected {EXPECTED_EN} (or a --mapping file).",
    )


class LedgerFile(Prepared):
    def __init__(self, path: Path, workdir: Path, options: IngestOptions, fmt: str) -> None:
        super().__init__()
        self.fmt = fmt
        self.path = path
        self.options = options
        self.tab = open_table(
            path,
            workdir,
            expected=EXPECTED,
            synonyms=options.synonyms,
            sheet=options.sheet,
            header_ok=_header_ok(options.synonyms),
        )
        fields = set(self.tab.column_fields.values())
        missing = missing_required(fields)
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
        ignored = [h for i, h in enumerate(self.tab.header) if i not in self.tab.column_fields]
        if ignored:
            from pipelines.i18n import t

            self.warnings.append(t("ingest_note.ignored_columns", columns=" | ".join(ignored)))
        self.estimated_rows = estimate_rows(self.tab.size_bytes, self.tab.sample_rows)

    def land(self, con: duckdb.DuckDBPyConnection, load_id: int, file_label: str) -> LandCounts:
        if self.master is not None:
            land_master(con, self.master)
        input_sql, input_params = input_select(self.tab, LEDGER_FIELDS)
        headers = {f: self.tab.header[i] for i, f in self.tab.column_fields.items()}
        try:
            return self._land(con, load_id, file_label, input_sql, input_params, headers)
        except (duckdb.InvalidInputException, duckdb.ConversionException) as exc:
            raise unreadable(self.tab, EXPECTED, exc) from None
        except duckdb.Error as exc:
            if "CSV Error" not in str(exc):
                raise
            raise unreadable(self.tab, EXPECTED, exc) from None

    def _land(
        self,
        con: duckdb.DuckDBPyConnection,
        load_id: int,
        file_label: str,
        input_sql: str,
        input_params: dict[str, object],
        headers: dict[str, str],
    ) -> LandCounts:
        return land_lines(
            con,
            period_date_mode=self.options.period_date,
            load_id=load_id,
            file_label=file_label,
            input_sql=input_sql,
            input_params=input_params,
            headers=headers,
            default_entity=self.options.entity,
            decimal_comma=self.decimal_separator == ",",
            has_line_no="line_no" in headers,
            replacement=Replacement("invoices"),
            has_suppliers=self.master is not None,
            first_row_no=self.tab.first_row_no,
            amount_plain=mostly_plain_numbers(
                self.tab.sample_values("amount_eur"), self.decimal_separator or ","
            ),
        )
