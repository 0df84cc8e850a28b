"""Usage mistakes on the command line, told in one sentence in the user's language.

Typer parses the command line with its own copy of click (``typer._click``), whose exceptions do
not subclass ``click.ClickException``; the real click's are handled too. :func:`explain` turns
any of them into one sentence from the catalogue (``cli.usage.*``), :func:`usage_line` gives the
usage line of the command that was being typed, found again from the arguments so that it does
not depend on the exception carrying a context.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from difflib import get_close_matches
from typing import Any

import click
import typer.main
from typer._click import exceptions as typer_click

from pipelines.errors import UserError
from pipelines.i18n import t

#: Every usage-error class of both clicks.
USAGE_ERRORS: tuple[type[Exception], ...] = (typer_click.UsageError, click.UsageError)
#: Every other exception click shows to a user (files it could not open, mostly).
CLICK_ERRORS: tuple[type[Exception], ...] = (typer_click.ClickException, click.ClickException)


class UsageMistake(UserError):
    """A value the command line refuses before any work: exits 2 with the usage line, as the
    parser's own refusals do (a value that is not one of the possible ones, mostly)."""


def refuse_choice(option: str, value: object, choices: Sequence[str]) -> UsageMistake:
    """« --by « x » : valeur inconnue ; valeurs possibles : a, b. » (raise what it returns)."""
    listed = ", ".join(choices)
    return UsageMistake(
        t("cli.usage.bad_choice", "fr", option=option, value=value, choices=listed),
        t("cli.usage.bad_choice", "en", option=option, value=value, choices=listed),
    )


def _join(items: Sequence[str], lang: str) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    last = " or " if lang == "en" else " ou "
    return ", ".join(items[:-1]) + last + items[-1]


def _option_name(param: Any) -> str:
    opts = getattr(param, "opts", None) or []
    if getattr(param, "param_type_name", "") == "argument" or not opts:
        return str(getattr(param, "name", "?") or "?").upper()
    return str(max(opts, key=len))


def _annotation(param: Any) -> Any:
    descriptor = getattr(param, "type_descriptor", None)
    return getattr(descriptor, "annotation", None)


def _expected(param: Any, lang: str) -> str:
    """What a value of ``param`` looks like, from its annotation."""
    annotation = _annotation(param)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        choices = [str(m.value) for m in annotation]
        return t("cli.usage.expected_choice", lang, choices=_join(choices, lang))
    if annotation is int:
        return t("cli.usage.expected_int", lang)
    if annotation is float:
        return t("cli.usage.expected_number", lang)
    return t("cli.usage.expected_other", lang)


def _bad_value(exc: Any) -> str:
    cause = exc.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):
        try:
            found = errors()
        except Exception:  # pragma: no cover - a validation error without details
            found = []
        if found and "input" in found[0]:
            return str(found[0]["input"])
    match = re.search(r"'([^']*)'", str(getattr(exc, "message", "")))
    return match[1] if match else "?"


def _words(args: Sequence[str]) -> list[str]:
    return [a for a in args if not a.startswith("-")]


def _walk(args: Sequence[str]) -> tuple[list[str], Any, str | None]:
    """(path of names, deepest command, the word that is not a command of its group)."""
    command: Any = typer.main.get_command(_app())
    path: list[str] = []
    for word in _words(args):
        commands = getattr(command, "commands", None)
        if commands is None:
            break
        if word not in commands:
            return path, command, word
        command = commands[word]
        path.append(word)
    return path, command, None


def _app() -> typer.Typer:
    from pipelines.cli import app

    return app


def usage_line(args: Sequence[str], lang: str) -> str:
    """« Usage : asr report kpi [OPTIONS] » for the command the arguments name."""
    path, _command, _unknown = _walk(args)
    command: Any = typer.main.get_command(_app())
    ctx = command.context_class(command, info_name="asr")
    for name in path:
        command = command.commands[name]
        ctx = command.context_class(command, info_name=name, parent=ctx)
    line = re.sub(r"^Usage:\s*", "", command.get_usage(ctx).strip())
    line = re.sub(r"\{(\w+)\}", lambda m: m[1].upper(), line)  # typer writes {files}
    return t("cli.usage.line", lang, usage=line)


def explain(exc: BaseException, args: Sequence[str], lang: str) -> str:
    """One sentence that says what is wrong with the command line."""
    if isinstance(exc, UserError):
        return exc.message(lang)
    param = getattr(exc, "param", None)
    if isinstance(exc, (typer_click.MissingParameter, click.MissingParameter)):
        key = (
            "cli.usage.missing_argument"
            if getattr(param, "param_type_name", "") == "argument"
            else "cli.usage.missing_option"
        )
        return t(key, lang, name=_option_name(param))
    if isinstance(exc, (typer_click.BadParameter, click.BadParameter)):
        return t(
            "cli.usage.bad_value",
            lang,
            option=_option_name(param),
            value=_bad_value(exc),
            expected=_expected(param, lang),
        )
    if isinstance(exc, (typer_click.NoSuchOption, click.NoSuchOption)):
        possible = sorted(exc.possibilities or [])
        if possible:
            return t(
                "cli.usage.no_such_option_hint",
                lang,
                option=exc.option_name,
                hint=_join(possible, lang),
            )
        return t("cli.usage.no_such_option", lang, option=exc.option_name)
    if isinstance(exc, (typer_click.BadOptionUsage, click.BadOptionUsage)):
        return t("cli.usage.option_needs_value", lang, option=exc.option_name)
    message = str(getattr(exc, "message", "") or exc)
    if message.startswith("No such command"):
        path, command, unknown = _walk(args)
        names = sorted(getattr(command, "commands", {}))
        close = get_close_matches(unknown or "", names, n=1)
        if close:
            return t("cli.usage.no_such_command_hint", lang, name=unknown, hint=close[0])
        return t("cli.usage.no_such_command", lang, name=unknown, choices=_join(names, lang))
    extra = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message)
    if extra:
        return t("cli.usage.extra_arguments", lang, extra=extra[1])
    return t("cli.usage.other", lang, detail=message.rstrip("."))


#: A group typed without a command: click shows its help (and exits 2).
NO_ARGS_IS_HELP: tuple[type[Exception], ...] = (typer_click.NoArgsIsHelpError,) + (
    (click.exceptions.NoArgsIsHelpError,) if hasattr(click.exceptions, "NoArgsIsHelpError") else ()
)
