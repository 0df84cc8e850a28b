"""Helpers shared by the CLI commands: output formats and error display."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
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
    """A value as machine text (CSV): numbers as they are, dates ISO, JSON for structures."""
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(to_jsonable(value), ensure_ascii=False)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


#: Columns whose numbers are fractions shown as percentages (0.021947 -> 2,2 %).
PERCENT_COLUMNS = frozenset(
    {"share", "attainment", "labour_share", "payout_rate", "share_social", "target_share"}
)
#: Columns whose whole numbers are counts, grouped by thousands (ids and years are not).
COUNT_PREFIXES = ("rows_", "count_", "lines", "suppliers", "contracts", "objectives")
#: Columns of a similarity score (0-100), shown rounded to one decimal.
SCORE_COLUMNS = frozenset({"score", "best_score"})


def _is_percent(column: str) -> bool:
    return column in PERCENT_COLUMNS or column.endswith(("_share", "_rate"))


def _is_count(column: str) -> bool:
    return column.startswith(COUNT_PREFIXES) or column.endswith(("_count", "_lines", "_rows"))


def display_cell(column: str, value: Any, lang: str | None = None) -> str:
    """A value as a person reads it in ``lang``: ``1 234 567,89 €`` for a ``*_eur`` column,
    ``2,2 %`` for a share or a rate, a score to one decimal, dates ``31/12/2025``, counts
    grouped by thousands (pipelines.formatting, shared with the dashboard)."""
    from pipelines.formatting import date, money, number, percent
    from pipelines.i18n import current_lang

    lang = lang or current_lang()
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("cli.yes" if value else "cli.no", lang)
    if isinstance(value, (dt.date, dt.datetime)):
        return date(value, lang)
    if isinstance(value, (dict, list)):
        return json.dumps(to_jsonable(value), ensure_ascii=False)
    if isinstance(value, (int, float, Decimal)):
        if isinstance(value, float) and not math.isfinite(value):
            return str(value)
        if column.endswith("_eur"):
            return money(value, 2, lang)
        if _is_percent(column):
            return percent(value, 1, lang)
        if column in SCORE_COLUMNS:
            return number(value, 1, lang)
        if isinstance(value, int):
            return number(value, 0, lang) if _is_count(column) else str(value)
        exponent = Decimal(str(value)).as_tuple().exponent
        decimals = min(-exponent, 2) if isinstance(exponent, int) and exponent < 0 else 0
        return number(value, decimals, lang)
    return str(value)


def _split_by_kind(
    rows: Sequence[dict[str, Any]], columns: list[str]
) -> tuple[list[dict[str, Any]], list[str]]:
    """A ``by_kind`` column ({kind: euros}) as one ``<kind>_eur`` column per kind present, in
    the order of pipelines.kinds; headers are the kinds' codes (EA, ESAT…)."""
    from pipelines.kinds import KINDS

    if "by_kind" not in columns:
        return list(rows), columns
    present = {k for row in rows for k in (row.get("by_kind") or {})}
    kinds = [k for k in KINDS if k in present] + sorted(present - set(KINDS))
    at = columns.index("by_kind")
    new_columns = columns[:at] + [f"{k}_eur" for k in kinds] + columns[at + 1 :]
    new_rows = []
    for row in rows:
        spread = {f"{k}_eur": (row.get("by_kind") or {}).get(k) for k in kinds}
        new_rows.append({**row, **spread})
    return new_rows, new_columns


def _header(column: str, lang: str | None = None) -> str:
    """A kind's column is headed by its code, another by its label (``cli.col.<column>``)
    or, without one, its name."""
    from pipelines.cli.help import help_text
    from pipelines.i18n import current_lang
    from pipelines.kinds import KINDS

    code = column.removesuffix("_eur")
    if column.endswith("_eur") and code in KINDS:
        return code
    return help_text(f"cli.col.{column}", lang or current_lang()) or column


def echo_rows(
    rows: Sequence[dict[str, Any]], fmt: OutputFormat, columns: Sequence[str] | None = None
) -> None:
    """Print rows as a table for a person (figures in their language, ``by_kind`` spread into
    one column per kind), or as JSON or CSV for a machine (raw numbers)."""
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
        typer.echo(t("cli.no_rows"))
        return
    rows, columns = _split_by_kind(rows, columns)
    cells = [[display_cell(c, row.get(c)) for c in columns] for row in rows]
    headers = [_header(c) for c in columns]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    numeric = [
        all(
            isinstance(row.get(c), (int, float, Decimal)) and not isinstance(row.get(c), bool)
            for row in rows
            if row.get(c) is not None
        )
        for c in columns
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if right else v.ljust(w)
            for v, w, right in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    typer.echo(line(headers))
    typer.echo("  ".join("-" * w for w in widths))
    for r in cells:
        typer.echo(line(r))


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


def check_choice(option: str, value: str | None, choices: Sequence[str]) -> None:
    """Refuse a value that is not one of ``choices`` as a usage mistake (exit 2, usage line)."""
    from pipelines.cli.usage import refuse_choice

    if value is not None and value not in choices:
        raise refuse_choice(option, value, choices)


def parse_number_option(
    value: str | None, option: str, *, negative: bool = True, percent: bool = False
) -> Decimal | None:
    """The one reading of a number typed on the command line (pipelines.textinput.parse_decimal:
    ``1 234,56``, ``1234.56``): never NaN nor an infinity, never an exponent. ``negative=False``
    refuses a negative number; ``percent=True`` reads a fraction (``0.035``) or a percentage
    (``3,5%``) and refuses more than 100 %. None when the option was not given."""
    from pipelines.errors import UserError
    from pipelines.textinput import NumberError, parse_decimal

    if value is None:
        return None
    text = value.strip()
    is_pct = percent and text.endswith("%")
    try:
        number = parse_decimal(text[:-1] if is_pct else text)
    except NumberError:
        number = None
    if number is None or not number.is_finite():
        raise UserError(
            t("cli.number.not_a_number", "fr", option=option, value=value),
            t("cli.number.not_a_number", "en", option=option, value=value),
        )
    if not negative and number < 0:
        raise UserError(
            t("cli.number.negative", "fr", option=option, value=value),
            t("cli.number.negative", "en", option=option, value=value),
        )
    if percent:
        number = number / 100 if is_pct else number
        if number > 1:
            raise UserError(
                t("cli.number.not_a_fraction", "fr", option=option, value=value),
                t("cli.number.not_a_fraction", "en", option=option, value=value),
            )
    return number


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
