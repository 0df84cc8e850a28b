"""Reading what people type or export: numbers, dates, names, delimiters, line ends. Pure functions.

One home for each rule, used by every reader (ledgers, FEC, DECP, contracts, objectives, reference
directories, command-line options), so that "1 234,56" or "31/01/2026" mean the same everywhere:

- :func:`parse_decimal` — ``1 234,56``, ``1.234,56``, ``1,234.56``, ``1234.56``, no-break and
  narrow no-break spaces, apostrophes (``1'234.56``), ``€``/``EUR``, a trailing minus
  (``1 234,56-``) or brackets (``(12,50)``) for negatives. No exponent, no ``NaN``/``inf``.
  The big ledger path parses amounts in SQL (``pipelines/ingest/sql/macros.sql``) with the very
  same rule; ``tests/test_textinput_sql.py`` proves the two agree.
- :func:`to_cents` — half-up to the cent (``0.125`` -> ``0.13``, ``-0.125`` -> ``-0.13``), as a
  ``DECIMAL(18, 2)`` cast does in DuckDB; :func:`is_rounded` says whether cents lose anything.
- :func:`parse_date` — ``dd/mm/yyyy``, ``yyyy-mm-dd``, ``yyyymmdd``, ``dd.mm.yyyy``,
  ``dd-mm-yyyy``, ``yyyy/mm/dd``, optionally followed by a time and a time zone; an impossible
  date (``31/02/2026``) is told apart from a wrong format.
- :func:`fold` — lower case, accents removed, every run of other characters one space.
- :func:`sniff_delimiter`, :func:`detect_encoding`, :func:`normalize_newlines`,
  :func:`clean_text` and :func:`read_rows` for the small delimited files read in Python.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from pipelines.errors import UserError

# --------------------------------------------------------------------------------------------
# Text hygiene

#: Control characters (C0, DEL, C1) and the Unicode line/paragraph separators.
_CONTROL_RUN = re.compile(
    r"[ \t\n\r]*[\x00-\x1f\x7f-\x9f\u2028\u2029][ \t\n\r\x00-\x1f\x7f-\x9f\u2028\u2029]*"
)
_NEWLINES = re.compile(r"\r*\n|\r")


def clean_text(value: object) -> str:
    """A cell as text without control characters: each run of them (and the spaces around it)
    becomes one space, then the ends are stripped. ``"\\nF-001\\r"`` -> ``"F-001"``."""
    if value is None:
        return ""
    text = str(value)
    if not text.isprintable():
        text = _CONTROL_RUN.sub(" ", text)
    return text.strip()


def normalize_newlines(text: str) -> str:
    """Every line end as ``\\n``: LF, CRLF, CR and CR CR LF (one line end, not a blank line)."""
    return _NEWLINES.sub("\n", text) if "\r" in text else text


# --------------------------------------------------------------------------------------------
# Encodings and delimiters

#: bytes that differ between cp1252 and ISO-8859-15 (euro sign, oe, S/Z caron, Y diaeresis)
_LATIN9_ONLY = set(b"\xa4\xa6\xa8\xb4\xb8\xbc\xbd\xbe")
DELIMITERS = (";", ",", "\t", "|")


def detect_encoding(sample: bytes, *, at_eof: bool = True) -> str:
    """utf-8-sig, utf-8, iso-8859-15 or cp1252 (what French tools write) from the file's bytes."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=at_eof)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    high = {b for b in sample if b >= 0x80}
    if any(0x80 <= b <= 0x9F for b in high):
        return "cp1252"
    if high & _LATIN9_ONLY:
        return "iso-8859-15"
    return "cp1252"


def decode_text(data: bytes) -> str:
    """The text of a whole file: its encoding detected, BOM dropped, line ends normalised."""
    text = data.decode(detect_encoding(data), errors="replace").lstrip("\ufeff")
    return normalize_newlines(text)


def _count_outside_quotes(line: str, char: str) -> int:
    count, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            count += 1
    return count


