"""Help of the ``asr clauses`` commands and of ``asr report clauses`` (pipelines/cli/help.py)."""

FR = {
    "cli.help.clauses": (
        "Clauses sociales : registre, heures prévues, déclarations des titulaires, avancement."
    ),
    "cli.help.clauses.add": (
        "Ajouter au registre des clauses un marché ou une consultation en préparation. Sans "
        "--hours-required, une clause d'heures d'insertion exige l'estimation (chaque étape "
        "affichée)."
    ),
    "cli.help.clauses.add.contract_id": "Numéro du marché.",
    "cli.help.clauses.add.entity": "Entité titulaire du marché.",
    "cli.help.clauses.add.start": "Premier jour, AAAA-MM-JJ ou JJ/MM/AAAA.",
    "cli.help.clauses.add.end": "Dernier jour, AAAA-MM-JJ ou JJ/MM/AAAA.",
    "cli.help.clauses.add.buyer": "L'acheteur (identifiant de personne) qui en est responsable.",
    "cli.help.clauses.add.siret": "SIRET du titulaire.",
    "cli.help.clauses.add.contractor": "Nom du titulaire.",
    "cli.help.clauses.add.obj": "Objet du marché.",
    "cli.help.clauses.add.category": "Catégorie d'achat.",
    "cli.help.clauses.add.cpv": "Code CPV.",
    "cli.help.clauses.add.amount": "Montant hors taxes, en euros.",
    "cli.help.clauses.add.clause_type": "insertion_hours, reserved ou award_criterion.",
    "cli.help.clauses.add.status": "planned, running ou completed.",
    "cli.help.clauses.add.hours_required": (
        "Heures exigées (par défaut : l'estimation, étapes affichées)."
    ),
    "cli.help.clauses.correct": (
        "Corriger une déclaration : une nouvelle ligne la remplace, l'ancienne reste (audité)."
    ),
    "cli.help.clauses.correct.declaration_id": "La déclaration à corriger.",
    "cli.help.clauses.correct.hours": "Heures corrigées.",
    "cli.help.clauses.correct.period_from": "Premier jour corrigé.",
    "cli.help.clauses.correct.period_to": "Dernier jour corrigé.",
    "cli.help.clauses.correct.eligibility": "Éligibilité corrigée.",
    "cli.help.clauses.correct.modality": "Modalité corrigée.",
    "cli.help.clauses.correct.signed": "Contrat de travail signé.",
    "cli.help.clauses.correct.outcome": "Situation à six mois.",
    "cli.help.clauses.declare": (
        "Enregistrer les heures d'une personne déclarées par le titulaire pour une période."
    ),
    "cli.help.clauses.declare.contract_id": "Numéro du marché.",
    "cli.help.clauses.declare.entity": "Son entité (quand le numéro est partagé).",
    "cli.help.clauses.declare.period_from": "Premier jour de la période, AAAA-MM-JJ.",
    "cli.help.clauses.declare.period_to": "Dernier jour de la période, AAAA-MM-JJ.",
    "cli.help.clauses.declare.participant": "Identifiant pseudonyme, jamais un nom.",
    "cli.help.clauses.declare.eligibility": "ex. rqth, young_under_26.",
    "cli.help.clauses.declare.modality": "direct_hire, placement, ...",
    "cli.help.clauses.declare.hours": "Heures travaillées sur la période.",
    "cli.help.clauses.declare.signed": "Un contrat de travail a été signé.",
    "cli.help.clauses.declare.outcome": "Situation à six mois.",
    "cli.help.clauses.from-decp": (
        "Ajouter au registre les marchés DECP chargés qui ont une considération sociale (durée : "
        "dureeMois du marché à partir de la notification, un an s'il n'en donne pas)."
    ),
    "cli.help.clauses.from-decp.year": "Année de notification (par défaut : toutes).",
    "cli.help.clauses.import": (
        "Enregistrer le fichier de déclarations d'un titulaire : chaque ligne est vérifiée "
        "d'abord ; une ligne fausse et rien n'est enregistré (chaque problème nomme sa ligne et "
        "sa colonne)."
    ),
    "cli.help.clauses.import.file": "Les déclarations du titulaire, CSV ou XLSX.",
    "cli.help.clauses.list": "Le registre des clauses : une ligne par marché (aucune personne).",
    "cli.help.clauses.opportunities": (
        "Consultations ou renouvellements qui pourraient porter une clause, avec les heures "
        "estimées et l'acheteur responsable ; marchés au-dessus des seuils européens sans "
        "considération sociale (art. 35) signalés."
    ),
    "cli.help.clauses.opportunities.as_of": "Situation à cette date (aujourd'hui par défaut).",
    "cli.help.clauses.opportunities.horizon": "Marchés qui se terminent dans ce nombre de jours.",
    "cli.help.clauses.opportunities.min_spend": (
        "Seuil de dépense récurrente, en euros (par défaut : paramètre daté)."
    ),
    "cli.help.clauses.opportunities.buyer": "Seulement ceux de cet acheteur (export pour lui).",
    "cli.help.clauses.plan": (
        "Afficher l'estimation d'un marché avec chaque paramètre ; avec des options, fixer ses "
        "propres paramètres (motif obligatoire, anciennes valeurs gardées dans le journal)."
    ),
    "cli.help.clauses.plan.clause_id": "Numéro dans le registre (asr clauses list).",
    "cli.help.clauses.plan.labour_share": "0,55 ou 55 %.",
    "cli.help.clauses.plan.hourly_cost": "Euros par heure.",
    "cli.help.clauses.plan.rate": "Taux de la clause : 0,05 ou 5 %.",
    "cli.help.clauses.plan.hours_required": "Heures exigées.",
    "cli.help.clauses.progress": (
        "Heures exigées, déclarées et estimées (séparément), ETP, personnes, rythme : "
        "dans les temps ou en retard."
    ),
    "cli.help.clauses.progress.as_of": "Situation à cette date (aujourd'hui par défaut).",
    "cli.help.clauses.progress.by": ("contract, entity, contractor ou buyer (totaux par groupe)."),
    "cli.help.report.clauses": (
        "Bilan des clauses sociales pour le comité de pilotage (PDF ou XLSX) : heures, personnes "
        "par catégorie et modalité (effectifs seulement), titulaires, opportunités, méthode."
    ),
    "cli.help.report.clauses.year": "Année du bilan, AAAA.",
    "cli.help.report.clauses.out": "bilan.pdf ou bilan.xlsx",
}

