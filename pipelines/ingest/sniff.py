"""Look at the first bytes of a text file: encoding, delimiter, header, number and date styles.

DuckDB reads UTF-8 (and Latin-1) itself; cp1252 and ISO-8859-15 exports (the usual French ERP
output) are transcoded to a temporary UTF-8 file in large chunks first.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.errors import UserError

SAMPLE_BYTES = 1 << 20
CHUNK_BYTES = 16 << 20
DELIMITERS = (";", ",", "\t", "|")

# bytes whose meaning differs between cp1252 and ISO-8859-15 (euro sign, oe, S/Z caron, Y diaeresis)
_LATIN9_ONLY = set(b"\xa4\xa6\xa8\xb4\xb8\xbc\xbd\xbe")


@dataclass
class TextSniff:
    encoding: str  # python codec name of the source
    delimiter: str
    header: list[str]
    sample_rows: list[list[str]] = field(default_factory=list)
    header_line: int = 1  # 1-based line of the header

    @property
    def needs_transcoding(self) -> bool:
        return self.encoding not in ("utf-8", "utf-8-sig")


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data[:8192]:
        return True
    return data[:4] in (b"PK\x03\x04", b"%PDF") or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def detect_encoding(sample: bytes, *, at_eof: bool) -> str:
    """utf-8-sig, utf-8, iso-8859-15 or cp1252 from a sample of the file."""
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


def read_sample(path: Path) -> tuple[bytes, bool]:
    try:
        with open(path, "rb") as handle:
            data = handle.read(SAMPLE_BYTES + 1)
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
    at_eof = len(data) <= SAMPLE_BYTES
    return data[:SAMPLE_BYTES], at_eof


def _count_outside_quotes(line: str, char: str) -> int:
    count, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            count += 1
    return count


def detect_delimiter(lines: list[str]) -> str | None:
    """The delimiter that gives the same, non-zero number of fields on most of the first lines.

    Title lines above the header (no delimiter) do not count against it.
    """
    best, best_score = None, 0
    for delim in DELIMITERS:
        counts = [_count_outside_quotes(line, delim) for line in lines[:30] if line.strip()]
        nonzero = [c for c in counts if c > 0]
        if not nonzero:
            continue
        mode = max(set(nonzero), key=lambda c: (nonzero.count(c), c))
        score = nonzero.count(mode) * 1000 + mode
        if score > best_score:
            best, best_score = delim, score
    return best


def sniff_text(
    path: Path,
    *,
    expected: str,
    header_ok: Callable[[list[str]], bool] | None = None,
    max_header_line: int = 10,
) -> TextSniff:
    """Encoding, delimiter and header of a delimited file, or a UserError naming what was expected.

    ``header_ok`` picks the header among the first ``max_header_line`` lines (title lines above
    the header are common in exports); by default the first non-empty line is the header.
    """
    sample, at_eof = read_sample(path)
    if not sample.strip():
        raise UserError(
            f"{path} : fichier vide, attendu {expected}.",
            f"{path}: empty file, expected {expected}.",
        )
    if _looks_binary(sample):
        raise UserError(
            f"{path} : fichier binaire (pas du texte), attendu {expected}.",
            f"{path}: binary file (not text), expected {expected}.",
        )
    encoding = detect_encoding(sample, at_eof=at_eof)
    text = sample.decode(encoding, errors="replace")
    if not at_eof:  # drop the last, probably truncated, line
        text = text[: text.rfind("\n") + 1] or text
    lines = text.splitlines()
    delimiter = detect_delimiter(lines)
    if delimiter is None:
        raise UserError(
            f"{path} : aucun séparateur de colonnes (; , tabulation |) trouvé, attendu {expected}.",
            f"{path}: no column delimiter (; , tab |) found, expected {expected}.",
        )
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        rows = [line.split(delimiter) for line in lines]
    header_idx = 0
    for idx, row in enumerate(rows[:max_header_line]):
        if not any(cell.strip() for cell in row):
            continue
        if header_ok is None or header_ok(row):
            header_idx = idx
            break
    else:
        header_idx = next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), 0)
    header = [h.strip().lstrip("\ufeff") for h in rows[header_idx]] if rows else []
    # physical line of the header (rows may span lines when quoted; good enough for title lines)
    return TextSniff(
        encoding=encoding,
        delimiter=delimiter,
        header=header,
        sample_rows=rows[header_idx + 1 : header_idx + 2001],
        header_line=header_idx + 1,
    )


def transcode_to_utf8(
    path: Path, encoding: str, target: Path, progress: Callable[[int], None] | None = None
) -> None:
    """Stream ``path`` into ``target`` as UTF-8, in large chunks (no per-row work)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    with open(path, "rb") as src, open(target, "wb", buffering=CHUNK_BYTES) as dst:
        while True:
            chunk = src.read(CHUNK_BYTES)
            if not chunk:
                break
            dst.write(decoder.decode(chunk).encode("utf-8"))
            if progress:
                progress(len(chunk))
        dst.write(decoder.decode(b"", final=True).encode("utf-8"))


_COMMA_DECIMAL = re.compile(r"^[-+(]?[\d\s\u00a0\u202f.]*,\d+\)?-?$")
_POINT_DECIMAL = re.compile(r"^[-+(]?[\d\s\u00a0\u202f,]*\.\d+\)?-?$")


def detect_decimal_separator(values: list[str]) -> str:
    """',' or '.' from sample amounts: the separator followed by 1-2 digits at the end wins."""
    comma = point = 0
    for raw in values:
        value = raw.strip().replace("€", "").strip()
        if not value:
            continue
        if _COMMA_DECIMAL.match(value):
            # "1.234,56" or "1234,56"; but "1,234" alone is ambiguous -> look at digits after
            tail = value.rsplit(",", 1)[1].rstrip(")-")
            if len(tail) == 3 and "." not in value and value.count(",") >= 1:
                point += 0  # ambiguous thousands comma, do not count
            else:
                comma += 1
        elif _POINT_DECIMAL.match(value):
            tail = value.rsplit(".", 1)[1].rstrip(")-")
            if len(tail) == 3 and "," not in value:
                continue  # "1.234" ambiguous
            point += 1
    return "." if point > comma else ","


_PLAIN = {",": re.compile(r"^-?\d+(,\d+)?$"), ".": re.compile(r"^-?\d+(\.\d+)?$")}


def mostly_plain_numbers(values: list[str], decimal_separator: str, share: float = 0.9) -> bool:
    """True when most sample amounts are plain numbers ("-1234,56"): picks the faster parser.

    Only a speed choice: both parsers give the same value for every text.
    """
    pattern = _PLAIN[decimal_separator]
    filled = [v for v in values if v.strip()]
    if not filled:
        return False
    return sum(1 for v in filled if pattern.match(v)) >= share * len(filled)
