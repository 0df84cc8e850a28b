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
from pipelines.textinput import detect_encoding, normalize_newlines, opening, sniff_delimiter

SAMPLE_BYTES = 1 << 20
CHUNK_BYTES = 16 << 20
#: Line ends DuckDB's CSV reader misreads (CR CR LF leaves a LF at the start of the next row):
#: a file holding them is rewritten with LF line ends, in large chunks, before it is read.
_CR_RUN_LF = re.compile(rb"\r\r+\n")
#: Control bytes other than tab, LF and CR.
_RARE_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 13)) + b"\x7f"


@dataclass(frozen=True)
class ControlBytes:
    """Which control bytes a file (or a part of it) holds: they decide how much cleaning its
    text fields need (land.define_text_cleaner)."""

    tabs: bool = False
    cr_runs: bool = False  # CR CR LF
    rare: bool = False  # any control byte but tab, CR and LF

    def __or__(self, other: ControlBytes) -> ControlBytes:
        return ControlBytes(
            self.tabs or other.tabs, self.cr_runs or other.cr_runs, self.rare or other.rare
        )


def scan_control_bytes(data: bytes) -> ControlBytes:
    """C-speed scan of raw bytes (about 1.5 GB/s)."""
    return ControlBytes(
        tabs=b"\t" in data,
        cr_runs=b"\r\r" in data,
        rare=len(data.translate(None, _RARE_CONTROLS)) < len(data),
    )


@dataclass
class TextSniff:
    encoding: str  # python codec name of the source
    delimiter: str
    header: list[str]
    sample_rows: list[list[str]] = field(default_factory=list)
    header_line: int = 1  # 1-based line of the header
    #: CR CR LF line ends: the file is rewritten with LF before DuckDB reads it
    needs_newline_fix: bool = False
    #: control bytes of the sample
    controls: ControlBytes = ControlBytes()
    #: a quoted field of the sample spans lines
    quoted_newlines: bool = False

    @property
    def needs_transcoding(self) -> bool:
        return self.encoding not in ("utf-8", "utf-8-sig")

    @property
    def needs_rewrite(self) -> bool:
        return self.needs_transcoding or self.needs_newline_fix


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data[:8192]:
        return True
    return data[:4] in (b"PK\x03\x04", b"%PDF") or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_sample(path: Path) -> tuple[bytes, bool]:
    with opening(path), open(path, "rb") as handle:
        data = handle.read(SAMPLE_BYTES + 1)
    at_eof = len(data) <= SAMPLE_BYTES
    return data[:SAMPLE_BYTES], at_eof


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
    if not at_eof and "\n" not in text and "\r" not in text:
        raise UserError(
            f"{path}, ligne 1 : ligne trop longue (plus de {SAMPLE_BYTES >> 20} Mo sans fin de "
            f"ligne), attendu {expected}. Rien n'a été chargé.",
            f"{path}, line 1: line too long (more than {SAMPLE_BYTES >> 20} MB without a line "
            f"end), expected {expected}. Nothing was loaded.",
        )
    if not at_eof:  # drop the last, probably truncated, line
        text = text[: text.rfind("\n") + 1] or text
    text = normalize_newlines(text)
    lines = text.split("\n")
    delimiter = sniff_delimiter(lines)
    if delimiter is None:
        raise UserError(
            f"{path} : aucun séparateur de colonnes (; , tabulation |) trouvé, attendu {expected}.",
            f"{path}: no column delimiter (; , tab |) found, expected {expected}.",
        )
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        rows = [line.split(delimiter) for line in lines if line]
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
        needs_newline_fix=bool(_CR_RUN_LF.search(sample)),
        controls=scan_control_bytes(sample),
        quoted_newlines=any("\n" in cell for row in rows for cell in row),
    )


def rewrite_utf8(
    path: Path,
    encoding: str,
    target: Path,
    progress: Callable[[int], None] | None = None,
    *,
    fix_newlines: bool = False,
) -> None:
    """Stream ``path`` into ``target`` as UTF-8, in large chunks (no per-row work); with
    ``fix_newlines``, every run of CRs before a LF is dropped (CR CR LF and CR LF become LF)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    carry = ""
    with open(path, "rb") as src, open(target, "wb", buffering=CHUNK_BYTES) as dst:
        while True:
            chunk = src.read(CHUNK_BYTES)
            final = not chunk
            text = carry + decoder.decode(chunk, final=final)
            carry = ""
            if fix_newlines:
                if not final:  # CRs at the end of a chunk may precede the next chunk's LF
                    kept = text.rstrip("\r")
                    carry, text = text[len(kept) :], kept
                text = _CRS_LF.sub("\n", text)
            dst.write(text.encode("utf-8"))
            if final:
                break
            if progress:
                progress(len(chunk))


_CRS_LF = re.compile(r"\r+\n")