def sniff_delimiter(lines: Sequence[str], candidates: Sequence[str] = DELIMITERS) -> str | None:
    """The delimiter that gives the same, non-zero number of fields on most of the first lines.

    Title lines above the header (no delimiter) do not count against it; ties go to the
    delimiter that gives more fields, then to the first candidate. None when no line has one.
    """
    best, best_score = None, 0
    for delim in candidates:
        counts = [_count_outside_quotes(line, delim) for line in lines[:30] if line.strip()]
        nonzero = [c for c in counts if c > 0]
        if not nonzero:
            continue
        mode = max(set(nonzero), key=lambda c: (nonzero.count(c), c))
        score = nonzero.count(mode) * 1000 + mode
        if score > best_score:
            best, best_score = delim, score
    return best


def read_rows(
    text: str, file: str, *, delimiter: str | None = None, candidates: Sequence[str] = DELIMITERS
) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of a delimited text, every cell through :func:`clean_text`.

    Any line end is accepted; the delimiter is sniffed from the first lines unless given (a file
    of one column has none: ``,`` then). A row the csv module cannot read (a field larger than
    its limit, a stray quote) is a UserError naming the file and line, not a traceback.
    """
    text = normalize_newlines(text.lstrip("\ufeff"))
    if delimiter is None:
        delimiter = sniff_delimiter(text.split("\n", 30)[:30], candidates) or ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line = reader.line_num
            raise UserError(
                f"{file}, ligne {line} : ligne illisible ({_csv_reason_fr(exc)}).",
                f"{file}, line {line}: unreadable line ({exc}).",
            ) from None
        yield reader.line_num, [clean_text(c) for c in row]


def _csv_reason_fr(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return f"un champ dépasse la taille maximale de {csv.field_size_limit()} caractères"
    return text


@contextlib.contextmanager
def opening(path: Path) -> Iterator[None]:
    """Turn the errors of opening ``path`` (missing, a folder, no right to read) into a
    UserError naming it: the one wording of these refusals for every reader."""
    try:
        yield
    except FileNotFoundError:
        raise UserError(f"{path} : fichier introuvable.", f"{path}: file not found.") from None
    except IsADirectoryError:
        raise UserError(
            f"{path} : c'est un dossier, attendu un fichier.",
            f"{path}: is a directory, expected a file.",
        ) from None
    except PermissionError:
        raise UserError(
            f"{path} : lecture refusée (droits).", f"{path}: permission denied."
        ) from None


def read_text_file(path: Path) -> str:
    """A whole small text file (:func:`decode_text`), or a UserError when it cannot be read."""
    with opening(path):
        return decode_text(path.read_bytes())


# --------------------------------------------------------------------------------------------
# Decimal numbers


class NumberError(ValueError):
    """A text that is not a number; ``fr`` and ``en`` say what was expected."""

    def __init__(self, value: object, fr: str, en: str) -> None:
        super().__init__(en)
        self.value = value
        self.fr = fr
        self.en = en


#: Removed anywhere in a number: spaces (plain, no-break, narrow no-break, thin), apostrophes
#: (straight and typographic, as in 1'234.56), the euro sign and "EUR". macros.sql removes the same.
_NUMBER_NOISE = (" ", "\u00a0", "\u202f", "\u2009", "'", "\u2019", "€", "EUR")
#: Stripped at both ends after that: the whitespace a DuckDB cast ignores.
_NUMBER_ENDS = " \t\n\r\x0b\x0c"
_PLAIN_NUMBER = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)")
_GROUPED = {
    ",": re.compile(r"[-+]?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]*)?"),
    ".": re.compile(r"[-+]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?"),
}
CENT = Decimal("0.01")
#: DECIMAL(18, 2): amounts must stay below this once rounded to the cent.
MAX_AMOUNT = Decimal(10) ** 16

NUMBER_EXPECTED_FR = "un nombre comme 1 234,56 ou 1234.56"
NUMBER_EXPECTED_EN = "a number such as 1 234,56 or 1234.56"


def _clean_number(text: str) -> str:
    for noise in _NUMBER_NOISE:
        text = text.replace(noise, "")
    return text.strip(_NUMBER_ENDS)


def _signed(text: str) -> str:
    """A trailing minus (``12,50-``, SAP) or brackets (``(12,50)``) as a leading minus."""
    if len(text) > 1 and text.endswith("-"):
        return "-" + text[:-1]
    if len(text) > 2 and text.startswith("(") and text.endswith(")"):
        return "-" + text[1:-1]
    return text


def guess_decimal_separator(text: str) -> str:
    """The decimal separator of one number written alone: the last of ``,`` and ``.`` when both
    appear; a separator repeated is a thousands separator (``1.234.567``); otherwise ``,`` reads
    as the French decimal comma and ``.`` as a decimal point (``1,5`` and ``1.5`` are both 1.5)."""
    comma, point = text.rfind(","), text.rfind(".")
    if comma >= 0 and point >= 0:
        return "," if comma > point else "."
    if comma >= 0:
        return "." if text.count(",") > 1 else ","
    if point >= 0:
        return "," if text.count(".") > 1 else "."
    return ","


def parse_decimal(value: object, decimal_separator: str | None = None) -> Decimal | None:
    """The exact number written in ``value``; None when it is empty; NumberError otherwise.

    ``decimal_separator`` is the file's (``,`` or ``.``) when known; the other one is then a
    thousands separator, accepted only where it groups digits by three (``1.234,56``). Without
    it, each value says its own (:func:`guess_decimal_separator`). Numbers from a spreadsheet
    (int, float, Decimal) are taken as they are (a float by its shortest text).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise NumberError(value, f"attendu {NUMBER_EXPECTED_FR}", f"expected {NUMBER_EXPECTED_EN}")
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            raise NumberError(value, "nombre fini attendu", "expected a finite number")
        return number
    text = _signed(_clean_number(str(value)))
    if not text:
        return None
    separator = decimal_separator or guess_decimal_separator(text)
    thousands = "." if separator == "," else ","
    if thousands in text:
        if not _GROUPED[separator].fullmatch(text):
            raise NumberError(
                value,
                f"séparateurs illisibles, attendu {NUMBER_EXPECTED_FR}",
                f"unreadable separators, expected {NUMBER_EXPECTED_EN}",
            )
        text = text.replace(thousands, "")
    text = text.replace(separator, ".")
    if not _PLAIN_NUMBER.fullmatch(text):
        raise NumberError(value, f"attendu {NUMBER_EXPECTED_FR}", f"expected {NUMBER_EXPECTED_EN}")
    return Decimal(text)


