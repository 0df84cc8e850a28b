"""Who runs a command that changes pay-relevant state: an authenticated user of the store.

The one place that resolves the acting user of the CLI. ``ASR_USER`` (or ``--user``) is only a
*claim*, proven by the user's password typed at a prompt; scripts give a token from
``asr users token`` in ``ASR_TOKEN`` (or ``--token``). Without a terminal and without a token the
command stops with a one-line error. The role then checked is the authenticated user's role in
the store. Read-only commands do not call this module.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import sys
from collections.abc import Collection
from dataclasses import dataclass

import typer

from pipelines.clock import utcnow
from pipelines.errors import UserError
from pipelines.settings import Settings

#: Who may run which kind of command (DOMAIN.md section 9).
ADMIN = ("admin",)
REVIEWERS = ("analyst", "admin")
CLAUSE_EDITORS = ("facilitator", "analyst", "admin")

USER_OPTION = typer.Option(
    None, "--user", help="Your user name, proven by your password (default: ASR_USER)."
)
TOKEN_OPTION = typer.Option(
    None, "--token", help="A token from 'asr users token' (default: ASR_TOKEN).", show_default=False
)


@dataclass(frozen=True)
class Actor:
    """An authenticated user: the name the audit log records and the role from the store."""

    username: str
    role: str
    via: str  # "password", "token" or "bootstrap"


def clock() -> dt.datetime:
    """Now, naive UTC (tests replace it)."""
    return utcnow()


def interactive() -> bool:
    """Whether a person can answer a password prompt (tests replace it)."""
    return sys.stdin.isatty()


def _client() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # pragma: no cover - no user database in some containers
        return "cli"


def no_credentials() -> UserError:
    return UserError(
        "Cette commande modifie des données qui comptent pour la paie : identifiez-vous, par "
        "votre mot de passe dans un terminal (--user ou ASR_USER) ou par un jeton (ASR_TOKEN ou "
        "--token, voir asr users token).",
        "This command changes data that pay depends on: authenticate, with your password in a "
        "terminal (--user or ASR_USER) or with a token (ASR_TOKEN or --token, see asr users "
        "token).",
    )


def _by_token(token: str, claimed: str | None, settings: Settings) -> Actor:
    from pipelines.tokens import user_for_token

    user = user_for_token(token, settings=settings, now=clock())
    if claimed and claimed != user.username:
        raise UserError(
            f"--user « {claimed} » ne correspond pas au jeton (de « {user.username} »).",
            f"--user {claimed!r} does not match the token (of {user.username!r}).",
        )
    return Actor(user.username, user.role, "token")


def _by_password(claimed: str | None, settings: Settings) -> Actor:
    from pipelines.sign_in import sign_in

    english = settings.lang == "en"
    name = claimed or typer.prompt("User name" if english else "Identifiant")
    password = typer.prompt(
        f"Password for {name}" if english else f"Mot de passe de {name}", hide_input=True
    )
    result = sign_in(name, password, client=_client(), settings=settings, now=clock())
    if result.retry_after is not None:
        raise UserError(
            f"Trop de tentatives, réessayez dans {result.wait_label}.",
            f"Too many attempts, try again in {result.wait_label}.",
        )
    if result.user is None:
        raise UserError(
            f"Identifiant ou mot de passe incorrect, ou compte désactivé ({name}).",
            f"Wrong user name or password, or disabled account ({name}).",
        )
    return Actor(result.user.username, result.user.role, "password")


def authenticate_actor(
    *, user: str | None = None, token: str | None = None, settings: Settings
) -> Actor:
    """The authenticated user running the command, whatever their role."""
    token = token or os.environ.get("ASR_TOKEN") or None
    if token:  # an explicit --user must match the token; ASR_USER is ignored
        return _by_token(token, (user or "").strip() or None, settings)
    if interactive():
        claimed = (user or os.environ.get("ASR_USER") or "").strip() or None
        return _by_password(claimed, settings)
    raise no_credentials()


def require_role(actor: Actor, roles: Collection[str], what_fr: str, what_en: str) -> Actor:
    if actor.role not in roles:
        allowed = ", ".join(roles)
        raise UserError(
            f"« {actor.username} » (rôle {actor.role}) ne peut pas {what_fr} : rôle {allowed} "
            "requis.",
            f"{actor.username!r} (role {actor.role}) may not {what_en}: role {allowed} required.",
        )
    return actor


def acting_user(
    roles: Collection[str],
    what_fr: str,
    what_en: str,
    *,
    user: str | None = None,
    token: str | None = None,
    settings: Settings,
) -> Actor:
    """The authenticated user running the command, if their role is one of ``roles``."""
    actor = authenticate_actor(user=user, token=token, settings=settings)
    return require_role(actor, roles, what_fr, what_en)
