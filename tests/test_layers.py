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


#: What the pages may import from ``pipelines``: the use cases (every write goes through
#: pipelines.workflows), the read queries, the catalogue, and these read-only names.
PAGE_IMPORTS_ANYTHING = ("pipelines.workflows", "pipelines.queries", "pipelines.i18n")
PAGE_READ_NAMES: dict[str, set[str]] = {
    "pipelines.errors": {"UserError"},
    "pipelines.clock": {"utcnow"},
    "pipelines.exports": {"XLSX_MAX_ROWS"},
    "pipelines.kinds": {"KINDS"},
    "pipelines.access": {"intersect", "subtree_of"},
    "pipelines.objectives": {
        "DEFAULT_CURVE_TEXT",
        "OBJECTIVE_COLUMNS",
        "CurveError",
        "list_periods",
        "parse_curve",
    },
    "pipelines.objectives.definitions": {"export_rows"},
    "pipelines.objectives.metrics": {"metric_keys"},
}


def _page_imports(path: Path) -> list[tuple[str, str | None]]:
    """(module, name) of every import of ``pipelines`` in a page (name None: ``import x``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[str, str | None]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, None) for a in node.names if a.name.split(".")[0] == "pipelines"]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pipelines"):
            found += [(str(node.module), a.name) for a in node.names]
    return found


def _page_may_import(module: str, name: str | None) -> bool:
    if any(module == m or module.startswith(m + ".") for m in PAGE_IMPORTS_ANYTHING):
        return True
    return name is not None and name in PAGE_READ_NAMES.get(module, set())


def test_pages_write_only_through_the_workflows() -> None:
    """Pages import the dashboard, the use cases (pipelines.workflows), the queries and the
    catalogue; from the rest of pipelines only named read-only helpers, never a write."""
    offenders = [
        f"{path.relative_to(REPO_ROOT)}: {module}{'.' + name if name else ''}"
        for path in sorted((REPO_ROOT / "dashboard" / "pages").glob("*.py"))
        for module, name in _page_imports(path)
        if not _page_may_import(module, name)
    ]
    assert not offenders, offenders


def test_the_page_import_rule_catches_a_write() -> None:
    assert not _page_may_import("pipelines.classify.review", "confirm")
    assert not _page_may_import("pipelines.objectives", "close_period")
    assert not _page_may_import("pipelines.ingest", None)
    assert _page_may_import("pipelines.workflows", "decide")
    assert _page_may_import("pipelines.queries.periods", "Period")
