"""Settings, read from the environment. Every setting is documented in the README.

| variable | default | meaning |
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = REPO_ROOT / "data" / "reference"
#: FEC journal codes of opening entries (à-nouveaux) by default (DOMAIN.md section 4)
DEFAULT_OPENING_JOURNALS: tuple[str, ...] = ("AN", "ANO", "RAN", "AD", "OUV")

#: name -> (default, description). The README test checks each one is documented.
SETTINGS_DOC: dict[str, tuple[str, str]] = {
    "ASR_HOME": ("./data", "folder holding the DuckDB warehouse and generated files"),
    "ASR_DATABASE_URL": (
        "sqlite:///$ASR_HOME/asr.sqlite",
        "SQLAlchemy URL of the objectives store (people, users, objectives, overrides, audit)",
    ),
    "ASR_USER": (
        "the OS user name",
        "who is recorded for CLI loads; for commands that change pay-relevant state, only the "
        "user name whose password is asked for (a claim, never trusted alone)",
    ),
    "ASR_TOKEN": (
        "unset",
        "a token from `asr users token` that authenticates scripts running commands that "
        "change pay-relevant state (same as --token)",
    ),
    "ASR_SESSION_IDLE_HOURS": (
        "8",
        "a dashboard session unused for this many hours is signed out",
    ),
    "ASR_NAME_MATCH_THRESHOLD": ("90", "minimum rapidfuzz score (0-100) for a name match"),
    "ASR_ESS_IN_INCLUSIVE": ("0", "1 counts ESS spend inside inclusive spend"),
    "ASR_PERIOD_DATE": ("invoice", "which date sets a line's period: invoice or posting"),
    "ASR_LANG": ("fr", "user-interface language: fr or en"),
    "ASR_UPLOAD_MAX_MB": ("200", "largest file the dashboard accepts for upload"),
    "ASR_INGEST_MEMORY_MB": (
        "1024",
        "memory cap of a load's DuckDB writer: 3/4 of the file size, at least 512 MB, at most "
        "this (spills to disk beyond)",
    ),
    "ASR_REPORT_PARAMETERS": (
        "pipelines/reports/parameters/parameters.yaml",
        "dated parameters of the regulatory reports (SMIC, OETH bands, labour shares, hourly cost)",
    ),
    "ASR_FEC_OPENING_JOURNALS": (
        ",".join(DEFAULT_OPENING_JOURNALS),
        "FEC journal codes of opening entries (à-nouveaux), comma-separated; a journal label "
        "mentioning 'nouveau' or an entry on accounts 10-12 is an opening entry too: never spend",
    ),
    "ASR_XLSX_MAX_UNCOMPRESSED_MB": (
        "500",
        "largest total uncompressed size of an .xlsx file's parts; a larger workbook is refused "
        "before it is parsed",
    ),
    "ASR_XLSX_MAX_RATIO": (
        "100",
        "largest compression ratio of an .xlsx part above 1 MB (a zip bomb inflates far more); "
        "such a workbook is refused before it is parsed",
    ),
    "ASR_TEST_DATABASE_URL": ("unset", "tests only: a PostgreSQL URL to run the store tests on"),
}


#: Default of ASR_NAME_MATCH_THRESHOLD (rapidfuzz score, 0-100).
NAME_MATCH_THRESHOLD = 90.0


def _env(name: str, default: str) -> str:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    user: str
    name_match_threshold: float = NAME_MATCH_THRESHOLD
    ess_in_inclusive: bool = False
    period_date: str = "invoice"
    lang: str = "fr"
    upload_max_mb: int = 200
    report_parameters: str = ""
    ingest_memory_mb: int = 1024
    fec_opening_journals: tuple[str, ...] = DEFAULT_OPENING_JOURNALS
    session_idle_hours: float = 8.0
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def warehouse_path(self) -> Path:
        return self.home / "warehouse.duckdb"


def load_settings() -> Settings:
    home = Path(_env("ASR_HOME", "./data")).expanduser().resolve()
    default_url = f"sqlite:///{home / 'asr.sqlite'}"
    try:
        user = getpass.getuser()
    except Exception:  # pragma: no cover - no user database in some containers
        user = "unknown"
    period_date = _env("ASR_PERIOD_DATE", "invoice")
    if period_date not in ("invoice", "posting"):
        raise ValueError(f"ASR_PERIOD_DATE must be 'invoice' or 'posting', not {period_date!r}")
    idle = _env("ASR_SESSION_IDLE_HOURS", "8")
    try:
        session_idle_hours = float(idle)
    except ValueError:
        session_idle_hours = -1.0
    if not session_idle_hours > 0:
        raise ValueError(f"ASR_SESSION_IDLE_HOURS must be a positive number of hours, not {idle!r}")
    return Settings(
        home=home,
        database_url=_env("ASR_DATABASE_URL", default_url),
        user=_env("ASR_USER", user),
        name_match_threshold=float(_env("ASR_NAME_MATCH_THRESHOLD", f"{NAME_MATCH_THRESHOLD:g}")),
        ess_in_inclusive=_env("ASR_ESS_IN_INCLUSIVE", "0") in ("1", "true", "yes"),
        period_date=period_date,
        lang=_env("ASR_LANG", "fr"),
        upload_max_mb=int(_env("ASR_UPLOAD_MAX_MB", "200")),
        report_parameters=_env("ASR_REPORT_PARAMETERS", ""),
        ingest_memory_mb=int(_env("ASR_INGEST_MEMORY_MB", "1024")),
        fec_opening_journals=tuple(
            code.strip().upper()
            for code in _env("ASR_FEC_OPENING_JOURNALS", ",".join(DEFAULT_OPENING_JOURNALS)).split(
                ","
            )
            if code.strip()
        ),
        session_idle_hours=session_idle_hours,
    )