def to_cents(value: Decimal) -> Decimal:
    """Half-up to the cent, away from zero on a tie: 0.125 -> 0.13, -0.125 -> -0.13."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def is_rounded(value: Decimal | None) -> bool:
    """True when ``value`` has more than two decimals that are not all zeros."""
    return value is not None and to_cents(value) != value


def parse_amount(value: object, decimal_separator: str | None = None) -> Decimal | None:
    """:func:`parse_decimal` rounded to the cent, refused beyond ``DECIMAL(18, 2)``."""
    number = parse_decimal(value, decimal_separator)
    if number is None:
        return None
    try:
        cents = to_cents(number)
    except InvalidOperation:  # more digits than the decimal context holds
        cents = MAX_AMOUNT
    if abs(cents) >= MAX_AMOUNT:
        raise NumberError(
            value,
            "montant trop grand (16 chiffres avant la virgule au plus)",
            "amount too large (at most 16 digits before the decimal separator)",
        )
    return cents


_COMMA_DECIMAL = re.compile(r"^[-+(]?[\d\s\u00a0\u202f.]*,\d+\)?-?$")
_POINT_DECIMAL = re.compile(r"^[-+(]?[\d\s\u00a0\u202f,]*\.\d+\)?-?$")


def detect_decimal_separator(values: Sequence[str]) -> str:
    """``,`` or ``.`` for a column, from sample values: the separator followed by digits at the
    end wins; ``1,234`` and ``1.234`` alone are ambiguous and do not count; ``,`` on a tie."""
    comma = point = 0
    for raw in values:
        value = raw.strip().replace("€", "").strip()
        if not value:
            continue
        if _COMMA_DECIMAL.match(value):
            tail = value.rsplit(",", 1)[1].rstrip(")-")
            if not (len(tail) == 3 and "." not in value):
                comma += 1
        elif _POINT_DECIMAL.match(value):
            tail = value.rsplit(".", 1)[1].rstrip(")-")
            if not (len(tail) == 3 and "," not in value):
                point += 1
    return "." if point > comma else ","


_PLAIN = {",": re.compile(r"^-?\d+(,\d+)?$"), ".": re.compile(r"^-?\d+(\.\d+)?$")}


def mostly_plain_numbers(values: Sequence[str], decimal_separator: str, share: float = 0.9) -> bool:
    """True when most sample amounts are plain numbers ("-1234,56"): picks the faster SQL parser.

    Only a speed choice: both parsers give the same value for every text.
    """
    pattern = _PLAIN[decimal_separator]
    filled = [v for v in values if v.strip()]
    if not filled:
        return False
    return sum(1 for v in filled if pattern.match(v)) >= share * len(filled)


# --------------------------------------------------------------------------------------------
# Dates


class DateError(ValueError):
    """A text that is not a date: ``impossible`` when it has a date's shape but no such day."""

    def __init__(self, value: object, *, impossible: bool) -> None:
        self.value = value
        self.impossible = impossible
        if impossible:
            self.fr = "date impossible (ce jour n'existe pas dans le calendrier)"
            self.en = "impossible date (no such day in the calendar)"
        else:
            self.fr = f"date illisible, attendu {DATE_EXPECTED_FR}"
            self.en = f"unreadable date, expected {DATE_EXPECTED_EN}"
        super().__init__(self.en)


