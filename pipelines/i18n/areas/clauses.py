"""Messages of the social clauses (CLI ``asr clauses``, report and page « Clauses sociales »)."""

from __future__ import annotations

FR = {
    "role.facilitator": "facilitateur",
    "clauses.page.record": "Enregistrer des déclarations",
    "clauses.page.upload": "Fichier du titulaire (CSV ou XLSX)",
    "clauses.page.upload_button": "Vérifier et enregistrer le fichier",
    "clauses.page.one": "Une déclaration saisie à la main",
    "clauses.page.one_button": "Enregistrer la déclaration",
    "clauses.page.recorded": "{count} déclaration(s) enregistrée(s).",
    "clauses.page.contract": "Contrat",
    "metric.insertion_hours_declared": "Heures d'insertion déclarées",
    "metric.insertion_hours_estimated": "Heures d'insertion estimées",
    "clauses.page.title": "Clauses sociales",
    "clauses.page.caption": (
        "Contrats à clause sociale, heures d'insertion exigées, déclarées et estimées, personnes "
        "accompagnées et opportunités. Heures déclarées et heures estimées ne sont jamais "
        "additionnées."
    ),
    "clauses.page.as_of": "Situation au",
    "clauses.page.counts_only": (
        "Vous voyez vos contrats et des effectifs ; le détail par personne est réservé aux "
        "facilitateurs et aux administrateurs."
    ),
    "clauses.page.empty": "Aucun contrat à clause sociale visible pour vous.",
    "clauses.page.contracts": "Contrats",
    "clauses.page.participants": "Déclarations par personne (identifiants pseudonymes)",
    "clauses.page.opportunities": "Opportunités",
    "clauses.page.by_entity": "Par entité",
    "clauses.page.by_contractor": "Par titulaire",
    "clauses.page.chart_hours": "Heures exigées, déclarées et estimées par contrat",
    "clauses.page.chart_people": "Personnes par public",
    "clauses.page.estimate_note": (
        "Heures estimées = montant × part main-d'œuvre ÷ coût horaire × taux de clause "
        "(paramètres affichés par contrat)."
    ),
    "clauses.metric.contracts": "Contrats",
    "clauses.metric.required": "Heures exigées",
    "clauses.metric.declared": "Heures déclarées",
    "clauses.metric.estimated": "Heures estimées",
    "clauses.metric.fte": "ETP déclarés",
    "clauses.metric.people": "Personnes",
    "clauses.metric.signed": "Contrats de travail signés",
    "clauses.metric.late": "Contrats en retard",
    "clauses.metric.implausible": "Déclarations à vérifier",
    "clauses.col.contract_id": "Contrat",
    "clauses.col.clause_id": "N°",
    "clauses.col.clause_type": "Type",
    "clauses.col.status": "Statut",
    "clauses.col.start_date": "Début",
    "clauses.col.end_date": "Fin",
    "clauses.col.amount_eur": "Montant HT",
    "clauses.col.labour_share": "Part main-d'œuvre",
    "clauses.col.hourly_cost_eur": "Coût horaire",
    "clauses.col.clause_rate": "Taux de clause",
    "clauses.col.fte_declared": "ETP déclarés",
    "clauses.col.people": "Personnes",
    "clauses.col.contracts_signed": "Contrats signés",
    "clauses.col.lasting_outcomes": "Emplois durables",
    "clauses.col.progress": "Avancement",
    "clauses.col.elapsed": "Durée écoulée",
    "clauses.col.implausible": "À vérifier",
    "clauses.col.contracts": "Contrats",
    "clauses.col.kind": "Nature",
    "clauses.col.reference": "Référence",
    "clauses.col.category": "Catégorie",
    "clauses.col.date": "Date",
    "clauses.col.participant_id": "Participant",
    "clauses.col.period_start": "Début de période",
    "clauses.col.period_end": "Fin de période",
    "clauses.col.eligibility": "Public",
    "clauses.col.modality": "Modalité",
    "clauses.col.hours": "Heures",
    "clauses.col.employment_contract_signed": "Contrat signé",
    "clauses.col.outcome_6_months": "Situation à 6 mois",
    "clauses.col.declaration_id": "Déclaration",
    "clauses.col.corrects_id": "Corrige",
    "clauses.col.late": "En retard",
    "clauses.col.threshold_eur": "Seuil",
    "clauses.col.entity": "Entité",
    "clauses.col.buyer": "Acheteur",
    "clauses.col.contractor": "Titulaire",
    "clauses.col.hours_required": "Exigées",
    "clauses.col.hours_declared": "Déclarées",
    "clauses.col.hours_estimated": "Estimées",
    "clauses.col.pace": "Rythme",
    "clauses.pace.on_track": "dans les temps",
    "clauses.pace.late": "en retard",
    "clauses.pace.not_started": "pas commencé",
    "clauses.pace.no_requirement": "sans objectif d'heures",
    "clauses.status.planned": "prévu",
    "clauses.status.running": "en cours",
    "clauses.status.completed": "terminé",
    "clauses.type.insertion_hours": "heures d'insertion",
    "clauses.type.reserved": "marché réservé",
    "clauses.type.award_criterion": "critère d'attribution",
    "clauses.kind.renewal": "renouvellement",
    "clauses.kind.recurring_spend": "dépense récurrente sans clause",
    "clauses.kind.art35": "au-dessus des seuils européens sans considération sociale (art. 35)",
    "clauses.eligibility.long_term_jobseeker": "demandeur d'emploi de longue durée",
    "clauses.eligibility.minimum_income": "bénéficiaire de minima sociaux",
    "clauses.eligibility.rqth": "RQTH",
    "clauses.eligibility.young_under_26": "jeune de moins de 26 ans",
    "clauses.eligibility.jobseeker_over_50": "demandeur d'emploi de plus de 50 ans",
    "clauses.eligibility.priority_neighbourhood": "habitant d'un QPV",
    "clauses.eligibility.siae_employee": "salarié d'une SIAE",
    "clauses.eligibility.ea_esat": "EA ou ESAT",
    "clauses.eligibility.epide_e2c": "EPIDE ou E2C",
    "clauses.eligibility.facilitator_validated": "validé par le facilitateur",
    "clauses.modality.direct_hire": "embauche directe",
    "clauses.modality.placement": "mise à disposition (AI, ETTI, GEIQ)",
    "clauses.modality.subcontracting": "sous-traitance ou cotraitance SIAE/EA",
    "clauses.modality.training": "formation",
    "clauses.cli.added": "Contrat {contract_id} ({entity}) ajouté au registre (n° {clause_id}).",
    "clauses.cli.parameters": "Paramètres du contrat n° {clause_id} enregistrés.",
    "clauses.cli.declared": "{count} déclaration(s) enregistrée(s).",
    "clauses.cli.corrected": "Déclaration n° {old} corrigée par la n° {new}.",
    "clauses.cli.imported": "{file} : {count} déclaration(s) enregistrée(s).",
    "clauses.cli.synced": "Registre : {created} contrat(s) créé(s), {updated} mis à jour.",
    "clauses.cli.estimate": "Heures à exiger (estimation, chaque étape) :",
    "clauses.cli.report_written": "Rapport clauses sociales {year} écrit : {out} ({size} Ko)",
    "clauses.report.title": "Clauses sociales {year} — rapport au comité de pilotage",
    "clauses.report.methodology": (
        "Heures déclarées : déclarations des titulaires en vigueur (une correction remplace la "
        "ligne corrigée, qui reste dans le journal d'audit). Heures estimées : montant HT × part "
        "main-d'œuvre ÷ coût horaire × taux de clause, paramètres datés ou propres au contrat. "
        "Retard : heures déclarées ÷ exigées inférieures à la part écoulée de la durée du contrat "
        "moins {tolerance}. ETP : heures ÷ 1 607. Emploi durable : CDI ou CDD de plus de 6 mois."
    ),
    "clauses.denied": (
        "« {user} » (rôle {role}) ne peut pas modifier les clauses sociales : rôle {allowed} "
        "requis."
    ),
    "clauses.page.add": "Ajouter un contrat ou un marché en préparation",
    "clauses.page.add_button": "Ajouter au registre",
    "clauses.page.added": "Contrat {contract_id} ajouté au registre (n° {clause_id}).",
    "clauses.page.added_estimate": (
        "Heures exigées = l'estimation : {amount} € × {share} ÷ {cost} €/h × {rate} = {hours} h."
    ),
    "clauses.page.hours_blank": "Heures exigées (vide : l'estimation)",
    "clauses.page.parameters": "Paramètres d'estimation d'un contrat",
    "clauses.page.parameters_help": (
        "Un paramètre laissé vide reste inchangé. La raison est obligatoire et reste dans le "
        "journal d'audit ; les paramètres et leur raison s'affichent dans le tableau des contrats."
    ),
    "clauses.page.parameters_button": "Enregistrer les paramètres",
    "clauses.page.parameters_saved": "Paramètres du contrat n° {clause_id} enregistrés.",
    "clauses.page.reason": "Raison",
    "clauses.page.correct": "Corriger une déclaration",
    "clauses.page.correct_help": (
        "Une correction ajoute une ligne qui remplace la déclaration ; l'ancienne reste dans le "
        "journal d'audit."
    ),
    "clauses.page.declaration": "Déclaration",
    "clauses.page.new_hours": "Heures corrigées",
    "clauses.page.correct_button": "Enregistrer la correction",
    "clauses.page.corrected": "Déclaration n° {old} corrigée par la n° {new}.",
    "clauses.col.parameters_reason": "Raison des paramètres",
    "clauses.col.contractor_siret": "SIRET du titulaire",
    "clauses.col.object": "Objet",
    "clauses.col.cpv": "CPV",
    "clauses.ingest.decp_duration_ignored": (
        "marché {contract} (enregistrement {row}), colonne dureeMois, valeur « {value} » : "
        "nombre entier de mois de 1 à {most} attendu ; durée ignorée (un an supposé pour une "
        "clause)"
    ),
}

