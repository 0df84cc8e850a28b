"""One-line French explanations of classification decisions (pure functions)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipelines.classify.rules import OverrideDecision, Record, Supplier


def fr_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return "?"
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.strftime("%d/%m/%Y")


def spaced_siret(siret: str | None) -> str:
    if not siret:
        return "?"
    if len(siret) == 14:
        return f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"
    if len(siret) == 9:
        return f"{siret[:3]} {siret[3:6]} {siret[6:]}"
    return siret


def validity(valid_from: dt.date | None, valid_to: dt.date | None) -> str:
    if valid_from and valid_to:
        return f"valide du {fr_date(valid_from)} au {fr_date(valid_to)}"
    if valid_from:
        return f"valide depuis le {fr_date(valid_from)}"
    if valid_to:
        return f"valide jusqu'au {fr_date(valid_to)}"
    return "sans limite de validité connue"


def where(record: Record) -> str:
    loaded = f", chargé le {fr_date(record.loaded_at)}" if record.loaded_at else ""
    file = f"fichier {record.file}" if record.file else "fichier inconnu"
    return f"{record.source} ({file}{loaded})"


def _what(record: Record) -> str:
    luhn = " ; identifiant invalide (clé de Luhn), à vérifier" if not record.is_luhn_valid else ""
    return f"{record.kind}, {validity(record.valid_from, record.valid_to)}{luhn}"


def siret_text(supplier: Supplier, record: Record) -> str:
    return f"SIRET {spaced_siret(supplier.siret)} trouvé dans {where(record)} : {_what(record)}"


def siren_text(supplier: Supplier, record: Record) -> str:
    if record.family == "ess":
        head = f"SIREN {spaced_siret(supplier.siren)} trouvé dans {where(record)}"
        return f"{head} (agrément ou statut de l'unité légale) : {_what(record)}"
    other = f" (autre établissement : {spaced_siret(record.siret)})" if record.siret else ""
    return (
        f"SIREN {spaced_siret(supplier.siren)}{other} trouvé dans {where(record)} : "
        f"{_what(record)} — probable, à confirmer"
    )


#: Why a number is no evidence on its own (DOMAIN.md §3).
PLACEHOLDER_NUMBER = "numéro de remplissage"
BAD_CHECK_DIGIT = "clé de contrôle fausse"


def weak_number_text(why: str, names_score: float | None) -> str:
    """Suffix of an identifier match on a placeholder or a number failing its check digit."""
    if names_score is None:
        return f" — numéro invalide / fictif : à confirmer ({why}, noms différents)"
    return (
        f" — numéro invalide / fictif ({why}), certain car les noms concordent "
        f"(score {names_score:.0f})"
    )


def name_text(supplier: Supplier, record: Record, score: float) -> str:
    return (
        f"Nom « {supplier.name or ''} » proche de « {record.name or record.brand or ''} » "
        f"(score {score:.0f}, département {record.department or '?'}) dans {where(record)} : "
        f"{_what(record)} — probable, à confirmer"
    )


def override_text(override: OverrideDecision, record: Record | None) -> str:
    who = override.author or "?"
    when = f" le {fr_date(override.created_at)}" if override.created_at else ""
    why = f" : {override.reason}" if override.reason else ""
    if override.decision == "reject":
        return f"Rejeté par {who}{when}{why} — non inclusif"
    if override.decision == "set_kind":
        return f"Type {override.kind} fixé par {who}{when}{why}"
    if record is not None:
        return (
            f"Confirmé par {who}{when}{why} : enregistrement {record.record_id} de "
            f"{where(record)}, {_what(record)}"
        )
    return f"Confirmé par {who}{when}{why}"


def none_text(supplier: Supplier, has_other_rows: bool) -> str:
    if has_other_rows:
        return "Aucune correspondance valide à cette date"
    parts = []
    if supplier.siret:
        parts.append(f"SIRET {spaced_siret(supplier.siret)} absent des annuaires chargés")
    else:
        parts.append("pas de SIRET")
    if supplier.department:
        parts.append(f"aucun nom proche dans le département {supplier.department}")
    else:
        parts.append("pas de code postal, pas de rapprochement par le nom")
    return "Aucune correspondance : " + ", ".join(parts)
