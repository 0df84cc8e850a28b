"""``asr users``: dashboard accounts (add, set-role, set-password, disable, token, list).

Every change runs as an authenticated admin (pipelines/cli/identity.py); a user may also reset
their own password and manage their own tokens. Bootstrap: on a store without any user,
``asr users add NAME --role admin`` creates the first admin without credentials.
"""

from __future__ import annotations

import typer

from pipelines.cli.common import OutputFormat, check_choice, echo_rows
from pipelines.cli.identity import (
    ADMIN,
    TOKEN_OPTION,
    USER_OPTION,
    Actor,
    acting_user,
    authenticate_actor,
    clock,
    require_role,
)
from pipelines.errors import UserError
from pipelines.i18n import t
from pipelines.settings import Settings, load_settings

users_app = typer.Typer(help="Dashboard users and roles.", no_args_is_help=True)

ROLE_HELP = "executive, manager, buyer, analyst, facilitator or admin."


def _admin(settings: Settings, user: str | None, token: str | None) -> Actor:
    return acting_user(
        ADMIN, "gérer les utilisateurs", "manage users", user=user, token=token, settings=settings
    )


def _admin_or_self(username: str, settings: Settings, user: str | None, token: str | None) -> Actor:
    actor = authenticate_actor(user=user, token=token, settings=settings)
    if actor.username == username:
        return actor
    return require_role(
        actor, ADMIN, "gérer le compte d'un autre utilisateur", "manage another user's account"
    )


@users_app.command("add")
def add(
    username: str = typer.Argument(..., help="User name (an e-mail when OIDC sign-in is used)."),
    role: str = typer.Option(..., "--role", help=ROLE_HELP),
    person: str = typer.Option(None, "--person", help="person_id of the user in the org chart."),
    password: str = typer.Option(
        None, "--password", help="Password (at least 8 characters); generated when omitted."
    ),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Create a user; prints the password when it was generated. On a store without any user,
    the first admin is created without credentials."""
    from pipelines.store.models import ROLES
    from pipelines.users import add_user, check_person_for_role, has_users

    check_choice("--role", role, ROLES)
    settings = load_settings()
    first = not has_users(settings)
    if first and role != "admin":
        raise UserError(
            "La base n'a encore aucun utilisateur : le premier doit être un administrateur "
            "(--role admin).",
            "The store has no user yet: the first one must be an admin (--role admin).",
        )
    check_person_for_role(role, person)
    actor = username if first else _admin(settings, user, token).username
    secret = add_user(
        username,
        role,
        person_id=person,
        password=password,
        settings=settings,
        actor=actor,
        only_if_first=first,
    )
    typer.echo(t("cli.users.added", username=username, role=role))
    if password is None:
        typer.echo(t("cli.users.password", secret=secret))


@users_app.command("set-role")
def set_role_cmd(
    username: str = typer.Argument(..., help="User name."),
    role: str = typer.Argument(..., help=ROLE_HELP),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Change a user's role."""
    from pipelines.store.models import ROLES
    from pipelines.users import check_person_for_role, get_user, set_role

    check_choice("ROLE", role, ROLES)
    settings = load_settings()
    actor = _admin(settings, user, token)
    target = get_user(username, settings)
    if target is not None:
        check_person_for_role(role, target.person_id)
    set_role(username, role, settings=settings, actor=actor.username)
    typer.echo(t("cli.users.role_set", username=username, role=role))


@users_app.command("set-password")
def set_password_cmd(
    username: str = typer.Argument(..., help="User name."),
    password: str = typer.Option(
        None, "--password", help="New password (at least 8 characters); generated when omitted."
    ),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Reset a user's password (an admin, or the user themself); prints it when generated."""
    from pipelines.users import set_password

    settings = load_settings()
    actor = _admin_or_self(username, settings, user, token)
    secret = set_password(username, password, settings=settings, actor=actor.username)
    typer.echo(t("cli.users.password_set", username=username))
    if password is None:
        typer.echo(t("cli.users.password", secret=secret))


@users_app.command("disable")
def disable_cmd(
    username: str = typer.Argument(..., help="User name."),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Disable a user: they can no longer sign in nor use their tokens (the account and its
    history stay)."""
    from pipelines.users import disable

    settings = load_settings()
    actor = _admin(settings, user, token)
    disable(username, settings=settings, actor=actor.username)
    typer.echo(t("cli.users.disabled", username=username))


@users_app.command("token")
def token_cmd(
    username: str = typer.Argument(..., help="User the token acts for."),
    days: int = typer.Option(90, "--days", help="Days before the token expires (1-366)."),
    revoke: bool = typer.Option(
        False, "--revoke", help="Revoke every token of the user instead of issuing one."
    ),
    user: str = USER_OPTION,
    token: str = TOKEN_OPTION,
) -> None:
    """Issue a token for scripts (shown once; give it as ASR_TOKEN), or revoke a user's tokens.
    An admin, or the user themself."""
    from pipelines.tokens import issue_token, revoke_tokens

    settings = load_settings()
    actor = _admin_or_self(username, settings, user, token)
    if revoke:
        count = revoke_tokens(username, actor=actor.username, settings=settings, now=clock())
        typer.echo(t("cli.users.revoked", count=count, username=username))
        return
    secret = issue_token(username, days=days, actor=actor.username, settings=settings, now=clock())
    typer.echo(t("cli.users.token", username=username, days=days))
    typer.echo(secret)


@users_app.command("list")
def list_cmd(
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
) -> None:
    """List users with their role, person and status (never their password)."""
    from pipelines.users import list_users

    rows = [
        {
            "username": u.username,
            "role": u.role,
            "person_id": u.person_id,
            "is_active": bool(u.is_active),
        }
        for u in list_users(load_settings())
    ]
    echo_rows(rows, fmt, ["username", "role", "person_id", "is_active"])


def register(app: typer.Typer, reference_app: typer.Typer, report_app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