EN = {
    "role.facilitator": "facilitator",
    "clauses.page.record": "Record declarations",
    "clauses.page.upload": "Contractor's file (CSV or XLSX)",
    "clauses.page.upload_button": "Check and record the file",
    "clauses.page.one": "One declaration typed by hand",
    "clauses.page.one_button": "Record the declaration",
    "clauses.page.recorded": "{count} declaration(s) recorded.",
    "clauses.page.contract": "Contract",
    "metric.insertion_hours_declared": "Insertion hours declared",
    "metric.insertion_hours_estimated": "Insertion hours estimated",
    "clauses.page.title": "Social clauses",
    "clauses.page.caption": (
        "Contracts with a social clause, insertion hours required, declared and estimated, people "
        "reached and opportunities. Declared and estimated hours are never added up."
    ),
    "clauses.page.as_of": "As of",
    "clauses.page.counts_only": (
        "You see your contracts and counts; per-person detail is for facilitators and admins."
    ),
    "clauses.page.empty": "No contract with a social clause visible to you.",
    "clauses.page.contracts": "Contracts",
    "clauses.page.participants": "Declarations per person (pseudonymous ids)",
    "clauses.page.opportunities": "Opportunities",
    "clauses.page.by_entity": "By entity",
    "clauses.page.by_contractor": "By contractor",
    "clauses.page.chart_hours": "Hours required, declared and estimated per contract",
    "clauses.page.chart_people": "People by eligibility",
    "clauses.page.estimate_note": (
        "Estimated hours = amount x labour share / hourly cost x clause rate (parameters shown "
        "per contract)."
    ),
    "clauses.metric.contracts": "Contracts",
    "clauses.metric.required": "Hours required",
    "clauses.metric.declared": "Hours declared",
    "clauses.metric.estimated": "Hours estimated",
    "clauses.metric.fte": "Declared FTE",
    "clauses.metric.people": "People",
    "clauses.metric.signed": "Employment contracts signed",
    "clauses.metric.late": "Late contracts",
    "clauses.metric.implausible": "Declarations to check",
    "clauses.col.contract_id": "Contract",
    "clauses.col.clause_id": "#",
    "clauses.col.clause_type": "Type",
    "clauses.col.status": "Status",
    "clauses.col.start_date": "Start",
    "clauses.col.end_date": "End",
    "clauses.col.amount_eur": "Amount excl. VAT",
    "clauses.col.labour_share": "Labour share",
    "clauses.col.hourly_cost_eur": "Hourly cost",
    "clauses.col.clause_rate": "Clause rate",
    "clauses.col.fte_declared": "Declared FTE",
    "clauses.col.people": "People",
    "clauses.col.contracts_signed": "Contracts signed",
    "clauses.col.lasting_outcomes": "Lasting jobs",
    "clauses.col.progress": "Progress",
    "clauses.col.elapsed": "Time elapsed",
    "clauses.col.implausible": "To check",
    "clauses.col.contracts": "Contracts",
    "clauses.col.kind": "Kind",
    "clauses.col.reference": "Reference",
    "clauses.col.category": "Category",
    "clauses.col.date": "Date",
    "clauses.col.participant_id": "Participant",
    "clauses.col.period_start": "Period start",
    "clauses.col.period_end": "Period end",
    "clauses.col.eligibility": "Eligibility",
    "clauses.col.modality": "Modality",
    "clauses.col.hours": "Hours",
    "clauses.col.employment_contract_signed": "Contract signed",
    "clauses.col.outcome_6_months": "Six months on",
    "clauses.col.declaration_id": "Declaration",
    "clauses.col.corrects_id": "Corrects",
    "clauses.col.late": "Late",
    "clauses.col.threshold_eur": "Threshold",
    "clauses.col.entity": "Entity",
    "clauses.col.buyer": "Buyer",
    "clauses.col.contractor": "Contractor",
    "clauses.col.hours_required": "Required",
    "clauses.col.hours_declared": "Declared",
    "clauses.col.hours_estimated": "Estimated",
    "clauses.col.pace": "Pace",
    "clauses.pace.on_track": "on track",
    "clauses.pace.late": "late",
    "clauses.pace.not_started": "not started",
    "clauses.pace.no_requirement": "no hours required",
    "clauses.status.planned": "planned",
    "clauses.status.running": "running",
    "clauses.status.completed": "completed",
    "clauses.type.insertion_hours": "insertion hours",
    "clauses.type.reserved": "reserved contract",
    "clauses.type.award_criterion": "award criterion",
    "clauses.kind.renewal": "renewal",
    "clauses.kind.recurring_spend": "recurring spend without a clause",
    "clauses.kind.art35": "above the EU thresholds without a social consideration (art. 35)",
    "clauses.eligibility.long_term_jobseeker": "long-term jobseeker",
    "clauses.eligibility.minimum_income": "minimum-income recipient",
    "clauses.eligibility.rqth": "RQTH (recognised disability)",
    "clauses.eligibility.young_under_26": "young person under 26",
    "clauses.eligibility.jobseeker_over_50": "jobseeker over 50",
    "clauses.eligibility.priority_neighbourhood": "priority-neighbourhood resident",
    "clauses.eligibility.siae_employee": "SIAE employee",
    "clauses.eligibility.ea_esat": "EA or ESAT",
    "clauses.eligibility.epide_e2c": "EPIDE or E2C",
    "clauses.eligibility.facilitator_validated": "validated by the facilitator",
    "clauses.modality.direct_hire": "direct hire",
    "clauses.modality.placement": "placement (AI, ETTI, GEIQ)",
    "clauses.modality.subcontracting": "subcontracting or co-contracting with a SIAE/EA",
    "clauses.modality.training": "training",
    "clauses.cli.added": "Contract {contract_id} ({entity}) added to the register (#{clause_id}).",
    "clauses.cli.parameters": "Parameters of contract #{clause_id} saved.",
    "clauses.cli.declared": "{count} declaration(s) recorded.",
    "clauses.cli.corrected": "Declaration #{old} corrected by #{new}.",
    "clauses.cli.imported": "{file}: {count} declaration(s) recorded.",
    "clauses.cli.synced": "Register: {created} contract(s) created, {updated} updated.",
    "clauses.cli.estimate": "Hours to require (estimate, every step):",
    "clauses.cli.report_written": "Social clauses report {year} written: {out} ({size} KB)",
    "clauses.report.title": "Social clauses {year} — steering committee report",
    "clauses.report.methodology": (
        "Declared hours: the contractors' declarations in force (a correction replaces the row "
        "it corrects, which stays in the audit log). Estimated hours: amount excluding VAT x "
        "labour share / hourly cost x clause rate, dated or contract-specific parameters. Late: "
        "declared / required hours below the elapsed share of the contract's duration minus "
        "{tolerance}. FTE: hours / 1,607. Lasting employment: permanent or fixed-term over 6 "
        "months."
    ),
    "clauses.denied": (
        "{user!r} (role {role}) may not change social clauses: role {allowed} required."
    ),
    "clauses.page.add": "Add a contract or a tender being prepared",
    "clauses.page.add_button": "Add to the register",
    "clauses.page.added": "Contract {contract_id} added to the register (#{clause_id}).",
    "clauses.page.added_estimate": (
        "Hours required = the estimate: EUR {amount} × {share} ÷ EUR {cost}/h × {rate} = {hours} h."
    ),
    "clauses.page.hours_blank": "Hours required (empty: the estimate)",
    "clauses.page.parameters": "A contract's estimate parameters",
    "clauses.page.parameters_help": (
        "A parameter left empty stays unchanged. The reason is required and stays in the audit "
        "log; the parameters and their reason are shown in the contracts table."
    ),
    "clauses.page.parameters_button": "Save the parameters",
    "clauses.page.parameters_saved": "Parameters of contract #{clause_id} saved.",
    "clauses.page.reason": "Reason",
    "clauses.page.correct": "Correct a declaration",
    "clauses.page.correct_help": (
        "A correction adds a row that replaces the declaration; the old one stays in the audit log."
    ),
    "clauses.page.declaration": "Declaration",
    "clauses.page.new_hours": "Corrected hours",
    "clauses.page.correct_button": "Save the correction",
    "clauses.page.corrected": "Declaration #{old} corrected by #{new}.",
    "clauses.col.parameters_reason": "Parameters' reason",
    "clauses.col.contractor_siret": "Contractor SIRET",
    "clauses.col.object": "Object",
    "clauses.col.cpv": "CPV",
    "clauses.ingest.decp_duration_ignored": (
        "contract {contract} (record {row}), column dureeMois, value {value!r}: expected a whole "
        "number of months from 1 to {most}; duration ignored (one year assumed for a clause)"
    ),
}
