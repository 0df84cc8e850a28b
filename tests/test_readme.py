"""The README documents every CLI command and every setting."""

from __future__ import annotations

import re
from typing import Any

import typer.main

from pipelines.cli import app
from pipelines.settings import REPO_ROOT, SETTINGS_DOC

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def _command_paths(command: Any, prefix: tuple[str, ...] = ()) -> list[str]:
    if hasattr(command, "commands"):  # a group (typer vendors its own click)
        paths = []
        for name, sub in command.commands.items():
            paths.extend(_command_paths(sub, (*prefix, name)))
        return paths
    return [" ".join(prefix)]


def test_every_command_is_documented() -> None:
    root = typer.main.get_command(app)
    paths = _command_paths(root)
    assert len(paths) >= 5
    missing = [p for p in paths if not re.search(rf"`asr {re.escape(p)}\b", README)]
    assert not missing, f"README lacks these commands: {missing}"


def test_every_setting_is_documented() -> None:
    missing = [name for name in SETTINGS_DOC if f"`{name}`" not in README]
    assert not missing, f"README lacks these settings: {missing}"


def test_readme_starts_with_the_two_commands() -> None:
    head = README[:600]
    assert "make demo" in head and "make test" in head
