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


#: A number cell loses *all* its leading zeros (Excel): a SIRET may come back with 10 to 13
#: digits, a SIREN with 5 to 8. One lost zero is padded back whatever the check digit (the usual
#: case, and an invalid number is flagged downstream); more only when the padded number passes it.
SIRET_MIN_DIGITS = 10
SIREN_MIN_DIGITS = 5


def _scientific(value: object) -> bool:
    """'8.07E+13': a spreadsheet's display of a big number, digits possibly lost: never guessed."""
    return isinstance(value, str) and ("E" in value or "e" in value)


def normalize_siret(value: object) -> str | None:
    """Digits only, left-padded to 14 where a number cell lost its leading zeros (DOMAIN.md §3);
    None if not a SIRET."""
    if _scientific(value):
        return None
    digits = digits_only(value)
    if len(digits) == 13:
        return "0" + digits
    if SIRET_MIN_DIGITS <= len(digits) < 13:
        padded = digits.zfill(14)
        return padded if is_valid_siret(padded) else None
    return digits if len(digits) == 14 else None


def normalize_siren(value: object) -> str | None:
    """Nine digits (the first nine of a SIRET), padded back like :func:`normalize_siret`."""
    if _scientific(value):
        return None
    digits = digits_only(value)
    if len(digits) >= SIRET_MIN_DIGITS:
        siret = normalize_siret(digits)
        return siret[:9] if siret else None
    if len(digits) == 8:
        return "0" + digits
    if SIREN_MIN_DIGITS <= len(digits) < 8:
        padded = digits.zfill(9)
        return padded if is_valid_siren(padded) else None
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


def _is_placeholder_digits(digits: str) -> bool:
    """One digit repeated (all zeros included), or a run of the counting sequence 1234567890...
    or 9876543210..."""
    if not digits.isdigit():
        return False
    if len(set(digits)) == 1:
        return True
    n = len(digits)
    return digits in (("1234567890" * 2)[:n], ("9876543210" * 2)[:n])


def is_placeholder_siren(siren: str | None) -> bool:
    """A filler typed where the number was unknown (123456789, 000000000, 444444444...)."""
    return bool(siren) and len(siren or "") == 9 and _is_placeholder_digits(siren or "")


def is_placeholder_siret(siret: str | None) -> bool:
    """A filler SIRET (12345678901234, one digit repeated), or one whose SIREN is a filler."""
    if not siret or len(siret) != 14:
        return False
    return _is_placeholder_digits(siret) or is_placeholder_siren(siret[:9])


def is_reliable_siren(siren: str | None) -> bool:
    """Evidence on its own (DOMAIN.md §3): passes its check digit and is no placeholder."""
    return is_valid_siren(siren) and not is_placeholder_siren(siren)


def is_reliable_siret(siret: str | None) -> bool:
    """Evidence on its own (DOMAIN.md §3): passes its check digit and is no placeholder."""
    return is_valid_siret(siret) and not is_placeholder_siret(siret)


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
