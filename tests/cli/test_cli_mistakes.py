"""Every command-line mistake gets one sentence in the user's language, the usage line of the
command (for a usage mistake) and exit code 2 — never a traceback (pipelines/cli/usage.py).

The table runs through ``main()`` in a subprocess, as a person at a terminal would, once in
French and once in English.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import typer.main

from pipelines.cli import app
from pipelines.cli.common import parse_number_option
from pipelines.errors import UserError
from pipelines.settings import REPO_ROOT, Settings
from pipelines.users import add_user
from pipelines.wiring import ready

KPI = ["report", "kpi", "--from", "2026-01-01", "--to", "2026-12-31"]

#: (arguments, exit code, a fragment of the French message, a fragment of the English one)
MISTAKES: list[tuple[list[str], int, str, str]] = [
    (["report", "kpi", "--frm", "2026"], 2, "--frm", "--frm"),
    ([*KPI, "--format", "xml"], 2, "« xml »", "'xml'"),
    (["review", "list", "--limit", "dix"], 2, "nombre entier", "whole number"),
    (["review", "list", "--limit", "nan"], 2, "nombre entier", "whole number"),
    (["users", "token", "bob", "--days", "inf"], 2, "nombre entier", "whole number"),
    (["reprot"], 2, "« report »", "'report'"),
    (["report", "kpis"], 2, "« kpi »", "'kpi'"),
    (["frobnicate"], 2, "commandes possibles", "commands:"),
    (["report", "kpi"], 2, "--from", "--from"),
    (["ingest"], 2, "FILES", "FILES"),
    (["users", "add", "x", "--role"], 2, "--role", "--role"),
    (["review", "list", "extra"], 2, "extra", "extra"),
    (["review", "list", "--status", "foo"], 2, "probable, none", "probable, none"),
    ([*KPI, "--by", "colour"], 2, "entity", "entity"),
    (["audit", "list", "--type", "override"], 2, "supplier", "supplier"),
    (["users", "add", "x", "--role", "chef"], 2, "buyer", "buyer"),
    (["users", "set-role", "x", "chef"], 2, "buyer", "buyer"),
    (["exclusions", "add", "colour", "x"], 2, "account_prefix", "account_prefix"),
    (["ingest", "f.csv", "--format", "xml"], 2, "lemarche", "lemarche"),
    (["reference", "load", "f.csv", "--source", "x"], 2, "sirene", "sirene"),
    (["users", "add", "x", "--role", "buyer"], 1, "--person", "--person"),
    (["users", "add", "x", "--role", "manager"], 1, "--person", "--person"),
    (["objectives", "whatif", "X", "--extra", "nan"], 1, "pas un nombre", "not a number"),
    (["objectives", "whatif", "X", "--extra", "inf"], 1, "pas un nombre", "not a number"),
    (["objectives", "whatif", "X", "--extra", "-Infinity"], 1, "pas un nombre", "not a number"),
    (
        ["report", "oeth", "--year", "2025", "--headcount", "nan", "--beneficiaries", "3"],
        1,
        "pas un nombre",
        "not a number",
    ),
    (
        ["report", "oeth", "--year", "2025", "--headcount", "10", "--beneficiaries", "1e999"],
        1,
        "pas un nombre",
        "not a number",
    ),
    (["report", "kpi", "--from", "31/02/2026", "--to", "31/12/2026"], 1, "impossible", "impossib"),
    (["report", "kpi", "--from", "2026-1345", "--to", "2026-12-31"], 1, "illisible", "unreadable"),
]

RUNNER = """
import contextlib, io, json, sys, traceback
from pipelines.cli import main
out = []
for args in json.loads(sys.argv[1]):
    err = io.StringIO()
    code = None
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code
        except BaseException:
            traceback.print_exc(file=err)
    out.append({"code": code, "stderr": err.getvalue()})
