"""Layer rules of STYLE.md that a test can hold."""

from __future__ import annotations

import ast
from pathlib import Path

from pipelines.settings import REPO_ROOT

PIPELINES = REPO_ROOT / "pipelines"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_pipelines_never_import_streamlit_or_the_dashboard() -> None:
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for path in sorted(PIPELINES.rglob("*.py"))
        if _imports(path) & {"streamlit", "dashboard"}
    ]
    assert not offenders, offenders


def test_only_data_module_caches() -> None:
    cachers = [
        str(path.relative_to(REPO_ROOT))
        for path in sorted((REPO_ROOT / "dashboard").rglob("*.py"))
        if "st.cache_data" in path.read_text(encoding="utf-8")
        or "st.cache_resource" in path.read_text(encoding="utf-8")
    ]
    assert cachers == ["dashboard/data.py"], cachers


def test_money_columns_are_decimal_in_the_warehouse() -> None:
    """Every *_eur column of every warehouse migration is DECIMAL, never a float."""
    import re

    bad = []
    for path in sorted((PIPELINES / "warehouse" / "migrations").glob("*.sql")):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"\s*(?:add column\s+)?(\w+_eur)\s+(\w+)", line, re.IGNORECASE)
            if match and match.group(2).lower() not in ("decimal", "numeric"):
                bad.append(f"{path.name}: {line.strip()}")
    assert not bad, bad
