# ruff: noqa: E501 (message catalogue: one message per line)
"""Texts of the ``asr`` command line: usage mistakes, messages, help of commands and options.

Help keys: ``cli.help`` (the program), ``cli.help.<command path>`` (a command or group, words
joined by dots: ``cli.help.report.kpi``), ``cli.help.<command path>.<parameter>`` (an option or
argument by its Python name), with ``cli.opt.<parameter>`` for an option shared by many commands
(``--format``, ``--user``, ``--token``). ``tests/cli/test_help_i18n.py`` checks that every
command and every parameter finds its text in both languages.
"""

from __future__ import annotations

FR: dict[str, str] = {
    # usage mistakes: one sentence each
    "cli.usage.line": "Usage : {usage}",
    "cli.usage.error": "Erreur : {message}",
    "cli.usage.missing_option": "Il manque l'option {name}.",
    "cli.usage.missing_argument": "Il manque l'argument {name}.",
    "cli.usage.bad_value": "{option} : « {value} » n'est pas une valeur possible, {expected}.",
    "cli.usage.expected_choice": "attendu {choices}",
    "cli.usage.expected_int": "attendu un nombre entier (ex. 100)",
    "cli.usage.expected_number": "attendu un nombre (ex. 1234,56)",
    "cli.usage.expected_other": "voir l'aide de la commande (--help)",
    "cli.usage.bad_choice": "{option} : « {value} » n'est pas une valeur possible ; valeurs possibles : {choices}.",
    "cli.usage.no_such_option": "L'option {option} n'existe pas pour cette commande.",
    "cli.usage.no_such_option_hint": "L'option {option} n'existe pas pour cette commande ; vouliez-vous dire {hint} ?",
    "cli.usage.option_needs_value": "L'option {option} attend une valeur.",
    "cli.usage.no_such_command": "La commande « {name} » n'existe pas ; commandes possibles : {choices}.",
    "cli.usage.no_such_command_hint": "La commande « {name} » n'existe pas ; vouliez-vous dire « {hint} » ?",
    "cli.usage.extra_arguments": "Argument(s) en trop : {extra}.",
    "cli.usage.other": "Commande mal formée ({detail}).",
    "cli.interrupted": "Interrompu.",
    "cli.no_rows": "(aucune ligne)",
    "cli.yes": "oui",
    "cli.no": "non",
    "cli.reference.loaded": "{file} ({source}, instantané du {as_of}) : {loaded} fiche(s) chargée(s), dont {flagged} au SIRET douteux, {closed} fiche(s) absente(s) clôturée(s), {skipped} ligne(s) ignorée(s) — chargement {load}.",
    "cli.reference.unchanged": "{file} : déjà chargé à l'identique pour la source {source} (chargement {load}), rien à faire.",
    # numbers typed on the command line
    "cli.number.not_a_number": "{option} : « {value} » n'est pas un nombre (ex. 1234,56 ou 1 234,56).",
    "cli.number.negative": "{option} : « {value} » est négatif.",
    "cli.number.not_a_fraction": "{option} : « {value} », attendu une fraction (0,035) ou un pourcentage (3,5 %).",
}

EN: dict[str, str] = {
    "cli.usage.line": "Usage: {usage}",
    "cli.usage.error": "Error: {message}",
    "cli.usage.missing_option": "Missing option {name}.",
    "cli.usage.missing_argument": "Missing argument {name}.",
    "cli.usage.bad_value": "{option}: {value!r} is not a possible value, {expected}.",
    "cli.usage.expected_choice": "expected {choices}",
    "cli.usage.expected_int": "expected a whole number (e.g. 100)",
    "cli.usage.expected_number": "expected a number (e.g. 1234.56)",
    "cli.usage.expected_other": "see the command's help (--help)",
    "cli.usage.bad_choice": "{option}: {value!r} is not a possible value; expected one of {choices}.",
    "cli.usage.no_such_option": "This command has no option {option}.",
    "cli.usage.no_such_option_hint": "This command has no option {option}; did you mean {hint}?",
    "cli.usage.option_needs_value": "Option {option} needs a value.",
    "cli.usage.no_such_command": "There is no command {name!r}; commands: {choices}.",
    "cli.usage.no_such_command_hint": "There is no command {name!r}; did you mean {hint!r}?",
    "cli.usage.extra_arguments": "Unexpected extra argument(s): {extra}.",
    "cli.usage.other": "Malformed command ({detail}).",
    "cli.interrupted": "Interrupted.",
    "cli.no_rows": "(no rows)",
    "cli.yes": "yes",
    "cli.no": "no",
    "cli.reference.loaded": "{file} ({source}, snapshot of {as_of}): {loaded} record(s) loaded, {flagged} with a doubtful SIRET, {closed} missing record(s) closed, {skipped} line(s) skipped — load {load}.",
    "cli.reference.unchanged": "{file}: already loaded unchanged for source {source} (load {load}), nothing to do.",
    "cli.number.not_a_number": "{option}: {value!r} is not a number (e.g. 1234.56).",
    "cli.number.negative": "{option}: {value!r} is negative.",
    "cli.number.not_a_fraction": "{option}: {value!r}, expected a fraction (0.035) or a percentage (3.5%).",
}
