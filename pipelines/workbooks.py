"""Hostile workbooks are refused before they are parsed: the one check every XLSX reader makes.

An ``.xlsx`` file is a zip archive. A 1 MB file can inflate to gigabytes (a "zip bomb"): openpyxl
would then hold it in memory, in the CLI or in the dashboard process. The zip's central directory
states each part's sizes; :func:`check_xlsx` reads only that directory and refuses the file if
its parts add up to more than ``ASR_XLSX_MAX_UNCOMPRESSED_MB`` or if a part above 1 MB is
compressed more than ``ASR_XLSX_MAX_RATIO`` times (real sheets compress 5-20 times). A part
that lies about its size cannot get past this either: Python's zipfile stops reading a part at
its stated size (and then fails its checksum).
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pipelines.errors import UserError

#: parts smaller than this are never refused for their ratio (styles, shared strings of a tiny
#: file can compress very well)
RATIO_GRACE_BYTES = 1 << 20


@dataclass(frozen=True)
class XlsxLimits:
    max_uncompressed_mb: int = 500
    max_ratio: int = 100

    @classmethod
    def from_env(cls) -> XlsxLimits:
        """The limits of settings ASR_XLSX_MAX_UNCOMPRESSED_MB and ASR_XLSX_MAX_RATIO."""
        return cls(
            int(os.environ.get("ASR_XLSX_MAX_UNCOMPRESSED_MB") or cls.max_uncompressed_mb),
            int(os.environ.get("ASR_XLSX_MAX_RATIO") or cls.max_ratio),
        )


def check_xlsx(path: Path, limits: XlsxLimits | None = None) -> None:
    """Raise a UserError naming ``path`` if it would inflate beyond the limits.

    A file that is not a zip at all is left to the reader, which reports it as unreadable."""
    limits = limits or XlsxLimits.from_env()
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return
    total = sum(p.file_size for p in parts)
    if total > limits.max_uncompressed_mb << 20:
        raise UserError(
            f"{path} : classeur refusé, il occuperait {total >> 20} Mo une fois décompressé "
            f"(au plus {limits.max_uncompressed_mb} Mo, réglage ASR_XLSX_MAX_UNCOMPRESSED_MB).",
            f"{path}: workbook refused, it would take {total >> 20} MB uncompressed "
            f"(at most {limits.max_uncompressed_mb} MB, setting ASR_XLSX_MAX_UNCOMPRESSED_MB).",
        )
    for part in parts:
        if part.file_size <= RATIO_GRACE_BYTES:
            continue
        ratio = part.file_size / max(part.compress_size, 1)
        if ratio > limits.max_ratio:
            raise UserError(
                f"{path} : classeur refusé, la partie « {part.filename} » est compressée "
                f"{ratio:.0f} fois (au plus {limits.max_ratio}, réglage ASR_XLSX_MAX_RATIO) : "
                "fichier piégé ou anormal.",
                f"{path}: workbook refused, part {part.filename!r} is compressed {ratio:.0f} "
                f"times (at most {limits.max_ratio}, setting ASR_XLSX_MAX_RATIO): a booby-trapped "
                "or abnormal file.",
            )
