"""SIRET / SIREN normalisation and checks (DOMAIN.md section 3)."""

from __future__ import annotations

import re

from stdnum import luhn

LA_POSTE_SIREN = "356000000"
_NOT_DIGITS = re.compile(r"\D+")


def digits_only(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.endswith(".0"):  # a spreadsheet turned the number into a float
        text = text[:-2]
    return _NOT_DIGITS.sub("", text)


def normalize_siret(value: object) -> str | None:
    """Digits only, left-padded to 14 when Excel dropped a leading zero; None if not a SIRET."""
    digits = digits_only(value)
    if len(digits) == 13:
        digits = "0" + digits
    return digits if len(digits) == 14 else None


def normalize_siren(value: object) -> str | None:
    digits = digits_only(value)
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) == 14:
        digits = digits[:9]
    return digits if len(digits) == 9 else None


def siren_of(siret: str | None) -> str | None:
    return siret[:9] if siret and len(siret) == 14 else None


def is_valid_siren(siren: str | None) -> bool:
    return bool(siren) and len(siren or "") == 9 and luhn.is_valid(siren or "")


def is_valid_siret(siret: str | None) -> bool:
    """Luhn check; La Poste establishments use a digit-sum rule instead."""
    if not siret or len(siret) != 14 or not siret.isdigit():
        return False
    if siret.startswith(LA_POSTE_SIREN):
        return sum(int(c) for c in siret) % 5 == 0 or luhn.is_valid(siret)
    return luhn.is_valid(siret)


def is_pseudo_siret(siret: str | None) -> bool:
    """User-created antennas: SIRET ending in 999 + 2 digits, match on SIREN only."""
    return bool(siret) and len(siret or "") == 14 and (siret or "")[9:12] == "999"


def department_of(post_code: object) -> str | None:
    """Department from a French postcode: 2 digits, 3 for overseas (97x), 2A/2B for Corsica."""
    digits = digits_only(post_code)
    if len(digits) == 4:
        digits = "0" + digits
    if len(digits) != 5:
        return None
    if digits.startswith("97") or digits.startswith("98"):
        return digits[:3]
    if digits.startswith("20"):
        return "2A" if int(digits) < 20200 else "2B"
    return digits[:2]
