"""``asr users``: dashboard accounts (add, set-role, disable, list)."""

from __future__ import annotations

import typer

from pipelines.cli.common import OutputFormat, echo_rows
from pipelines.settings import load_settings

users_app = typer.Typer(help="Dashboard users and roles.", no_args_is_help=True)


@users_app.command("add")
def add(
    username: str = typer.Argument(..., help="User name (an e-mail when OIDC sign-in is used)."),
    role: str = typer.Option(..., "--role", help="executive, manager, buyer, analyst or admin."),
    person: str = typer.Option(None, "--person", help="person_id of the user in the org chart."),
    password: str = typer.Option(
        None, "--password", help="Password (at least 8 characters); generated when omitted."
    ),
) -> None:
    """Create a user; prints the password when it was generated."""
    from pipelines.users import add_user

    settings = load_settings()
    secret = add_user(username, role, person_id=person, password=password, settings=settings)
    typer.echo(f"Utilisateur {username} créé (rôle {role}).")
    if password is None:
        typer.echo(f"Mot de passe : {secret}")


@users_app.command("set-role")
def set_role_cmd(
    username: str = typer.Argument(..., help="User name."),
    role: str = typer.Argument(..., help="executive, manager, buyer, analyst or admin."),
) -> None:
    """Change a user's role."""
    from pipelines.users import set_role

    set_role(username, role, settings=load_settings())
    typer.echo(f"Rôle de {username} : {role}.")


@users_app.command("set-password")
def set_password_cmd(
    username: str = typer.Argument(..., help="User name."),
    password: str = typer.Option(
        None, "--password", help="New password (at least 8 characters); generated when omitted."
    ),
) -> None:
    """Reset a user's password; prints it when it was generated."""
    from pipelines.users import set_password

    secret = set_password(username, password, settings=load_settings())
    typer.echo(f"Mot de passe de {username} changé.")
    if password is None:
        typer.echo(f"Mot de passe : {secret}")


@users_app.command("disable")
def disable_cmd(username: str = typer.Argument(..., help="User name.")) -> None:
    """Disable a user: they can no longer sign in (the account and its history stay)."""
    from pipelines.users import disable

    disable(username, settings=load_settings())
    typer.echo(f"Utilisateur {username} désactivé.")


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
