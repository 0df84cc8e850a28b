"""Commands that change pay-relevant state run as an authenticated user of the store
(pipelines/cli/identity.py): never as whatever ASR_USER says."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli import app, identity
from pipelines.objectives import close_period, is_closed
from pipelines.settings import Settings
from pipelines.store.audit import event_dict, list_events
from pipelines.store.db import session_scope
from pipelines.store.models import ApiToken, PeriodClosing
from pipelines.tokens import issue_token, revoke_tokens
from pipelines.users import add_user, disable, get_user, set_role
from tests.conftest import CLI_NOW
from tests.dashboard import dashboard_tiny_org as tiny

runner = CliRunner()


@pytest.fixture(scope="module")
def closed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny organisation with 2025 closed by its admin, built once per module."""
    home = Path(tmp_path_factory.mktemp("closed"))
    settings = Settings(home=home, database_url=f"sqlite:///{home / 'asr.sqlite'}", user="test")
    tiny.build(settings)
    close_period("2025", reason="payé", settings=settings, actor="admin")
    return home


@pytest.fixture
def closed_2025(
    closed_template: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> Settings:
    """A copy of the template in this test's ASR_HOME; the CLI's clock fixed at CLI_NOW."""
    shutil.copytree(closed_template, settings.home, dirs_exist_ok=True)
    monkeypatch.setattr(identity, "clock", lambda: CLI_NOW)
    return settings


def store_state(settings: Settings) -> tuple[object, ...]:
    with session_scope(settings) as s:
        closing = s.get(PeriodClosing, "2025")
        assert closing is not None
        events = [event_dict(e) for e in list_events(s)]
        return (closing.is_closed, closing.reopened_by, json.dumps(events, default=str))


def token(settings: Settings, username: str, **kwargs: object) -> dict[str, str]:
    value = issue_token(username, actor="test", settings=settings, now=CLI_NOW, **kwargs)  # type: ignore[arg-type]
    return {"ASR_TOKEN": value}


def test_asr_user_alone_cannot_reopen_and_changes_nothing(closed_2025: Settings) -> None:
    before = store_state(closed_2025)
    out = runner.invoke(
        app, ["period", "reopen", "2025", "--reason", "hausse"], env={"ASR_USER": "admin"}
    )
    assert out.exit_code == 1
    assert "ASR_TOKEN" in str(out.exception) and "mot de passe" in str(out.exception)
    assert store_state(closed_2025) == before
    assert is_closed("2025", closed_2025)


def test_refusal_is_one_line_without_traceback(
    closed_2025: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pipelines.cli import main

    monkeypatch.setenv("ASR_USER", "admin")
    monkeypatch.setattr(sys, "argv", ["asr", "period", "reopen", "2025", "--reason", "x"])
    monkeypatch.setattr(identity, "interactive", lambda: False)
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("Erreur : ") and err.count("\n") == 1 and "Traceback" not in err


def test_a_valid_token_reopens_and_the_audit_names_its_user(closed_2025: Settings) -> None:
    env = {**token(closed_2025, "admin"), "ASR_USER": "someone-else"}
    out = runner.invoke(app, ["period", "reopen", "2025", "--reason", "erreur de cible"], env=env)
    assert out.exit_code == 0, out.output
    assert not is_closed("2025", closed_2025)
    with session_scope(closed_2025) as s:
        last = list_events(s, 1)[0]
    assert (last.action, last.actor, last.reason) == ("reopen", "admin", "erreur de cible")


def test_the_token_option_works_like_the_variable(closed_2025: Settings) -> None:
    value = token(closed_2025, "admin")["ASR_TOKEN"]
    out = runner.invoke(app, ["period", "reopen", "2025", "--reason", "x", "--token", value])
    assert out.exit_code == 0, out.output
    mismatch = runner.invoke(
        app, ["period", "close", "2025", "--reason", "x", "--token", value, "--user", "acheteur"]
    )
    assert mismatch.exit_code == 1 and "ne correspond pas" in str(mismatch.exception)


@pytest.mark.parametrize(
    "spoil, message",
    [
        ("expired", "expiré"),
        ("revoked", "révoqué"),
        ("disabled", "désactivé"),
        ("unknown", "inconnu"),
    ],
)
def test_spoilt_tokens_are_refused(
    closed_2025: Settings, monkeypatch: pytest.MonkeyPatch, spoil: str, message: str
) -> None:
    add_user("admin2", "admin", settings=closed_2025)  # so that "admin" may be disabled
    env = token(closed_2025, "admin", days=30)
    if spoil == "expired":
        monkeypatch.setattr(identity, "clock", lambda: CLI_NOW + dt.timedelta(days=30))
    elif spoil == "revoked":
        assert revoke_tokens("admin", actor="admin2", settings=closed_2025, now=CLI_NOW) == 1
    elif spoil == "disabled":
        disable("admin", settings=closed_2025, actor="admin2")
    else:
        env = {"ASR_TOKEN": env["ASR_TOKEN"] + "x"}
    before = store_state(closed_2025)
    out = runner.invoke(app, ["period", "reopen", "2025", "--reason", "x"], env=env)
    assert out.exit_code == 1
    assert message in str(out.exception)
    assert store_state(closed_2025) == before


def test_a_token_one_second_before_expiry_still_works(
    closed_2025: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = token(closed_2025, "admin", days=30)
    monkeypatch.setattr(
        identity, "clock", lambda: CLI_NOW + dt.timedelta(days=30) - dt.timedelta(seconds=1)
    )
    out = runner.invoke(app, ["period", "reopen", "2025", "--reason", "x"], env=env)
    assert out.exit_code == 0, out.output


def test_a_buyers_token_cannot_close_a_period(closed_2025: Settings) -> None:
    out = runner.invoke(
        app, ["period", "close", "2024", "--reason", "x"], env=token(closed_2025, "acheteur")
    )
    assert out.exit_code == 1
    assert "acheteur" in str(out.exception) and "admin" in str(out.exception)
    assert not is_closed("2024", closed_2025)


def test_a_role_change_applies_to_existing_tokens(closed_2025: Settings) -> None:
    env = token(closed_2025, "analyste")
    refused = runner.invoke(app, ["period", "reopen", "2025", "--reason", "x"], env=env)
    assert refused.exit_code == 1
    set_role("analyste", "admin", settings=closed_2025, actor="admin")
    ok = runner.invoke(app, ["period", "reopen", "2025", "--reason", "x"], env=env)
    assert ok.exit_code == 0, ok.output


@pytest.mark.parametrize(
    "args",
    [
        ["org", "load", "people.csv"],
        ["objectives", "load", "o.csv"],
        ["period", "close", "2024", "--reason", "x"],
        ["period", "reopen", "2025", "--reason", "x"],
        ["users", "add", "x", "--role", "admin"],
        ["users", "set-role", "acheteur", "admin"],
        ["users", "set-password", "admin", "--password", "a-long-password"],
        ["users", "disable", "admin"],
        ["users", "token", "admin"],
        ["review", "confirm", "33333333333333"],
        ["review", "reject", "33333333333333"],
        ["review", "set", "33333333333333", "--kind", "EA"],
        ["exclusions", "add", "category", "Loyers"],
        ["exclusions", "remove", "supplier", "66666666666666"],
        ["contracts", "load", "contracts.csv"],
    ],
)
def test_every_pay_relevant_command_needs_credentials(closed_2025: Settings, args) -> None:
    before = store_state(closed_2025)
    out = runner.invoke(app, args, env={"ASR_USER": "admin"})
    assert out.exit_code == 1
    assert "ASR_TOKEN" in str(out.exception), out.output
    assert store_state(closed_2025) == before


@pytest.mark.parametrize(
    "args",
    [
        ["period", "list"],
        ["audit", "list"],
        ["users", "list"],
        ["objectives", "export"],
        ["exclusions", "list"],
        ["review", "list"],
        ["report", "attainment", "--period", "2025"],
        ["report", "kpi", "--from", "2025-01-01", "--to", "2025-12-31"],
    ],
)
def test_reading_needs_no_credentials(closed_2025: Settings, args) -> None:
    out = runner.invoke(app, args)
    assert out.exit_code == 0, out.output


def test_password_prompt_in_a_terminal(closed_2025: Settings, monkeypatch) -> None:
    monkeypatch.setattr(identity, "interactive", lambda: True)
    wrong = runner.invoke(
        app, ["period", "reopen", "2025", "--reason", "x", "--user", "admin"], input="nope\n"
    )
    assert wrong.exit_code == 1 and "incorrect" in str(wrong.exception)
    assert is_closed("2025", closed_2025)
    monkeypatch.setattr(identity, "clock", lambda: CLI_NOW + dt.timedelta(seconds=1))
    ok = runner.invoke(
        app,
        ["period", "reopen", "2025", "--reason", "x"],
        input=tiny.PASSWORD + "\n",
        env={"ASR_USER": "admin"},
    )
    assert ok.exit_code == 0, ok.output
    assert tiny.PASSWORD not in ok.output  # hidden input
    with session_scope(closed_2025) as s:
        events = list_events(s)
    failed = [e for e in events if e.action == "sign_in_failed"]
    assert [(e.object_type, e.object_id) for e in failed] == [("user", "admin")]
    assert "nope" not in json.dumps([event_dict(e) for e in events], default=str)
    assert events[-1].action == "reopen" and events[-1].actor == "admin"


def test_password_prompt_asks_for_the_name_without_a_claim(closed_2025: Settings, monkeypatch):
    monkeypatch.setattr(identity, "interactive", lambda: True)
    monkeypatch.delenv("ASR_USER")
    out = runner.invoke(
        app, ["period", "reopen", "2025", "--reason", "x"], input=f"admin\n{tiny.PASSWORD}\n"
    )
    assert out.exit_code == 0, out.output
    assert "Identifiant" in out.output


def test_the_cli_prompt_is_throttled_like_the_dashboard(closed_2025: Settings, monkeypatch):
    monkeypatch.setattr(identity, "interactive", lambda: True)
    args = ["period", "reopen", "2025", "--reason", "x", "--user", "admin"]
    for minute in range(5):  # one try a minute: past the growing delay, not past the lock
        monkeypatch.setattr(identity, "clock", lambda m=minute: CLI_NOW + dt.timedelta(minutes=m))
        assert "incorrect" in str(runner.invoke(app, args, input="nope\n").exception)
    out = runner.invoke(app, args, input=tiny.PASSWORD + "\n")  # right password, but locked
    assert out.exit_code == 1 and "réessayez dans 15 min" in str(out.exception)
    assert is_closed("2025", closed_2025)


# -- users: bootstrap, tokens ---------------------------------------------------------------------
def test_first_admin_bootstrap_then_credentials(settings: Settings, cli_as) -> None:
    buyer_first = runner.invoke(app, ["users", "add", "bob", "--role", "buyer"])
    assert buyer_first.exit_code == 1 and "premier" in str(buyer_first.exception)
    first = runner.invoke(app, ["users", "add", "boss", "--role", "admin", "--password", "x" * 12])
    assert first.exit_code == 0, first.output
    second = runner.invoke(app, ["users", "add", "mallory", "--role", "admin"])
    assert second.exit_code == 1 and "ASR_TOKEN" in str(second.exception)
    assert get_user("mallory", settings) is None
    env = {"ASR_TOKEN": issue_token("boss", actor="boss", settings=settings, now=CLI_NOW)}
    import pipelines.cli.identity as ident

    ident_clock = ident.clock
    try:
        ident.clock = lambda: CLI_NOW  # type: ignore[assignment]
        ok = runner.invoke(app, ["users", "add", "carol", "--role", "analyst"], env=env)
    finally:
        ident.clock = ident_clock  # type: ignore[assignment]
    assert ok.exit_code == 0, ok.output
    with session_scope(settings) as s:
        adds = [(e.object_id, e.actor) for e in list_events(s) if e.action == "user.add"]
    assert adds == [("boss", "boss"), ("carol", "boss")]


def test_tokens_are_issued_once_stored_hashed_and_revocable(closed_2025: Settings) -> None:
    admin = token(closed_2025, "admin")
    out = runner.invoke(app, ["users", "token", "acheteur", "--days", "7"], env=admin)
    assert out.exit_code == 0, out.output
    issued = out.output.strip().splitlines()[-1]
    assert issued.startswith("asr_")
    with session_scope(closed_2025) as s:
        stored = [t.token_hash for t in s.query(ApiToken).filter_by(username="acheteur")]
        events = json.dumps([event_dict(e) for e in list_events(s)], default=str)
    assert len(stored) == 1 and issued not in stored[0] and issued not in events
    # the buyer can list nothing more than before, but may revoke their own tokens
    mine = runner.invoke(app, ["users", "token", "acheteur", "--revoke"], env={"ASR_TOKEN": issued})
    assert mine.exit_code == 0 and "1 jeton" in mine.output
    again = runner.invoke(app, ["users", "token", "acheteur"], env={"ASR_TOKEN": issued})
    assert again.exit_code == 1 and "révoqué" in str(again.exception)


def test_a_buyer_cannot_issue_a_token_for_someone_else(closed_2025: Settings) -> None:
    out = runner.invoke(app, ["users", "token", "admin"], env=token(closed_2025, "acheteur"))
    assert out.exit_code == 1 and "admin" in str(out.exception)
    out = runner.invoke(
        app, ["users", "set-role", "acheteur", "admin"], env=token(closed_2025, "acheteur")
    )
    assert out.exit_code == 1
    assert get_user("acheteur", closed_2025).role == "buyer"  # type: ignore[union-attr]


@pytest.mark.parametrize("days", [0, 367])
def test_token_lifetime_is_bounded(closed_2025: Settings, days: int) -> None:
    out = runner.invoke(
        app, ["users", "token", "admin", "--days", str(days)], env=token(closed_2025, "admin")
    )
    assert out.exit_code == 1 and "--days" in str(out.exception)
