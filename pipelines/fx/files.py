"""Exchange-rate files, read into rates the warehouse converts with (pure functions).

Two layouts (DOMAIN.md §4: a line in another currency needs a rate, never a guess):

- the ECB's historical reference rates (``eurofxref-hist.csv``): header ``Date,USD,JPY,...``, one
  row per publication day, ``N/A`` where a currency has no rate that day, rates in units of the
  currency per 1 EUR. A day's rate holds until the next publication day (weekends, TARGET
  holidays), at most a week; a currency without a rate on a day has none until it has one again.
- a simple ``date;currency;rate`` file (any of ``; , tab |``, French decimals allowed, header
  optional). ``rate`` (or ``taux``) is in units of the currency per 1 EUR, as the ECB and the
  Banque de France quote it; a ``rate_to_eur`` column gives euros per 1 unit instead. Each rate
  holds from its date until a later one of the same currency.

The warehouse stores ``rate_to_eur`` (euros per unit: ``amount_eur = amount * rate_to_eur``).
Any unreadable cell refuses the whole file with a UserError naming file, row and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from pathlib import Path

from pipelines.errors import UserError
from pipelines.reference.records import parse_date
from pipelines.textinput import fold, parse_decimal, read_rows, read_text_file

#: rate_to_eur is stored with this many decimals (DECIMAL(38, 20)): exact to the cent on any
#: realistic amount, even for currencies quoted in thousands per euro.
RATE_SCALE = Decimal(1).scaleb(-20)
#: An ECB rate holds until the next publication day, never longer than this.
ECB_MAX_DAYS = 7
MISSING = ("N/A", "")
_CURRENCY = re.compile(r"[A-Z]{3}")

DATE_WORDS = ("date", "jour", "date de valeur")
CURRENCY_WORDS = ("currency", "devise", "monnaie", "code devise")
PER_EUR_WORDS = ("rate", "taux", "cours", "units_per_eur")
TO_EUR_WORDS = ("rate_to_eur", "eur_per_unit")


@dataclass(frozen=True)
class Rate:
    currency: str
    valid_from: dt.date
    valid_to: dt.date | None
    rate_to_eur: Decimal
    #: the rate as quoted in the file (units per 1 EUR), when it was quoted that way
    rate_per_eur: Decimal | None
    row: int


def to_eur(per_eur: Decimal) -> Decimal:
    """Euros per unit from units per euro, to RATE_SCALE decimals."""
    with localcontext() as ctx:
        ctx.prec = 40
        return (Decimal(1) / per_eur).quantize(RATE_SCALE)


def _fail(file: str, row: int, column: str, fr: str, en: str) -> UserError:
    return UserError(
        f"{file}, ligne {row}, colonne « {column} » : {fr}",
        f"{file}, line {row}, column {column!r}: {en}",
    )


def _currency(value: str, *, file: str, row: int, column: str) -> str:
    code = value.strip().upper()
    if not _CURRENCY.fullmatch(code):
        raise _fail(
            file,
            row,
            column,
            f"devise « {value} » illisible, attendu un code ISO 4217 de 3 lettres (USD, GBP…).",
            f"cannot read currency {value!r}, expected a 3-letter ISO 4217 code (USD, GBP...).",
        )
    if code == "EUR":
        raise _fail(
            file,
            row,
            column,
            "l'euro n'a pas de taux de change (attendu une autre devise).",
            "the euro has no exchange rate (expected another currency).",
        )
    return code


def _rate(value: str, *, file: str, row: int, column: str) -> Decimal:
    try:
        rate = parse_decimal(value)
    except (ValueError, ArithmeticError):
        rate = None
    if rate is None or not rate.is_finite() or rate <= 0:
        raise _fail(
            file,
            row,
            column,
            f"taux « {value} » illisible, attendu un nombre strictement positif "
            "(ex. 1,0856 ou 1.0856).",
            f"cannot read rate {value!r}, expected a number above zero (e.g. 1.0856).",
        )
    return rate


def _date(value: str, *, file: str, row: int, column: str) -> dt.date:
    day = parse_date(value, file=file, row=row, column=column)
    if day is None:
        raise _fail(
            file,
            row,
            column,
            "date manquante, attendu AAAA-MM-JJ.",
            "missing date, expected YYYY-MM-DD.",
        )
    return day


def _rows(text: str, file: str) -> list[list[str]]:
    return [cells for _, cells in read_rows(text, file) if any(cells)]


def is_ecb_header(header: Sequence[str]) -> bool:
    cells = [c.strip() for c in header]
    while cells and not cells[-1]:
        cells.pop()  # the ECB's rows end with a comma
    return (
        len(cells) >= 2
        and fold(cells[0]) == "date"
        and all(_CURRENCY.fullmatch(c) for c in cells[1:])
    )


def read_ecb(rows: list[list[str]], file: str) -> list[Rate]:
    """The ECB's wide layout: one column per currency, units per 1 EUR, 'N/A' when none."""
    header = [c.strip() for c in rows[0]]
    days: list[tuple[dt.date, int, list[str]]] = []
    for row_no, row in enumerate(rows[1:], start=2):
        days.append((_date(row[0], file=file, row=row_no, column=header[0]), row_no, row))
    seen: dict[dt.date, int] = {}
    for day, row_no, _ in days:
        if day in seen:
            raise _fail(
                file,
                row_no,
                header[0],
                f"date {day.isoformat()} déjà donnée ligne {seen[day]}.",
                f"date {day.isoformat()} already given on line {seen[day]}.",
            )
        seen[day] = row_no
    order = sorted(seen)
    following = dict(zip(order, order[1:], strict=False))
    rates: list[Rate] = []
    for day, row_no, row in days:
        nxt = following.get(day)
        valid_to = None
        if nxt is not None:
            valid_to = min(nxt - dt.timedelta(days=1), day + dt.timedelta(days=ECB_MAX_DAYS - 1))
        for col, name in enumerate(header[1:], start=1):
            if not name:
                continue
            value = row[col].strip() if col < len(row) else ""
            if value.upper() in MISSING:
                continue
            per_eur = _rate(value, file=file, row=row_no, column=name)
            rates.append(Rate(name, day, valid_to, to_eur(per_eur), per_eur, row_no))
    return rates


