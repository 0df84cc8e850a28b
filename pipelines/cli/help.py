"""Help of the commands and options in the user's language, from the i18n catalogue.

Keys (pipelines/i18n/areas/cli.py): ``cli.help`` for the program, ``cli.help.<path>`` for a
command or group (``cli.help.report.kpi``), ``cli.help.<path>.<parameter>`` for one of its
options or arguments, with ``cli.opt.<parameter>`` for one shared by many commands. The help
strings written beside the Typer options are only the fallback of a key that does not exist.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pipelines.i18n import MESSAGES


def commands(root: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """(path, command) of the root and of every group and command under it."""
    yield path, root
    for name, sub in sorted(getattr(root, "commands", {}).items()):
        yield from commands(sub, (*path, name))


def command_key(path: tuple[str, ...]) -> str:
    return ".".join(("cli.help", *path))


def param_keys(path: tuple[str, ...], name: str) -> tuple[str, str]:
    return f"{command_key(path)}.{name}", f"cli.opt.{name}"


def help_text(key_or_keys: str | tuple[str, ...], lang: str) -> str | None:
    """The first of the keys that the catalogue of ``lang`` has, or None."""
    keys = (key_or_keys,) if isinstance(key_or_keys, str) else key_or_keys
    table = MESSAGES.get(lang, {})
    return next((table[k] for k in keys if k in table), None)


def localise(root: Any, lang: str) -> Any:
    """Put the help texts of ``lang`` on ``root`` and everything under it (in place)."""
    for path, command in commands(root):
        text = help_text(command_key(path), lang)
        if text is not None:
            command.help = text
            command.short_help = None
        help_option = command.get_help_option(command.context_class(command))
        if help_option is not None:
            help_option.help = help_text("cli.show_help", lang) or help_option.help
        for param in getattr(command, "params", []):
            if param.name is None:
                continue
            text = help_text(param_keys(path, param.name), lang)
            if text is not None and hasattr(param, "help"):
                param.help = text
    return root
