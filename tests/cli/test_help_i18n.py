"""Help of every command and option comes from the i18n catalogue, in French and in English
(pipelines/cli/help.py), and the catalogue has no help for a command that does not exist."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import typer.main

from pipelines.cli import app, main
from pipelines.cli.help import command_key, commands, help_text, param_keys
from pipelines.i18n import MESSAGES, set_lang


@pytest.fixture(autouse=True)
def _back_to_french() -> Iterator[None]:
    yield
    set_lang("fr")


def _tree() -> list[tuple[tuple[str, ...], object]]:
    return list(commands(typer.main.get_command(app)))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_command_and_option_has_its_help_in_the_catalogue(lang: str) -> None:
    missing = []
    for path, command in _tree():
        if help_text(command_key(path), lang) is None:
            missing.append(command_key(path))
        for param in getattr(command, "params", []):
            if help_text(param_keys(path, param.name), lang) is None:
                missing.append(param_keys(path, param.name)[0])
    assert not missing, missing


def test_no_help_in_the_catalogue_for_a_command_or_option_that_does_not_exist() -> None:
    known = set()
    for path, command in _tree():
        known.add(command_key(path))
        for param in getattr(command, "params", []):
            known.update(param_keys(path, param.name))
    for lang in ("fr", "en"):
        written = {k for k in MESSAGES[lang] if k.startswith(("cli.help", "cli.opt."))}
        assert written <= known, sorted(written - known)


@pytest.mark.parametrize(
    ("lang", "expected", "unexpected"),
    [
        ("fr", "Premier jour", "First day"),
        ("en", "First day", "Premier jour"),
    ],
)
def test_help_is_printed_in_the_users_language(
    lang: str, expected: str, unexpected: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("ASR_LANG", lang)
    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(SystemExit) as done:
        main(["report", "kpi", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert expected in out and unexpected not in out


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_help_page_prints(lang: str, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("ASR_LANG", lang)
    for path, _command in _tree():
        with pytest.raises(SystemExit) as done:
            main([*path, "--help"])
        assert done.value.code == 0, path
        out = capsys.readouterr().out
        assert "Usage" in out and "Traceback" not in out, path
