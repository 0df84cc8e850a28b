"""Settings and migrations are wired at the entry points (pipelines/wiring.py), not inside the
business functions: those take ``settings`` and find the store already migrated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipelines.settings import REPO_ROOT

PIPELINES = REPO_ROOT / "pipelines"

#: The entry points: they read the settings and migrate the store, once, before the use cases.
ENTRY_POINTS = ("pipelines/wiring.py", "pipelines/cli/", "pipelines/demo/__init__.py")
#: Where the warehouse migrates itself as it is opened (the writer, ensure_warehouse).
WAREHOUSE = ("pipelines/warehouse/",)

FALLBACK = re.compile(r"\bor\s+load_settings\(\)")
STORE_MIGRATION = re.compile(r"(?<!def )\bcreate_schema\(")
WAREHOUSE_MIGRATION = re.compile(r"(?<!def )\bapply_migrations\(")


def _hits(pattern: re.Pattern[str], allowed: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted(PIPELINES.rglob("*.py")):
        name = str(path.relative_to(REPO_ROOT))
        if name.startswith(allowed):
            continue
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{name}:{no}: {line.strip()}")
    return found


def test_no_business_function_falls_back_to_the_environment() -> None:
    """``settings = settings or load_settings()`` hides which settings a function runs with."""
    assert _hits(FALLBACK, ENTRY_POINTS) == []


def test_the_store_is_migrated_only_at_the_entry_points() -> None:
    assert _hits(STORE_MIGRATION, (*ENTRY_POINTS, "pipelines/store/db.py")) == []


def test_the_warehouse_is_migrated_only_where_it_is_opened() -> None:
    assert _hits(WAREHOUSE_MIGRATION, WAREHOUSE) == []


@pytest.mark.parametrize(
    ("line", "pattern"),
    [
        ("    settings = settings or load_settings()", FALLBACK),
        ("    create_schema(settings)", STORE_MIGRATION),
        ("        apply_migrations(con)", WAREHOUSE_MIGRATION),
    ],
)
def test_the_patterns_catch_what_they_look_for(line: str, pattern: re.Pattern[str]) -> None:
    assert pattern.search(line)
    assert not pattern.search("def create_schema(settings: Settings) -> None:")


def test_the_entry_points_exist() -> None:
    for name in ENTRY_POINTS + WAREHOUSE:
        assert Path(REPO_ROOT / name).exists(), name
