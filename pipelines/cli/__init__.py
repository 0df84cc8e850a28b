"""The ``asr`` command line. One module per area registers its commands; no business logic here."""

from __future__ import annotations

import os
import sys

import typer

from pipelines.errors import UserError

app = typer.Typer(
    name="asr",
    help="Achats socialement responsables: ingest ledgers, classify suppliers, track objectives.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
reference_app = typer.Typer(
    help="Load the official directories of inclusive suppliers.", no_args_is_help=True
)
report_app = typer.Typer(help="Indicators and reports.", no_args_is_help=True)
app.add_typer(reference_app, name="reference")


@app.callback()
def _entry(ctx: typer.Context) -> None:
    # The command line's entry point (pipelines.wiring): the objectives store is migrated once,
    # here, before any command runs; not for a help request, which changes nothing.
    if ctx.resilient_parsing or "--help" in sys.argv[1:]:
        return
    from pipelines.wiring import ready

    ready()


app.add_typer(report_app, name="report")


def _register_all() -> None:
    from pipelines.cli import core

    core.register(app, reference_app, report_app)
    # Each area's module adds its own commands (see pipelines/cli/*.py).
    import importlib
    import pkgutil

    import pipelines.cli as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name in ("core", "common"):
            continue
        module = importlib.import_module(f"pipelines.cli.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app, reference_app, report_app)


_register_all()


def main() -> None:
    """Console entry point: user errors are printed in the user's language, never as tracebacks."""
    import click

    try:
        rc = app(standalone_mode=False)
    except UserError as exc:
        prefix = "Error: " if os.environ.get("ASR_LANG") == "en" else "Erreur : "
        typer.secho(prefix + exc.message(), err=True, fg="red")
        sys.exit(1)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("Interrompu.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    sys.exit(rc if isinstance(rc, int) else 0)
