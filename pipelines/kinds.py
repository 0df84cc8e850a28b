"""Supplier kinds and families: the single source of truth (DOMAIN.md section 2)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.textinput import fold


@dataclass(frozen=True)
class Kind:
    code: str
    family: str
    label_fr: str
    label_en: str


KINDS: dict[str, Kind] = {
    k.code: k
    for k in [
        Kind("EI", "insertion", "Entreprise d'insertion", "Work integration enterprise"),
        Kind("AI", "insertion", "Association intermédiaire", "Intermediary association"),
        Kind("ACI", "insertion", "Atelier et chantier d'insertion", "Integration workshop"),
        Kind(
            "ETTI",
            "insertion",
            "Entreprise de travail temporaire d'insertion",
            "Integration temp agency",
        ),
        Kind(
            "EITI",
            "insertion",
            "Entreprise d'insertion par le travail indépendant",
            "Integration through self-employment",
        ),
        Kind(
            "GEIQ",
            "insertion",
            "Groupement d'employeurs pour l'insertion et la qualification",
            "Employers' group for integration and qualification",
        ),
        Kind("SEP", "insertion", "Produits et services réalisés en prison", "Prison work"),
        Kind("EA", "handicap", "Entreprise adaptée", "Adapted enterprise"),
        Kind(
            "EATT",
            "handicap",
            "Entreprise adaptée de travail temporaire",
            "Adapted temp agency",
        ),
        Kind(
            "ESAT",
            "handicap",
            "Établissement ou service d'accompagnement par le travail",
            "Sheltered work establishment",
        ),
        Kind("TIH", "handicap", "Travailleur indépendant handicapé", "Disabled self-employed"),
        Kind("ESUS", "ess", "Entreprise solidaire d'utilité sociale", "ESUS-approved company"),
        Kind("ESS", "ess", "Économie sociale et solidaire", "Social economy legal unit"),
    ]
}

FAMILIES: tuple[str, ...] = ("handicap", "insertion", "ess")
FAMILY_LABELS_FR = {"handicap": "Handicap", "insertion": "Insertion", "ess": "ESS", "none": "Autre"}
FAMILY_LABELS_EN = {"handicap": "Disability", "insertion": "Insertion", "ess": "Social economy"}
FAMILY_LABELS_EN["none"] = "Other"

#: Families whose spend is "inclusive" (DOMAIN.md section 2); ESS is reported beside it.
INCLUSIVE_FAMILIES: tuple[str, ...] = ("insertion", "handicap")

#: Primary-kind precedence: lower rank wins (handicap before insertion before ess).
FAMILY_RANK = {"handicap": 1, "insertion": 2, "ess": 3}

IAE_KINDS = ("EI", "AI", "ACI", "ETTI", "EITI")
ADAPTED_KINDS = ("EA", "EATT", "ESAT")
OETH_KINDS = ("EA", "EATT", "ESAT", "TIH")

#: Kinds that appear in sources but are not supplier kinds: rows are skipped, not refused.
SKIPPED_KINDS = frozenset({"OPCS"})


class UnknownKindError(ValueError):
    """A kind code or label that DOMAIN.md section 2 does not know."""


def family_of(code: str) -> str:
    return KINDS[code].family


def is_inclusive_family(family: str | None, include_ess: bool = False) -> bool:
    if family is None:
        return False
    return family in INCLUSIVE_FAMILIES or (include_ess and family == "ess")


_LABELS: dict[str, str] = {
    "entreprise d insertion": "EI",
    "association intermediaire": "AI",
    "atelier chantier d insertion": "ACI",
    "atelier et chantier d insertion": "ACI",
    "ateliers et chantiers d insertion": "ACI",
    "chantier d insertion": "ACI",
    "entreprise de travail temporaire d insertion": "ETTI",
    "entreprise d insertion par le travail independant": "EITI",
    "groupement d employeurs pour l insertion et la qualification": "GEIQ",
    "produits et services realises en prison": "SEP",
    "entreprise adaptee": "EA",
    "entreprise adaptee travail temporaire": "EATT",
    "entreprise adaptee de travail temporaire": "EATT",
    "etablissement et service d aide par le travail": "ESAT",
    "etablissement ou service d aide par le travail": "ESAT",
    "etablissement ou service d accompagnement par le travail": "ESAT",
    "etablissement et service d accompagnement par le travail": "ESAT",
    "travailleur independant handicape": "TIH",
    "entreprise solidaire d utilite sociale": "ESUS",
    "economie sociale et solidaire": "ESS",
}
for _k in KINDS.values():
    _LABELS.setdefault(fold(_k.label_fr), _k.code)


def parse_kind(value: str) -> str | None:
    """Map a kind code or label ("Entreprise d'insertion (EI)") to its canonical code.

    Returns None for kinds to skip (OPCS); raises UnknownKindError for anything else unknown.
    """
    raw = (value or "").strip()
    if not raw:
        raise UnknownKindError("empty kind")
    upper = raw.upper()
    if upper in KINDS:
        return upper
    if upper in SKIPPED_KINDS:
        return None
    paren = re.search(r"\(([A-Za-z]+)\)\s*$", raw)
    if paren:
        code = paren.group(1).upper()
        if code in KINDS:
            return code
        if code in SKIPPED_KINDS:
            return None
    folded = fold(re.sub(r"\([^)]*\)", "", raw))
    if folded in _LABELS:
        return _LABELS[folded]
    raise UnknownKindError(f"unknown supplier kind {raw!r}")