print(json.dumps(out))
"""


def _run_all(lang: str, home: Path) -> list[dict[str, object]]:
    """Every mistake through main() in one subprocess, on a store that has its first admin."""
    database_url = f"sqlite:///{home / 'asr.sqlite'}"
    settings = ready(Settings(home=home, database_url=database_url, user="t"))
    add_user("root", "admin", settings=settings)
    env = {
        "ASR_LANG": lang,
        "ASR_HOME": str(home),
        "ASR_DATABASE_URL": database_url,
        "PATH": "/usr/bin:/bin",
        "NO_COLOR": "1",
    }
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, json.dumps([m[0] for m in MISTAKES])],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_mistake_is_one_sentence_and_the_usage_line(lang: str, tmp_path: Path) -> None:
    prefix, usage = ("Erreur : ", "Usage : asr") if lang == "fr" else ("Error: ", "Usage: asr")
    results = _run_all(lang, tmp_path)
    for (args, code, fr, en), result in zip(MISTAKES, results, strict=True):
        stderr = str(result["stderr"])
        assert "Traceback" not in stderr, (args, stderr)
        assert result["code"] == code, (args, result)
        lines = stderr.strip().splitlines()
        assert len(lines) == (2 if code == 2 else 1), (args, stderr)
        message = lines[0]
        assert message.startswith(prefix), (args, message)
        assert (fr if lang == "fr" else en) in message, (args, message)
        sentence = message[len(prefix) :]
        assert re.fullmatch(r"[^\n]+[.?]", sentence), (args, sentence)
        assert not re.search(r"[.?] [A-ZÀ-Ý]", sentence), ("two sentences", args, sentence)
        if lang == "en":
            assert "«" not in sentence, (args, sentence)
        if code == 2:
            assert lines[1].startswith(usage), (args, lines)
            assert args[0] in lines[1] or lines[1].startswith(f"{usage} [OPTIONS] COMMAND")


@pytest.mark.parametrize(
    "text", ["nan", "NaN", "-nan", "inf", "-inf", "Infinity", "sNaN", "1e3", "1e999", "", "dix"]
)
def test_a_number_option_refuses_nan_infinities_and_exponents(text: str) -> None:
    with pytest.raises(UserError):
        parse_number_option(text, "--extra")


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        ("1 234,56", {}, Decimal("1234.56")),
        ("-12,5", {}, Decimal("-12.5")),
        ("3,5%", {"percent": True}, Decimal("0.035")),
        ("0.035", {"percent": True}, Decimal("0.035")),
    ],
)
def test_a_number_option_reads_french_and_english_numbers(
    text: str, kwargs: dict[str, bool], expected: Decimal
) -> None:
    assert parse_number_option(text, "--x", **kwargs) == expected


def test_a_negative_or_over_100_percent_is_refused_when_asked() -> None:
    with pytest.raises(UserError):
        parse_number_option("-1", "--headcount", negative=False)
    with pytest.raises(UserError):
        parse_number_option("150%", "--direct-rate", percent=True)


def _params() -> list[tuple[str, object]]:
    found = []

    def walk(command: object, path: str) -> None:
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, f"{path} {name}".strip())
        for param in getattr(command, "params", []):
            annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
            found.append((f"{path} {param.name}", annotation))

    walk(typer.main.get_command(app), "")
    return found


def test_no_option_reads_a_float_or_decimal_on_its_own() -> None:
    """Whole numbers are typed int (the parser refuses nan); any other number is typed as text
    and read by parse_number_option, the one reading that refuses NaN and infinities."""
    floats = [p for p, a in _params() if a in (float, Decimal)]
    assert not floats


def test_every_audited_object_type_is_known() -> None:
    from pipelines.store.audit import OBJECT_TYPES

    written = set()
    for path in (REPO_ROOT / "pipelines").rglob("*.py"):
        written |= set(re.findall(r'object_type="([a-z_]+)"', path.read_text(encoding="utf-8")))
    assert written <= set(OBJECT_TYPES), written - set(OBJECT_TYPES)


def test_a_user_without_a_person_cannot_become_a_buyer(settings: Settings, cli_as) -> None:
    from typer.testing import CliRunner

    from pipelines.users import get_user

    admin = cli_as("admin")
    add_user("bob", "analyst", settings=settings, actor="test-setup")
    refused = CliRunner().invoke(app, ["users", "set-role", "bob", "buyer"], env=admin)
    assert refused.exit_code == 1 and "personne" in str(refused.exception)
    user = get_user("bob", settings)
    assert user is not None and user.role == "analyst"
    done = CliRunner().invoke(app, ["users", "set-role", "bob", "executive"], env=admin)
    assert done.exit_code == 0, done.output


def test_a_bug_is_one_sentence_and_a_logged_traceback(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pipelines.cli import core, main

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(core, "kpi_report", broken)
    monkeypatch.delenv("ASR_DEBUG", raising=False)
    with pytest.raises(SystemExit) as done:
        main(["report", "kpi", "--from", "2026-01-01", "--to", "2026-12-31"])
    assert done.value.code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "boom" not in err and len(err.strip().splitlines()) == 1
    ref = re.search(r"référence ([0-9a-f]{8})", err)
    assert ref is not None, err
    log = (settings.home / "logs" / "cli-errors.log").read_text(encoding="utf-8")
    assert f"ref {ref[1]}" in log and "RuntimeError: boom" in log
