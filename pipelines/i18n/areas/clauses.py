"""Messages of the social clauses (CLI ``asr clauses``, report and page « Clauses sociales »)."""

from __future__ import annotations

FR = {
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
}

EN = {
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
}
