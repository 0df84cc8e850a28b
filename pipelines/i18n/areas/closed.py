"""Texts of a closed period: frozen figures, the restatement beside them (DOMAIN.md section 8)."""

FR = {
    "closed.banner": "Période {period} clôturée le {date} par {by} : les chiffres sont figés. "
    "Les chiffres recalculés aujourd'hui sont montrés à côté, sans changer les versements.",
    "closed.payout_frozen": "Versement arrêté",
    "closed.payout_frozen_help": "Versement figé à la clôture ; il ne change plus.",
    "closed.payout_current": "Recalculé aujourd'hui",
    "closed.payout_difference": "Écart de versement",
    "closed.restatement": "Chiffres figés et recalculés aujourd'hui",
    "closed.figure": "Indicateur",
    "closed.frozen": "Figé à la clôture",
    "closed.current": "Recalculé aujourd'hui",
    "closed.difference": "Écart",
    "closed.restated": "Versement arrêté à la clôture : {frozen}. Recalculé avec les données "
    "d'aujourd'hui : {current} (écart {diff}).",
    "closed.cli_header": "Période {period} clôturée le {date} par {by} : chiffres figés, "
    "recalculés aujourd'hui à côté.",
    "closed.cli_by_note": "Période {period} clôturée : les lignes par {by} sont recalculées "
    "aujourd'hui ; les totaux figés sont dans « asr report kpi » sans --by.",
    "closed.cli_whatif_current": "Simulation sur la valeur figée à la clôture ; valeur "
    "recalculée aujourd'hui : {current}.",
    "closed.cli_payout_total": "Versement arrêté : {frozen} € ; recalculé aujourd'hui : "
    "{current} € (écart {diff} €).",
    "closed.current_payout_col": "Versement recalculé",
    "closed.payout_difference_col": "Écart",
    "closed.figure.spend_eur": "Dépenses",
    "closed.figure.addressable_spend_eur": "Achats adressables",
    "closed.figure.inclusive_spend_eur": "Achats inclusifs",
    "closed.figure.inclusive_share": "Part des achats inclusifs",
    "closed.figure.insertion_spend_eur": "dont insertion",
    "closed.figure.handicap_spend_eur": "dont handicap",
    "closed.figure.ess_spend_eur": "ESS",
    "closed.figure.probable_spend_eur": "À confirmer",
    "closed.figure.inclusive_suppliers": "Fournisseurs inclusifs",
    "closed.figure.payout_eur": "Versements (part variable)",
}

EN = {
    "closed.banner": "Period {period} closed on {date} by {by}: figures are frozen. "
    "Figures recomputed today are shown beside them, without changing any payout.",
    "closed.payout_frozen": "Frozen payout",
    "closed.payout_frozen_help": "Payout frozen at closing; it no longer changes.",
    "closed.payout_current": "Recomputed today",
    "closed.payout_difference": "Payout difference",
    "closed.restatement": "Frozen figures and figures recomputed today",
    "closed.figure": "Figure",
    "closed.frozen": "Frozen at closing",
    "closed.current": "Recomputed today",
    "closed.difference": "Difference",
    "closed.restated": "Payout frozen at closing: {frozen}. Recomputed with today's data: "
    "{current} (difference {diff}).",
    "closed.cli_header": "Period {period} closed on {date} by {by}: frozen figures, "
    "recomputed today beside them.",
    "closed.cli_by_note": "Period {period} is closed: rows by {by} are recomputed today; the "
    "frozen totals are in « asr report kpi » without --by.",
    "closed.cli_whatif_current": "Simulated on the value frozen at closing; recomputed today: "
    "{current}.",
    "closed.cli_payout_total": "Frozen payout: {frozen} €; recomputed today: {current} € "
    "(difference {diff} €).",
    "closed.current_payout_col": "Recomputed payout",
    "closed.payout_difference_col": "Difference",
    "closed.figure.spend_eur": "Spend",
    "closed.figure.addressable_spend_eur": "Addressable spend",
    "closed.figure.inclusive_spend_eur": "Inclusive spend",
    "closed.figure.inclusive_share": "Inclusive share",
    "closed.figure.insertion_spend_eur": "of which insertion",
    "closed.figure.handicap_spend_eur": "of which disability",
    "closed.figure.ess_spend_eur": "Social economy",
    "closed.figure.probable_spend_eur": "To confirm",
    "closed.figure.inclusive_suppliers": "Inclusive suppliers",
    "closed.figure.payout_eur": "Payouts (variable pay)",
}
