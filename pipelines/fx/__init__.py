"""Exchange rates (DOMAIN.md §4): load rate files into ``fx_rates``, list them.

Lines in another currency are converted when a ledger is loaded, with the rate valid at their
invoice date; a line without one is quarantined. Loading the missing rates (``asr fx load``) then
loading the ledger again converts those lines: the files concerned are named in the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from pipelines.fx.files import Rate, read_rates
from pipelines.settings import Settings

SQL_DIR = Path(__file__).parent / "sql"
LIST_COLUMNS = ("currency", "valid_from", "valid_to", "rate_per_eur", "rate_to_eur", "source")


@cache
def fx_sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


@dataclass
class FxLoadResult:
    file: str
    rates: int = 0
    replaced: int = 0
    currencies: list[str] = field(default_factory=list)
    first_day: str | None = None
    last_day: str | None = None
    #: files with lines quarantined for want of a rate in these currencies -> their count
    files_to_reload: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "rates": self.rates,
            "replaced": self.replaced,
            "currencies": self.currencies,
            "first_day": self.first_day,
            "last_day": self.last_day,
            "files_to_reload": self.files_to_reload,
        }


def _frame(rates: list[Rate]) -> pd.DataFrame:
    """Decimals as text, cast exactly in SQL (no float on the way)."""
    return pd.DataFrame(
        [
            (
                r.currency,
                r.valid_from,
                r.valid_to,
                str(r.rate_to_eur),
                None if r.rate_per_eur is None else str(r.rate_per_eur),
            )
            for r in rates
        ],
        columns=["currency", "valid_from", "valid_to", "rate_to_eur", "rate_per_eur"],
        dtype=object,
    )


def load_rates(path: Path, settings: Settings) -> FxLoadResult:
    """Read the whole file first (a bad cell loads nothing), then replace its rates at once."""
    from pipelines.ingest.land import FX_MISSING_REASON
    from pipelines.warehouse import write_transaction

    path = Path(path)
    rates = read_rates(path)
    currencies = sorted({r.currency for r in rates})
    result = FxLoadResult(
        file=path.name,
        rates=len(rates),
        currencies=currencies,
        first_day=min(r.valid_from for r in rates).isoformat(),
        last_day=max(r.valid_from for r in rates).isoformat(),
    )
    frame = _frame(rates)
    with write_transaction(settings) as con:
        con.register("fx_frame", frame)
        try:
            con.execute(
                "create or replace temp table fx_input as select currency, "
                "cast(valid_from as date) as valid_from, cast(valid_to as date) as valid_to, "
                "rate_to_eur, rate_per_eur from fx_frame"
            )
        finally:
            con.unregister("fx_frame")
        row = con.execute(fx_sql("count_replaced")).fetchone()
        result.replaced = int(row[0]) if row else 0
        con.execute(fx_sql("delete_replaced"))
        con.execute(fx_sql("insert_rates"), {"source": path.name})
        con.execute("drop table fx_input")
        waiting = con.execute(
            fx_sql("waiting_lines"), {"reason": FX_MISSING_REASON, "currencies": currencies}
        ).fetchall()
        result.files_to_reload = {str(f): int(n) for f, n in waiting}
    return result


def list_rates(con: duckdb.DuckDBPyConnection, currency: str | None = None) -> list[dict[str, Any]]:
    cur = con.execute(fx_sql("list_rates"), {"currency": currency.upper() if currency else None})
    return [dict(zip(LIST_COLUMNS, row, strict=True)) for row in cur.fetchall()]