DATE_EXPECTED_FR = "jj/mm/aaaa, aaaa-mm-jj ou aaaammjj"
DATE_EXPECTED_EN = "dd/mm/yyyy, yyyy-mm-dd or yyyymmdd"

#: The accepted date layouts, in the order they are tried, as strptime formats (macros.sql tries
#: the same list, in the same order, and checks it with tests/test_textinput_sql.py).
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%Y%m%d", "%d.%m.%Y", "%d-%m-%Y", "%Y/%m/%d")
_FORMAT_PARTS = {"%d": r"(?P<d>[0-9]{1,2})", "%m": r"(?P<m>[0-9]{1,2})", "%Y": r"(?P<y>[0-9]{4})"}
_COMPACT = r"(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})"
#: What may follow the date: a time (hours and minutes, seconds, fractions) and a time zone.
DATE_SUFFIX = (
    r"(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?"
)


def _format_regex(fmt: str) -> re.Pattern[str]:
    if fmt == "%Y%m%d":
        body = _COMPACT
    else:
        body = re.escape(fmt)
        for code, part in _FORMAT_PARTS.items():
            body = body.replace(re.escape(code), part)
    return re.compile(body + DATE_SUFFIX)


_DATE_PATTERNS = tuple(_format_regex(f) for f in DATE_FORMATS)
_DATE_ENDS = " \t\n\r\x0b\x0c"


def parse_date(value: object) -> dt.date | None:
    """The date in ``value`` (a date, a datetime or a text in :data:`DATE_FORMATS`, a time and a
    time zone after it ignored); None when empty; DateError otherwise."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip(_DATE_ENDS)
    if not text:
        return None
    impossible = False
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        try:
            return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            impossible = True
    raise DateError(value, impossible=impossible)


# --------------------------------------------------------------------------------------------
# Folding names and labels

_LIGATURES = str.maketrans({"Œ": "OE", "œ": "oe", "Æ": "AE", "æ": "ae"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str | None) -> str:
    """Lower case, accents removed (é -> e, œ -> oe), every run of anything but ASCII letters and
    digits one space, no space at the ends: ``"Entreprise  d'Insertion (EI)"`` ->
    ``"entreprise d insertion ei"``."""
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _NOT_ALNUM.sub(" ", text.lower()).strip()
