"""Where an uploaded file waits between its preview and its load: a folder of its own per
browser session (``ASR_HOME/uploads/session-XXXX/``), so two sessions uploading files of the
same name never share one; removed after the load, and left-overs of sessions idle longer than
``ASR_SESSION_IDLE_HOURS`` are removed when the Chargements page opens. No Streamlit here.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path

PREFIX = "session-"


def uploads_root(home: Path) -> Path:
    return home / "uploads"


def new_session_folder(home: Path) -> Path:
    """A fresh private folder (mode 0700, random name) under ``ASR_HOME/uploads``."""
    root = uploads_root(home)
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=PREFIX, dir=root))


def safe_name(name: str) -> str:
    """The file's own name, reduced to letters, digits, dots, dashes and underscores."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).name).strip(".") or "fichier"


def save(folder: Path, name: str, content: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / safe_name(name)
    path.write_bytes(content)
    return path


def remove(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def remove_stale(home: Path, *, now: dt.datetime, older_than: dt.timedelta) -> list[Path]:
    """Remove what waits in ``ASR_HOME/uploads`` unchanged for longer than ``older_than``
    (``now`` is UTC); returns what was removed."""
    root = uploads_root(home)
    if not root.is_dir():
        return []
    removed = []
    for entry in root.iterdir():
        changed = dt.datetime.fromtimestamp(entry.stat().st_mtime, dt.UTC).replace(tzinfo=None)
        if now - changed > older_than:
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed.append(entry)
    return sorted(removed)
