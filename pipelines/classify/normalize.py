"""Name normalisation for matching (DOMAIN.md section 6, rule 4). Pure functions."""

from __future__ import annotations

import re
from functools import lru_cache

from pipelines.textinput import fold

#: Legal-form words dropped before comparing names (they are added or left out at random).
LEGAL_FORM_WORDS = frozenset(
    {
        "SARL",
        "SAS",
        "SASU",
        "EURL",
        "SA",
        "SCOP",
        "SCIC",
        "SCI",
        "SNC",
        "SCA",
        "SCS",
        "SEM",
        "SPL",
        "GIE",
        "SELARL",
        "ASSOCIATION",
        "ASSO",
        "ASSOC",
        "ASS",
        "STE",
        "SOCIETE",
        "ETS",
        "ETABLISSEMENTS",
        "LTD",
        "SARLU",
        "SAEM",
    }
)


#: Long legal-form words are also dropped when misspelt by one letter ("ASSOCIATON").
_LONG_LEGAL_WORDS = ("ASSOCIATION", "ETABLISSEMENTS")


def _is_legal_word(word: str) -> bool:
    if word in LEGAL_FORM_WORDS:
        return True
    if len(word) < 9:
        return False
    from rapidfuzz.distance import Levenshtein

    return any(Levenshtein.distance(word, w, score_cutoff=1) <= 1 for w in _LONG_LEGAL_WORDS)


@lru_cache(maxsize=262_144)
def normalize_name(name: str | None) -> str:
    """Folded name without legal-form words ("S.A.R.L." included); '' for an empty name."""
    if not name:
        return ""
    text = name
    # Dotted acronyms ("S.A.R.L.", "S.A.") become one word before punctuation is removed.
    text = re.sub(
        r"\b((?:[A-Za-z]\.){2,}[A-Za-z]?\.?)", lambda m: m.group(1).replace(".", ""), text
    )
    folded = fold(text).upper()
    words = [w for w in folded.split(" ") if w and not _is_legal_word(w)]
    return " ".join(words) if words else folded


def match_key(name_norm: str) -> str:
    """Words sorted: 'TABLE BALUCHON' and 'BALUCHON TABLE' compare equal."""
    return " ".join(sorted(name_norm.split()))


def name_score(a: str, b: str) -> float:
    """Score (0-100) of two raw names, as the matcher computes it."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(match_key(normalize_name(a)), match_key(normalize_name(b))))