def _simple_columns(header: Sequence[str]) -> tuple[int, int, int, bool] | None:
    """(date, currency, rate columns, rate is euros per unit) from a header, None if not one."""
    keys = [fold(h) for h in header]

    def find(words: Sequence[str]) -> int | None:
        for w in words:
            if fold(w) in keys:
                return keys.index(fold(w))
        return None

    date_col, cur_col = find(DATE_WORDS), find(CURRENCY_WORDS)
    to_eur_col, per_eur_col = find(TO_EUR_WORDS), find(PER_EUR_WORDS)
    rate_col = to_eur_col if to_eur_col is not None else per_eur_col
    if date_col is None or cur_col is None or rate_col is None:
        return None
    return date_col, cur_col, rate_col, to_eur_col is not None


def read_simple(rows: list[list[str]], file: str) -> list[Rate]:
    """date;currency;rate rows, with or without a header."""
    columns = _simple_columns(rows[0])
    if columns is None:
        date_col, cur_col, rate_col, direct = 0, 1, 2, False
        names = ["date", "currency", "rate"]
        body = list(enumerate(rows, start=1))
    else:
        date_col, cur_col, rate_col, direct = columns
        names = [h.strip() for h in rows[0]]
        body = list(enumerate(rows[1:], start=2))
    rates: list[Rate] = []
    seen: dict[tuple[str, dt.date], int] = {}
    for row_no, row in body:
        cells = [*row, "", "", ""]
        day = _date(cells[date_col], file=file, row=row_no, column=names[date_col])
        code = _currency(cells[cur_col], file=file, row=row_no, column=names[cur_col])
        value = _rate(cells[rate_col], file=file, row=row_no, column=names[rate_col])
        if (code, day) in seen:
            raise _fail(
                file,
                row_no,
                names[date_col],
                f"taux {code} du {day.isoformat()} déjà donné ligne {seen[code, day]}.",
                f"{code} rate of {day.isoformat()} already given on line {seen[code, day]}.",
            )
        seen[code, day] = row_no
        if direct:
            rates.append(Rate(code, day, None, value.quantize(RATE_SCALE), None, row_no))
        else:
            rates.append(Rate(code, day, None, to_eur(value), value, row_no))
    return rates


def _looks_simple(row: Sequence[str]) -> bool:
    """A headerless simple row: a date, a 3-letter code, a number."""
    if len([c for c in row if c.strip()]) != 3:
        return False
    try:
        return parse_date(row[0], file="", row=0, column="") is not None and bool(
            _CURRENCY.fullmatch(row[1].strip().upper())
        )
    except UserError:
        return False


def read_rates(path: Path) -> list[Rate]:
    """Every rate of the file, or a UserError naming file, row and column."""
    path = Path(path)
    file = path.name
    if not path.exists():
        raise UserError(f"{path} : fichier introuvable.", f"{path}: file not found.")
    text = read_text_file(path)
    first_line = text.split("\n", 1)[0]
    rows = _rows(text, file)
    if rows and is_ecb_header(rows[0]):
        rates = read_ecb(rows, file)
    elif rows and (_simple_columns(rows[0]) is not None or _looks_simple(rows[0])):
        rates = read_simple(rows, file)
    else:
        shown = first_line[:80] or "(vide)"
        raise UserError(
            f"{file}, ligne 1 : format de taux de change inconnu (« {shown} ») ; attendu le "
            "fichier historique de la BCE (en-tête Date,USD,JPY,…) ou des lignes "
            "date;devise;taux (en-tête date;currency;rate).",
            f"{file}, line 1: unknown exchange-rate layout ({shown!r}); expected the ECB's "
            "historical file (header Date,USD,JPY,...) or date;currency;rate rows.",
        )
    if not rates:
        raise UserError(
            f"{file} : aucun taux de change dans le fichier.",
            f"{file}: no exchange rate in the file.",
        )
    return rates
