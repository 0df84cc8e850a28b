"""Which format a file is in, from its extension and first line (``--format auto``)."""

from __future__ import annotations

from pathlib import Path

from pipelines.errors import UserError
from pipelines.ingest.headers import normalize_header
from pipelines.ingest.sniff import read_sample
from pipelines.textinput import detect_encoding, normalize_newlines

FORMATS = ("csv", "xlsx", "fec", "lemarche", "decp")

FEC_MARKERS = {"journalcode", "ecriturenum", "comptenum", "ecrituredate"}
DECP_MARKERS = {"considerationssociales", "considerations sociales", "codecpv", "code cpv"}
LEMARCHE_MARKERS = {"depense achat", "raison sociale fournisseur"}


def _first_line_tokens(path: Path) -> set[str]:
    sample, at_eof = read_sample(path)
    if not sample:
        return set()
    text = sample.decode(detect_encoding(sample, at_eof=at_eof), errors="replace")
    first = normalize_newlines(text.lstrip("\ufeff")).split("\n", 1)[0]
    for delim in (";", "\t", "|", ","):
        first = first.replace(delim, "\x00")
    return {normalize_header(cell.strip().strip('"')) for cell in first.split("\x00")}


def detect_format(path: Path, fmt: str) -> str:
    fmt = (fmt or "auto").lower()
    if fmt != "auto":
        if fmt not in FORMATS:
            raise UserError(
                f"--format « {fmt} » inconnu ; valeurs possibles : auto, {', '.join(FORMATS)}.",
                f"--format {fmt!r} unknown; expected auto, {', '.join(FORMATS)}.",
            )
        return fmt
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "decp"
    if suffix in (".xlsx", ".xlsm"):
        from pipelines.ingest.xlsx import peek_header_tokens

        tokens = peek_header_tokens(path)
        if tokens & {"depense achat"}:
            return "lemarche"
        return "xlsx"
    if suffix == ".xls":
        raise UserError(
            f"{path} : ancien format Excel .xls non pris en charge, "
            "enregistrez-le en .xlsx ou CSV.",
            f"{path}: legacy .xls workbooks are not supported; save it as .xlsx or CSV.",
        )
    tokens = {t.replace(" ", "") for t in _first_line_tokens(path)}
    if len(tokens & FEC_MARKERS) >= 3:
        return "fec"
    spaced = _first_line_tokens(path)
    if tokens & {m.replace(" ", "") for m in DECP_MARKERS} and any("acheteur" in t for t in spaced):
        return "decp"
    if spaced & {"depense achat"}:
        return "lemarche"
    return "csv"
