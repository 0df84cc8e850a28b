"""``asr demo``: build the demo organisation and serve the dashboard."""

from __future__ import annotations

import typer

from pipelines.i18n import t
from pipelines.settings import load_settings


def demo(
    lines: int = typer.Option(200_000, "--lines", help="How many invoice lines to generate."),
    seed: int = typer.Option(42, "--seed", help="Random seed (same seed, same data)."),
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve the dashboard afterwards."),
    port: int = typer.Option(8501, "--port", help="Dashboard port."),
) -> None:
    """Build a believable demo organisation (3 entities, ~40 people, 2 years) and serve it."""
    from pipelines.demo import build_demo

    settings = load_settings()
    result = build_demo(lines=lines, seed=seed, settings=settings, say=typer.echo)
    typer.echo(t("cli.demo.ready", home=settings.home, lines=result.lines_loaded))
    typer.echo(t("cli.demo.accounts"))
    from pipelines.demo import DEMO_USERS

    for username, password in result.passwords.items():
        typer.echo(f"  {username:<10} {password:<24} {DEMO_USERS[username][0]}")
    if serve:
        from pipelines.cli.core import serve_dashboard

        serve_dashboard(port=port)


def register(app: typer.Typer, reference_app: typer.Typer, report_app: typer.Typer) -> None:
    app.command("demo")(demo)
