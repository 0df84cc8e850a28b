"""Periods: a calendar year ``YYYY``. An objective belongs to the period in which it ends."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from pipelines.errors import UserError


def parse_period(period: str) -> tuple[dt.date, dt.date]:
    """``"2025"`` -> (2025-01-01, 2025-12-31); anything else is a user error."""
    text = str(period).strip()
    if not re.fullmatch(r"\d{4}", text):
        raise UserError(
            f"période « {period} » illisible : attendu une année AAAA (ex. 2025).",
            f"cannot read period {period!r}: expected a year YYYY (e.g. 2025).",
        )
    year = int(text)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def period_of(period_end: dt.date) -> str:
    """The period an objective ending on ``period_end`` is reported and closed in."""
    return f"{period_end.year:04d}"


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def previous_window(date_from: dt.date, date_to: dt.date) -> tuple[dt.date, dt.date]:
    """The window of the same length just before: whole months shift by months, else by days."""
    last_day = calendar.monthrange(date_to.year, date_to.month)[1]
    if date_from.day == 1 and date_to.day == last_day:
        months = (date_to.year - date_from.year) * 12 + date_to.month - date_from.month + 1
        start = _add_months(date_from, -months)
        return start, date_from - dt.timedelta(days=1)
    length = date_to - date_from + dt.timedelta(days=1)
    return date_from - length, date_from - dt.timedelta(days=1)