EN = {
    "cli.help.clauses": (
        "Social clauses: register, planned hours, contractors' declarations, progress."
    ),
    "cli.help.clauses.add": (
        "Add a contract or a tender being prepared to the clause register. Without "
        "--hours-required, an insertion-hours clause requires the estimate (every step printed)."
    ),
    "cli.help.clauses.add.contract_id": "The contract's number.",
    "cli.help.clauses.add.entity": "Entity that owns the contract.",
    "cli.help.clauses.add.start": "First day, YYYY-MM-DD or DD/MM/YYYY.",
    "cli.help.clauses.add.end": "Last day, YYYY-MM-DD or DD/MM/YYYY.",
    "cli.help.clauses.add.buyer": "The buyer (person id) who owns it.",
    "cli.help.clauses.add.siret": "Contractor SIRET.",
    "cli.help.clauses.add.contractor": "Contractor name.",
    "cli.help.clauses.add.obj": "What the contract buys.",
    "cli.help.clauses.add.category": "Purchase category.",
    "cli.help.clauses.add.cpv": "CPV code.",
    "cli.help.clauses.add.amount": "Amount excluding VAT, EUR.",
    "cli.help.clauses.add.clause_type": "insertion_hours, reserved or award_criterion.",
    "cli.help.clauses.add.status": "planned, running or completed.",
    "cli.help.clauses.add.hours_required": "Hours required (default: the estimate, steps shown).",
    "cli.help.clauses.correct": (
        "Correct a declaration: a new row replaces it, the old one stays (audited)."
    ),
    "cli.help.clauses.correct.declaration_id": "The declaration to correct.",
    "cli.help.clauses.correct.hours": "Corrected hours.",
    "cli.help.clauses.correct.period_from": "Corrected first day.",
    "cli.help.clauses.correct.period_to": "Corrected last day.",
    "cli.help.clauses.correct.eligibility": "Corrected eligibility.",
    "cli.help.clauses.correct.modality": "Corrected modality.",
    "cli.help.clauses.correct.signed": "Employment contract signed.",
    "cli.help.clauses.correct.outcome": "Situation six months on.",
    "cli.help.clauses.declare": (
        "Record one person's hours declared by the contractor for a period."
    ),
    "cli.help.clauses.declare.contract_id": "The contract's number.",
    "cli.help.clauses.declare.entity": "Its entity (when the number is shared).",
    "cli.help.clauses.declare.period_from": "First day of the period, YYYY-MM-DD.",
    "cli.help.clauses.declare.period_to": "Last day of the period, YYYY-MM-DD.",
    "cli.help.clauses.declare.participant": "Pseudonymous id, never a name.",
    "cli.help.clauses.declare.eligibility": "e.g. rqth, young_under_26.",
    "cli.help.clauses.declare.modality": "direct_hire, placement, ...",
    "cli.help.clauses.declare.hours": "Hours worked in the period.",
    "cli.help.clauses.declare.signed": "An employment contract was signed.",
    "cli.help.clauses.declare.outcome": "Situation six months on.",
    "cli.help.clauses.from-decp": (
        "Add the loaded DECP contracts with a social consideration to the clause register (they "
        "run for their dureeMois from notification, one year when they give none)."
    ),
    "cli.help.clauses.from-decp.year": "Notification year (default: all).",
    "cli.help.clauses.import": (
        "Record a contractor's declarations file: every row is checked first; one bad row and "
        "nothing is recorded (each problem names its row and column)."
    ),
    "cli.help.clauses.import.file": "The contractor's declarations, CSV or XLSX.",
    "cli.help.clauses.list": "The clause register: one row per contract (no person).",
    "cli.help.clauses.opportunities": (
        "Tenders or renewals that could carry a clause, with estimated hours and owning buyer; "
        "contracts above the EU thresholds without a social consideration (art. 35) flagged."
    ),
    "cli.help.clauses.opportunities.as_of": "Situation at this date (default: today).",
    "cli.help.clauses.opportunities.horizon": "Contracts ending within this many days.",
    "cli.help.clauses.opportunities.min_spend": (
        "Recurring spend threshold, EUR (default: dated parameter)."
    ),
    "cli.help.clauses.opportunities.buyer": "Only this buyer's (export for the buyer).",
    "cli.help.clauses.plan": (
        "Show a contract's estimate with every parameter; with options, set this contract's own "
        "parameters (a reason is required and the old values stay in the audit log)."
    ),
    "cli.help.clauses.plan.clause_id": "Register number (asr clauses list).",
    "cli.help.clauses.plan.labour_share": "0.55 or 55%.",
    "cli.help.clauses.plan.hourly_cost": "EUR per hour.",
    "cli.help.clauses.plan.rate": "Clause rate: 0.05 or 5%.",
    "cli.help.clauses.plan.hours_required": "Hours required.",
    "cli.help.clauses.progress": (
        "Hours required, declared and estimated (apart), FTE, people, pace: on track or late."
    ),
    "cli.help.clauses.progress.as_of": "Situation at this date (default: today).",
    "cli.help.clauses.progress.by": "contract, entity, contractor or buyer (totals per group).",
    "cli.help.report.clauses": (
        "Social clauses report for the steering committee (PDF or XLSX): hours, people by "
        "category and modality (counts only), contractors, opportunities, methodology."
    ),
    "cli.help.report.clauses.year": "Year of the report, YYYY.",
    "cli.help.report.clauses.out": "report.pdf or report.xlsx",
}
