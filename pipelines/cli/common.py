"""Helpers shared by the CLI commands: output formats and error display."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any

import typer

from pipelines.i18n import t
from pipelines.safe_output import neutralise


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def to_jsonable(value: Any) -> Any:
    """Decimals become JSON numbers (exact to the cent for amounts), dates ISO strings."""
    if isinstance(value, Decimal):
        return float(value)  # <= 15 significant digits: the shortest repr is exact
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value


def echo_json(payload: Any) -> None:
    typer.echo(json.dumps(to_jsonable(payload), ensure_ascii=False, indent=2))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(to_jsonable(value), ensure_ascii=False)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def echo_rows(
    rows: Sequence[dict[str, Any]], fmt: OutputFormat, columns: Sequence[str] | None = None
) -> None:
    """Print rows as an aligned table, JSON array or CSV."""
    columns = list(columns or (rows[0].keys() if rows else []))
    if fmt == OutputFormat.json:
        echo_json(list(rows))
        return
    if fmt == OutputFormat.csv:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow([neutralise(c) for c in columns])
        for row in rows:
            # text a spreadsheet would run is neutralised; numbers stay numbers
            writer.writerow([_cell(neutralise(row.get(c))) for c in columns])
        sys.stdout.write(buf.getvalue())
        return
    if not rows:
        typer.echo("(aucune ligne)")
        return
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    typer.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    typer.echo("  ".join("-" * w for w in widths))
    for r in cells:
        typer.echo("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)))


def parse_date_option(value: str, option: str) -> dt.date:
    """A date given on the command line (pipelines.textinput.parse_date: 2025-01-31,
    31/01/2025...), or a UserError naming the option."""
    from pipelines.errors import UserError
    from pipelines.textinput import DateError, parse_date

    try:
        day = parse_date(value)
    except DateError as exc:
        raise UserError(
            f"{option} : « {value} » : {exc.fr} (ex. 2025-01-31).",
            f"{option}: {value!r}: {exc.en} (e.g. 2025-01-31).",
        ) from None
    if day is None:
        raise UserError(
            f"{option} : date vide, attendu AAAA-MM-JJ (ex. 2025-01-31).",
            f"{option}: empty date, expected YYYY-MM-DD (e.g. 2025-01-31).",
        )
    return day


def parse_date_range(date_from: str, date_to: str) -> tuple[dt.date, dt.date]:
    """``--from`` and ``--to`` as dates, the second not before the first."""
    from pipelines.errors import UserError

    start, end = parse_date_option(date_from, "--from"), parse_date_option(date_to, "--to")
    if end < start:
        raise UserError(
            "--to doit être postérieure ou égale à --from.", "--to must not be before --from."
        )
    return start, end


def echo_closed_header(state: Any, fmt: OutputFormat) -> None:
    """The « période clôturée » line (on stderr for CSV, which must stay a table)."""
    typer.echo(
        t(
            "closed.cli_header",
            period=state.period,
            date=f"{state.closed_at:%Y-%m-%d}",
            by=state.closed_by,
        ),
        err=fmt == OutputFormat.csv,
    )
