"""« Fournisseurs inclusifs à solliciter » (Mes objectifs): labels and messages."""

FR = {
    "suggestions.help": (
        "À partir de vos achats ordinaires (fournisseurs non inclusifs, dépense adressable) sur "
        "la période et le périmètre de l'objectif, par catégorie : les structures inclusives des "
        "annuaires, valides aujourd'hui, de la même activité (code NAF) dans vos départements. "
        "Montant couvrable = le plus petit de vos achats ordinaires de la catégorie et de l'écart "
        "au prochain palier de l'objectif."
    ),
    "suggestions.objective": "Objectif visé",
    "suggestions.level": "Prochain palier : {level} — écart {gap}.",
    "suggestions.no_level": (
        "Pas de palier à atteindre : la période est close, le plafond est atteint, ou "
        "l'objectif ne se mesure pas en euros d'achats inclusifs."
    ),
    "suggestions.none_for_objective": (
        "Aucun de ces objectifs ne se mesure en euros d'achats inclusifs : pas de suggestion."
    ),
    "suggestions.categories": "Vos achats ordinaires par catégorie",
    "suggestions.col_category": "Catégorie",
    "suggestions.col_ordinary": "Achats ordinaires",
    "suggestions.col_coverable": "Montant couvrable",
    "suggestions.col_attainment": "Atteinte après",
    "suggestions.col_gain": "Effet sur le versement",
}

EN = {
    "suggestions.help": (
        "From your ordinary purchases (non-inclusive suppliers, addressable spend) in the "
        "objective's period and scope, by category: the directories' inclusive structures, "
        "valid today, of the same activity (NAF code) in your departments. Coverable amount = "
        "the smaller of your ordinary purchases in the category and the gap to the objective's "
        "next payout level."
    ),
    "suggestions.objective": "Objective aimed at",
    "suggestions.level": "Next payout level: {level} — gap {gap}.",
    "suggestions.no_level": (
        "No level to reach: the period is closed, the cap is reached, or the objective is not "
        "measured in euros of inclusive spend."
    ),
    "suggestions.none_for_objective": (
        "None of these objectives is measured in euros of inclusive spend: no suggestion."
    ),
    "suggestions.categories": "Your ordinary purchases by category",
    "suggestions.col_category": "Category",
    "suggestions.col_ordinary": "Ordinary purchases",
    "suggestions.col_coverable": "Coverable amount",
    "suggestions.col_attainment": "Attainment after",
    "suggestions.col_gain": "Effect on the payout",
}
