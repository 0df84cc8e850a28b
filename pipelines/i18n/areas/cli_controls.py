"""Help of ``asr controls`` and ``asr report controls`` (pipelines/cli/help.py)."""

FR = {
    "cli.help.controls": "Contrôles contre le contournement des objectifs : revoir un signal.",
    "cli.help.controls.review": (
        "Marquer un signal comme revu à ses chiffres actuels. Administrateurs et direction, "
        "authentifiés."
    ),
    "cli.help.controls.review.signal_id": "Identifiant du signal (asr report controls).",
    "cli.help.report.controls": (
        "Signaux de contournement d'une période, classés par part variable en jeu, ouverts et "
        "revus."
    ),
}

EN = {
    "cli.help.controls": "Controls against gaming the objectives: review a signal.",
    "cli.help.controls.review": (
        "Mark a signal reviewed at its current figures. Admins and executives, authenticated."
    ),
    "cli.help.controls.review.signal_id": "Signal id, from asr report controls.",
    "cli.help.report.controls": (
        "Signals of gaming for a period, ranked by the payout at stake, open and reviewed."
    ),
}
