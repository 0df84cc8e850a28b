"""The ``asr`` command line. One module per area registers its commands; no business logic here."""

from __future__ import annotations

import os
import sys

import typer
import typer.main

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
        if info.name in ("core", "common", "help", "usage"):
            continue
        module = importlib.import_module(f"pipelines.cli.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app, reference_app, report_app)


_register_all()


def main(args: list[str] | None = None) -> None:
    """Console entry point. A usage mistake prints one sentence in the user's language
    (``ASR_LANG``) and the command's usage line, and exits 2; a user error prints one sentence
    and exits 1; never a traceback (pipelines/cli/usage.py)."""
    from pipelines.cli import usage
    from pipelines.cli.help import localise
    from pipelines.i18n import set_lang, t

    lang = "en" if os.environ.get("ASR_LANG") == "en" else "fr"
    set_lang(lang)
    args = list(sys.argv[1:] if args is None else args)
    command = localise(typer.main.get_command(app), lang)
    try:
        rc = command.main(args=args, prog_name="asr", standalone_mode=False)
    except usage.UsageMistake as exc:
        _fail(t("cli.usage.error", message=exc.message(lang)), usage.usage_line(args, lang), 2)
    except UserError as exc:
        _fail(t("cli.usage.error", message=exc.message(lang)), None, 1)
    except (typer.Abort, KeyboardInterrupt, EOFError):
        _fail(t("cli.interrupted"), None, 130)
    except usage.USAGE_ERRORS as exc:
        if isinstance(exc, usage.NO_ARGS_IS_HELP):
            exc.show()  # type: ignore[attr-defined]  # a group typed alone: its help
            sys.exit(2)
        message = usage.explain(exc, args, lang)
        _fail(t("cli.usage.error", message=message), usage.usage_line(args, lang), 2)
    except usage.CLICK_ERRORS as exc:
        detail = exc.format_message()  # type: ignore[attr-defined]
        _fail(t("cli.usage.error", message=detail), None, 1)
    except Exception:  # a bug: one sentence for the user, the traceback in a log file
        if os.environ.get("ASR_DEBUG"):
            raise
        _fail(_unexpected(), None, 1)
    sys.exit(rc if isinstance(rc, int) else 0)


def _unexpected() -> str:
    """Write the current traceback to ASR_HOME/logs/cli-errors.log (or the temporary folder)
    under a reference, and return the sentence that names both."""
    import datetime as dt
    import secrets
    import tempfile
    import traceback
    from pathlib import Path

    from pipelines.i18n import t

    ref = secrets.token_hex(4)
    try:
        from pipelines.settings import load_settings

        folder = Path(load_settings().home) / "logs"
    except Exception:
        folder = Path(tempfile.gettempdir())
    log = folder / "cli-errors.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as out:
            out.write(f"--- {dt.datetime.now(dt.UTC).isoformat()} ref {ref} asr {sys.argv[1:]}\n")
            out.write(traceback.format_exc())
    except OSError:
        return t("cli.unexpected_unlogged", ref=ref)
    return t("cli.unexpected", ref=ref, log=log)


def _fail(message: str, usage_line: str | None, code: int) -> None:
    typer.secho(message, err=True, fg="red")
    if usage_line:
        typer.echo(usage_line, err=True)
    sys.exit(code)
