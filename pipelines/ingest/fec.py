"""FEC (fichier des écritures comptables): spend from purchase accounts, supplier from 401/404/408.

Both layouts are read: the 18 columns (Debit, Credit, Montantdevise, Idevise) and the Montant +
Sens variant, tab or ``|`` separated, with case drift in the headers. A FEC covers one fiscal
year of one entity: loading it replaces that entity's lines over the FEC's date range.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from pipelines.errors import UserError
from pipelines.ingest.base import IngestOptions, Prepared
from pipelines.ingest.fec_runs import build_runs
from pipelines.ingest.land import LandCounts, Replacement, ingest_sql, land_lines, timed
from pipelines.ingest.progress import estimate_rows
from pipelines.ingest.suppliers import land_master, prepare_master
from pipelines.ingest.tabular import TabularFile, open_delimited, read_raw

#: PCG prefixes of purchase accounts (DOMAIN.md section 4): operating 60-62, capital 20, 21, 23.
SPEND_ACCOUNT_PREFIXES = ("60", "61", "62", "20", "21", "23")
#: inside those, not purchases: 603 "variation des stocks" is the year-end change of inventory,
#: bought from no one (real FECs post it against 31-37 stock accounts, with no supplier)
NOT_SPEND_ACCOUNT_PREFIXES = ("603",)
#: equity accounts whose presence makes an entry an opening entry (DOMAIN.md section 4: 10-12)...
OPENING_EQUITY_PREFIXES = ("10", "11", "12")
#: ...except 108 "compte de l'exploitant", a sole trader's private share, posted in ordinary
#: purchase and bank entries all year (two real FECs: 98 of 104 "opening" entries were such)
NOT_OPENING_EQUITY_PREFIXES = ("108",)
SUPPLIER_ACCOUNT_PREFIXES = ("401", "404", "408")
#: a file of at least this many rows with one EcritureNum on most of them is not numbered by entry
MIN_ROWS_ONE_NUMBER = 20

FEC_COLUMNS = (
    "journalcode", "journallib", "ecriturenum", "ecrituredate", "comptenum", "comptelib",
    "compauxnum", "compauxlib", "pieceref", "piecedate", "ecriturelib", "debit", "credit",
    "ecriturelet", "datelet", "validdate", "montantdevise", "idevise", "montant", "sens",
)  # fmt: skip
REQUIRED = ("journalcode", "ecriturenum", "ecrituredate", "comptenum")
EXPECTED = (
    "un FEC (colonnes JournalCode, EcritureNum, EcritureDate, CompteNum, CompAuxNum, Debit, "
    "Credit ou Montant et Sens, séparées par tabulation ou |)"
)
_FEC_NAME = re.compile(r"^(\d{9})FEC(\d{8})", re.IGNORECASE)


def fec_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def _header_ok(row: list[str]) -> bool:
    return len({fec_key(c) for c in row} & set(REQUIRED)) >= 3


class FecFile(Prepared):
    def __init__(self, path: Path, workdir: Path, options: IngestOptions) -> None:
        super().__init__()
        self.fmt = "fec"
        self.path = path
        self.options = options
        self.tab: TabularFile = open_delimited(
            path, workdir, expected=EXPECTED, synonyms=None, header_ok=_header_ok
        )
        keys = [fec_key(h) for h in self.tab.header]
        self.tab.column_fields = {}
        for idx, key in enumerate(keys):
            if key in FEC_COLUMNS and key not in self.tab.column_fields.values():
                self.tab.column_fields[idx] = key
        found = set(self.tab.column_fields.values())
        missing = [c for c in REQUIRED if c not in found]
        if not ({"debit", "credit"} <= found or {"montant", "sens"} <= found):
            missing.append("Debit+Credit | Montant+Sens")
        if missing:
            raise UserError(
                f"{path} : colonnes FEC introuvables : {', '.join(missing)} ; colonnes trouvées : "
                f"{' | '.join(self.tab.header)}. Attendu {EXPECTED}.",
                f"{path}: FEC columns not found: {', '.join(missing)}; columns found: "
                f"{' | '.join(self.tab.header)}. Expected a FEC (JournalCode, EcritureNum, "
                "EcritureDate, CompteNum, Debit, Credit or Montant and Sens).",
            )
        match = _FEC_NAME.match(path.name)
        self.entity = options.entity or (match.group(1) if match else None)
        if not self.entity:
            raise UserError(
                f"{path} : un FEC ne dit pas à quelle société il appartient ; précisez --entity "
                "(ou nommez le fichier SIRENFECAAAAMMJJ.txt).",
                f"{path}: a FEC does not name its entity; pass --entity "
                "(or name the file SIRENFECYYYYMMDD.txt).",
            )
        self.master = (
            prepare_master(options.suppliers, workdir, options.synonyms)
            if options.suppliers
            else None
        )
        self.column_mapping = {
            self.tab.header[i]: f for i, f in sorted(self.tab.column_fields.items())
        }
        self.encoding = self.tab.encoding
        self.delimiter = self.tab.delimiter
        self.decimal_separator = self.tab.decimal_separator("debit", "credit", "montant")
        self.estimated_rows = estimate_rows(self.tab.size_bytes, self.tab.sample_rows)

    def land(self, con: duckdb.DuckDBPyConnection, load_id: int, file_label: str) -> LandCounts:
        if self.master is not None:
            land_master(con, self.master)
        read_raw(con, self.tab, expected=EXPECTED)
        by_name = self.tab.field_columns
        selects = [f"rowid + {int(self.tab.first_row_no)} as source_row"] + [
            f"c{int(by_name[c])} as {c}" if c in by_name else f"cast(null as varchar) as {c}"
            for c in FEC_COLUMNS
        ]
        con.execute("create or replace temp view fec_source as select " + ", ".join(selects)
                    + " from ingest_raw")  # fmt: skip
        decimal_comma = self.decimal_separator == ","
        with timed("fec_rows"):
            con.execute(
                ingest_sql("fec_rows"),
                {
                    "fec_decimal_comma": decimal_comma,
                    "spend_prefixes": list(SPEND_ACCOUNT_PREFIXES),
                    "not_spend_prefixes": list(NOT_SPEND_ACCOUNT_PREFIXES),
                    "equity_prefixes": list(OPENING_EQUITY_PREFIXES),
                    "not_equity_prefixes": list(NOT_OPENING_EQUITY_PREFIXES),
                },
            )
        with timed("fec_entries"):
            con.execute(
                ingest_sql("fec_weak_journals"), {"min_rows_one_number": MIN_ROWS_ONE_NUMBER}
            )
            build_runs(con)
            con.execute(ingest_sql("fec_entries"))
        with timed("fec_entry_facts"):
            con.execute(
                ingest_sql("fec_entry_facts"),
                {"opening_journals": [j.upper() for j in self.options.opening_journals]},
            )
        period = con.execute("select min(entry_date), max(entry_date) from fec_rows").fetchone()
        date_from, date_to = (period[0], period[1]) if period else (None, None)
        if date_from is None:
            raise UserError(
                f"{self.path} : aucune EcritureDate lisible (attendu AAAAMMJJ) : "
                "impossible de savoir quel exercice remplacer.",
                f"{self.path}: no readable EcritureDate (expected YYYYMMDD): cannot tell which "
                "fiscal year to replace.",
            )
        report = self._report(con)
        header_of = {f: self.tab.header[i] for i, f in self.tab.column_fields.items()}
        con.execute(
            ingest_sql("fec_quarantine"),
            {
                "load_id": load_id,
                "file": file_label,
                "supplier_header": header_of.get("compauxnum", "CompAuxNum"),
            },
        )
        headers = {
            "invoice_id": "JournalCode+EcritureNum",
            "invoice_date": header_of.get("ecrituredate", "EcritureDate"),
            "amount_eur": "Debit/Credit",
            "supplier_name": "CompAuxNum (ligne 401/404/408 de l'écriture)",
            "entity": "--entity",
        }
        counts = land_lines(
            con,
            period_date_mode=self.options.period_date,
            load_id=load_id,
            file_label=file_label,
            input_sql=ingest_sql("fec_lines"),
            input_params={},
            headers=headers,
            default_entity=self.entity,
            decimal_comma=False,
            amount_plain=True,  # spend computed as DECIMAL and written back as text
            has_line_no=False,
            replacement=Replacement(
                "period", entity=self.entity, date_from=date_from, date_to=date_to
            ),
            has_suppliers=self.master is not None,
        )
        # a FEC's rows are all its accounting lines, of which the purchase lines are a part
        counts.rows_read = int(str(report["rows_read"]))
        # amounts are typed here, not by land_lines: count the loaded lines whose source was rounded
        row = con.execute(
            "select count(*) from raw_ledger_lines as l semi join fec_rows as r "
            "on r.source_row = l.source_row and r.is_rounded where l.load_id = ?",
            [load_id],
        ).fetchone()
        counts.rounded_amounts = int(row[0]) if row else 0
        counts.details = report
        counts.warnings = fec_report_sentences(report)
        return counts

    def _report(self, con: duckdb.DuckDBPyConnection) -> dict[str, object]:
        cur = con.execute(ingest_sql("fec_report"))
        names = [d[0] for d in cur.description]
        row = cur.fetchone()
        assert row is not None
        report: dict[str, object] = dict(zip(names, row, strict=True))
        report["opening_purchase_eur"] = str(report["opening_purchase_eur"])
        reasons = con.execute(ingest_sql("fec_unattributed")).fetchall()
        report["unattributed_lines"] = {str(kind): int(n) for kind, n in reasons}
        report["entry_fallback"] = bool(report["fallback_entries"])
        return report


def fec_report_sentences(report: dict[str, object], lang: str | None = None) -> list[str]:
    """The load report's sentences about a FEC's entries, in ``lang`` (the process language by
    default; texts ``ingest_note.fec_*`` of the i18n catalogue)."""
    from pipelines.i18n import t

    sentences = [
        t("ingest_note.fec_summary", lang, rows=report["rows_read"], entries=report["entries"])
    ]
    if report["fallback_entries"]:
        sentences.append(t("ingest_note.fec_fallback", lang, entries=report["fallback_entries"]))
    if report["opening_entries"]:
        sentences.append(
            t(
                "ingest_note.fec_opening",
                lang,
                entries=report["opening_entries"],
                lines=report["opening_purchase_lines"],
                amount=report["opening_purchase_eur"],
            )
        )
    unattributed = report.get("unattributed_lines") or {}
    assert isinstance(unattributed, dict)
    if unattributed.get("several"):
        sentences.append(t("ingest_note.fec_several", lang, lines=unattributed["several"]))
    if unattributed.get("none"):
        sentences.append(t("ingest_note.fec_none", lang, lines=unattributed["none"]))
    return sentences
