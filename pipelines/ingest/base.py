"""What every format reader provides: a prepare step (no lock held), a land step (writer)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipelines.ingest.land import LandCounts
from pipelines.settings import DEFAULT_OPENING_JOURNALS


@dataclass
class IngestOptions:
    entity: str | None = None
    synonyms: dict[str, str] = field(default_factory=dict)
    suppliers: Path | None = None
    year: int | None = None
    sheet: str | None = None
    quiet: bool = True
    #: FEC journal codes of opening entries (à-nouveaux), setting ASR_FEC_OPENING_JOURNALS
    opening_journals: tuple[str, ...] = DEFAULT_OPENING_JOURNALS
    #: 'invoice' or 'posting' (ASR_PERIOD_DATE): the insert pass fills each line's period date;
    #: ingest_file sets it from its settings
    period_date: str = "invoice"


class Prepared:
    """A file that was sniffed and found readable; ``land`` writes it inside a write transaction."""

    fmt: str = "csv"
    entity: str | None = None
    column_mapping: dict[str, str]
    encoding: str | None = None
    delimiter: str | None = None
    decimal_separator: str | None = None
    warnings: list[str]
    estimated_rows: int = 0
    #: "lines" (raw_ledger_lines) or "decp" (decp_contracts): how an unchanged reload is checked
    target: str = "lines"

    def __init__(self) -> None:
        self.column_mapping = {}
        self.warnings = []

    def land(self, con: duckdb.DuckDBPyConnection, load_id: int, file_label: str) -> LandCounts:
        raise NotImplementedError
