"""Dashboard wording added by issue 13: the objectives grid's column names, explanations of a
classification rebuilt from its fields, the upload box in French."""

from __future__ import annotations

FR = {
    "ui.objective.objective_id": "Objectif",
    "ui.objective.owner": "Titulaire",
    "ui.objective.owner_name": "Nom du titulaire",
    "ui.objective.scope_type": "Périmètre",
    "ui.objective.scope_value": "Valeur du périmètre",
    "ui.objective.period_start": "Début",
    "ui.objective.period_end": "Fin",
    "ui.objective.metric": "Indicateur",
    "ui.objective.target": "Cible",
    "ui.objective.weight": "Poids",
    "ui.objective.variable_pay_eur": "Variable à 100 % (€)",
    "ui.objective.curve": "Courbe",
    "ui.scope.all": "Toute l'organisation",
    "ui.scope.entity": "Une entité",
    "ui.scope.buyer": "Un acheteur",
    "ui.scope.manager": "L'équipe d'un manager",
    "ui.explain.none": "Aucune correspondance dans les annuaires chargés",
    "ui.explain.siret": "SIRET trouvé dans {source} : {kind}, {validity}",
    "ui.explain.siren": "SIREN trouvé dans {source} : {kind}, {validity} — probable, à confirmer",
    "ui.explain.name": (
        "Nom proche d'une fiche de {source} (score {score}) : {kind}, {validity} — probable, "
        "à confirmer"
    ),
    "ui.explain.override": "Décision d'un relecteur : {status}{kind}",
    "ui.valid.between": "valide du {start} au {end}",
    "ui.valid.from": "valide depuis le {start}",
    "ui.valid.to": "valide jusqu'au {end}",
    "ui.valid.always": "sans limite de validité connue",
    "ui.upload.drop": "Déposez le fichier dans le cadre ci-dessous ou cliquez sur « Parcourir ».",
    "ui.upload.browse": "Parcourir",
}

EN = {
    "ui.objective.objective_id": "Objective",
    "ui.objective.owner": "Owner",
    "ui.objective.owner_name": "Owner's name",
    "ui.objective.scope_type": "Scope",
    "ui.objective.scope_value": "Scope value",
    "ui.objective.period_start": "Start",
    "ui.objective.period_end": "End",
    "ui.objective.metric": "Indicator",
    "ui.objective.target": "Target",
    "ui.objective.weight": "Weight",
    "ui.objective.variable_pay_eur": "Variable pay at 100% (€)",
    "ui.objective.curve": "Curve",
    "ui.scope.all": "Whole organisation",
    "ui.scope.entity": "One entity",
    "ui.scope.buyer": "One buyer",
    "ui.scope.manager": "A manager's team",
    "ui.explain.none": "No match in the loaded directories",
    "ui.explain.siret": "SIRET found in {source}: {kind}, {validity}",
    "ui.explain.siren": "SIREN found in {source}: {kind}, {validity} — probable, to confirm",
    "ui.explain.name": (
        "Name close to a {source} record (score {score}): {kind}, {validity} — probable, to confirm"
    ),
    "ui.explain.override": "A reviewer's decision: {status}{kind}",
    "ui.valid.between": "valid from {start} to {end}",
    "ui.valid.from": "valid since {start}",
    "ui.valid.to": "valid until {end}",
    "ui.valid.always": "no known validity limit",
    "ui.upload.drop": "Drop the file in the box below or click « Browse ».",
    "ui.upload.browse": "Browse",
}
