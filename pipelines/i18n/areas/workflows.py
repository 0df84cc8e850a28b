"""Messages of the use cases shared by the CLI and the pages (pipelines/workflows.py)."""

FR = {
    "workflows.decision_unchanged": (
        "{name} porte déjà cette décision : rien n'a changé, aucun nouvel événement d'audit."
    ),
}

EN = {
    "workflows.decision_unchanged": (
        "{name} already carries this decision: nothing changed, no new audit event."
    ),
}
