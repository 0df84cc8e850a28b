"""What one ingested file did to the warehouse."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class LoadResult:
    load_id: int | None
    file: Path
    sha256: str
    format: str
    entity: str | None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    rows_replaced: int = 0
    #: source column -> field it became
    column_mapping: dict[str, str] = field(default_factory=dict)
    #: unchanged = the same content was already loaded with the same options: nothing done
    status: str = "loaded"
    dry_run: bool = False
    encoding: str | None = None
    delimiter: str | None = None
    decimal_separator: str | None = None
    amount_eur: str = "0.00"  # total of the loaded lines (text: exact decimal)
    #: DECP loads: contracts and holders written
    contracts_loaded: int = 0
    #: loaded lines whose amount had more than two decimals, rounded half-up to the cent
    rounded_amounts: int = 0
    warnings: list[str] = field(default_factory=list)
    #: format-specific figures of the load report (a FEC's entries, opening entries...)
    details: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["file"] = str(self.file)
        return data
