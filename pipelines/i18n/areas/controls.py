"""Texts of the controls against gaming the objectives (pipelines/controls, page « Contrôles »)."""

FR = {
    "controls.kind.spike": "Pic de fin de période",
    "controls.kind.reversal": "Avoir après clôture",
    "controls.kind.concentration": "Concentration",
    "controls.kind.new_gone": "Fournisseur apparu puis disparu",
    "controls.kind.self_interest": "Décision intéressée",
    "controls.kind.portfolio": "Mouvement de portefeuille",
    "controls.sentence.spike": (
        "{supplier} : {tail_eur} dans les {days} derniers jours de la période, soit {share} "
        "de l'année contre {expected} attendus ; {excess_eur} au-dessus de la saisonnalité."
    ),
    "controls.sentence.reversal": (
        "{supplier} : {reversed_eur} d'avoirs après la clôture (jusqu'au {last_date}) sur "
        "{closed_eur} comptés dans les chiffres clôturés."
    ),
    "controls.sentence.concentration": (
        "{objective} : {supplier} apporte {share} du réalisé ({suppliers} fournisseurs, "
        "indice de Herfindahl {hhi})."
    ),
    "controls.sentence.new_gone": (
        "{supplier} : premier achat le {first_date}, {spend_eur} comptés, aucun achat depuis "
        "la fin de la période."
    ),
    "controls.action.override.confirm": "confirmer la correspondance",
    "controls.action.override.set_kind": "fixer le type de structure",
    "controls.action.override.reject": "rejeter la correspondance",
    "controls.action.exclusion.add": "ajouter une exclusion",
    "controls.action.exclusion.update": "modifier une exclusion",
    "controls.action.exclusion.remove": "retirer une exclusion",
    "controls.sentence.self_interest": (
        "{actor} a choisi de {action} pour {object} le {date} ; cela fait monter l'objectif de "
        "{owners} ({euros})."
    ),
    "controls.sentence.portfolio": (
        "{objective} : {lines} ligne(s), {euros}, réattribuées depuis {from} entre deux "
        "extractions font passer le seuil de {threshold}."
    ),
    "controls.title": "Contrôles",
    "controls.caption": (
        "Signaux de contournement des objectifs, classés par part variable en jeu. Un signal "
        "ne change aucun chiffre."
    ),
    "controls.none": "Aucun signal ouvert.",
    "controls.open": "Signaux ouverts : {count}, part variable en jeu : {stake}.",
    "controls.reviewed": "Signaux revus : {count}.",
    "controls.review": "Marquer comme revu",
    "controls.reason": "Motif",
    "controls.done": "Signal marqué comme revu.",
    "controls.lines": "Lignes en cause",
    "controls.explorer": "Ouvrir dans l'Explorateur",
    "controls.close_warning": (
        "{count} signal(aux) ouvert(s) sur cette période touchent {stake} de part variable."
    ),
    "controls.annual": "Contrôles : {open} signal(aux) ouvert(s), {reviewed} revu(s).",
}

EN = {
    "controls.kind.spike": "End-of-period spike",
    "controls.kind.reversal": "Reversal after close",
    "controls.kind.concentration": "Concentration",
    "controls.kind.new_gone": "New and gone supplier",
    "controls.kind.self_interest": "Self-interested decision",
    "controls.kind.portfolio": "Portfolio move",
    "controls.sentence.spike": (
        "{supplier}: {tail_eur} in the period's last {days} days, {share} of the year "
        "against {expected} expected; {excess_eur} above seasonality."
    ),
    "controls.sentence.reversal": (
        "{supplier}: {reversed_eur} of credit notes after the close (until {last_date}) on "
        "{closed_eur} counted in the closed figures."
    ),
    "controls.sentence.concentration": (
        "{objective}: {supplier} brings {share} of the actual ({suppliers} suppliers, "
        "Herfindahl index {hhi})."
    ),
    "controls.sentence.new_gone": (
        "{supplier}: first purchase on {first_date}, {spend_eur} counted, no purchase since "
        "the period ended."
    ),
    "controls.action.override.confirm": "confirm the match",
    "controls.action.override.set_kind": "set the structure's kind",
    "controls.action.override.reject": "reject the match",
    "controls.action.exclusion.add": "add an exclusion",
    "controls.action.exclusion.update": "change an exclusion",
    "controls.action.exclusion.remove": "remove an exclusion",
    "controls.sentence.self_interest": (
        "{actor} decided to {action} for {object} on {date}; it raises the objective of {owners} "
        "({euros})."
    ),
    "controls.sentence.portfolio": (
        "{objective}: {lines} line(s), {euros}, reassigned from {from} between two extracts "
        "push it across the {threshold} threshold."
    ),
    "controls.title": "Controls",
    "controls.caption": (
        "Signals of objectives being gamed, ranked by the payout at stake. A signal changes no "
        "figure."
    ),
    "controls.none": "No open signal.",
    "controls.open": "Open signals: {count}, payout at stake: {stake}.",
    "controls.reviewed": "Reviewed signals: {count}.",
    "controls.review": "Mark reviewed",
    "controls.reason": "Reason",
    "controls.done": "Signal marked reviewed.",
    "controls.lines": "Lines behind it",
    "controls.explorer": "Open in the Explorer",
    "controls.close_warning": (
        "{count} open signal(s) on this period touch {stake} of variable pay."
    ),
    "controls.annual": "Controls: {open} open signal(s), {reviewed} reviewed.",
}
