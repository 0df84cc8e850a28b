"""What the command line says exists in French and in English, with the same placeholders, and
ASR_LANG=en gives English."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from pipelines.cli import main
from pipelines.i18n import set_lang
from pipelines.i18n.areas import cli, oeth, quarantine


@pytest.fixture(autouse=True)
def _back_to_french() -> Iterator[None]:
    yield
    set_lang("fr")


def _fields(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)", text))


@pytest.mark.parametrize("module", [cli, oeth, quarantine], ids=lambda m: m.__name__)
def test_both_languages_have_the_same_keys_and_placeholders(module) -> None:
    assert set(module.FR) == set(module.EN)
    differ = [k for k in module.FR if _fields(module.FR[k]) != _fields(module.EN[k])]
    assert not differ, differ


@pytest.mark.parametrize(("lang", "expected"), [("fr", "Entrepôt prêt"), ("en", "Warehouse ready")])
def test_a_command_speaks_the_language_of_asr_lang(
    lang: str, expected: str, settings, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("ASR_LANG", lang)
    with pytest.raises(SystemExit) as done:
        main(["init"])
    assert done.value.code == 0
    assert expected in capsys.readouterr().out
