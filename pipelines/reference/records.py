"""One directory record, built from plain values by every loader (pure functions only)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipelines.classify.normalize import normalize_name
from pipelines.errors import UserError
from pipelines.identifiers import (
    department_of,
    digits_only,
    is_valid_siren,
    is_valid_siret,
    normalize_siren,
    normalize_siret,
)
from pipelines.kinds import UnknownKindError, family_of, parse_kind
from pipelines.textinput import DATE_EXPECTED_EN, DATE_EXPECTED_FR, DateError
from pipelines.textinput import parse_date as parse_text_date

#: Columns of the staging table, in order (a subset of ``reference_records``).
STAGE_COLUMNS = (
    "source_key",
    "kind",
    "family",
    "siret",
    "siren",
    "name",
    "name_norm",
    "brand",
    "naf",
    "post_code",
    "department",
    "valid_from",
    "valid_to",
    "is_luhn_valid",
    "is_active",
    "source",
)


@dataclass(frozen=True)
class RefRecord:
    source_key: str
    kind: str
    family: str
    siret: str | None
    siren: str | None
    name: str | None
    name_norm: str | None
    brand: str | None
    naf: str | None
    post_code: str | None
    department: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    is_luhn_valid: bool
    is_active: bool
    #: Overrides the loader's source name (the canonical CSV names its list in a column).
    source: str | None = None

    def as_row(self) -> tuple[object, ...]:
        return tuple(getattr(self, c) for c in STAGE_COLUMNS)


def kind_or_error(value: str, *, file: str, row: int, column: str = "kind") -> str | None:
    """Canonical kind code; None for kinds to skip (OPCS); a UserError naming the line otherwise."""
    try:
        return parse_kind(value)
    except UnknownKindError:
        raise UserError(
            f"{file}, ligne {row}, colonne « {column} » : type de structure « {value} » inconnu ; "
            "attendu un code de DOMAIN.md §2 (EI, AI, ACI, ETTI, EITI, GEIQ, SEP, EA, EATT, ESAT, "
            "TIH, ESUS, ESS) ou son libellé.",
            f"{file}, line {row}, column {column!r}: unknown supplier kind {value!r}; expected a "
            "DOMAIN.md §2 code (EI, AI, ACI, ETTI, EITI, GEIQ, SEP, EA, EATT, ESAT, TIH, ESUS, "
            "ESS) or its label.",
        ) from None


def parse_date(value: object, *, file: str, row: int, column: str) -> dt.date | None:
    """A date of pipelines.textinput.parse_date; None when empty; a UserError naming the cell."""
    try:
        return parse_text_date(value)
    except DateError as exc:
        text = str(value).strip()
        fr = exc.fr if exc.impossible else f"date illisible, attendu {DATE_EXPECTED_FR}"
        en = exc.en if exc.impossible else f"cannot read date, expected {DATE_EXPECTED_EN}"
        raise UserError(
            f"{file}, ligne {row}, colonne « {column} » : « {text} » : {fr}.",
            f"{file}, line {row}, column {column!r}: {text!r}: {en}.",
        ) from None


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def make_record(
    *,
    kind: str,
    siret: object = None,
    siren: object = None,
    name: object = None,
    brand: object = None,
    naf: object = None,
    post_code: object = None,
    department: object = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    is_active: bool = True,
    source_key: str | None = None,
    source: str | None = None,
) -> RefRecord:
    """Normalise identifiers, derive SIREN, department and normalised name, flag bad Luhn."""
    siret_n = normalize_siret(siret)
    siren_n = normalize_siren(siren) if _clean(siren) else None
    if siret_n and not siren_n:
        siren_n = siret_n[:9]
    if siret_n:
        luhn_ok = is_valid_siret(siret_n)
    elif siren_n:
        luhn_ok = is_valid_siren(siren_n)
    else:
        luhn_ok = True
    pc = _clean(post_code)
    if pc:
        digits = digits_only(pc)
        pc = ("0" + digits) if len(digits) == 4 else (digits or pc)
    dep = department_of(pc) if pc else None
    if dep is None and _clean(department):
        dep_text = str(department).strip().upper()
        dep = dep_text.zfill(2) if dep_text.isdigit() and len(dep_text) < 2 else dep_text
    name_s = _clean(name)
    brand_s = _clean(brand)
    family = family_of(kind)
    # A record keeps its id across snapshots through this key: its SIRET (else SIREN) and kind;
    # without either number, its name, where it is and kind (two structures of one name in two
    # towns are two records).
    identity = siret_n or siren_n or f"{normalize_name(name_s or '')}|{pc or dep or ''}"
    key = source_key or f"{identity}|{kind}"
    return RefRecord(
        source_key=key,
        kind=kind,
        family=family,
        siret=siret_n,
        siren=siren_n,
        name=name_s,
        name_norm=normalize_name(name_s) if name_s else None,
        brand=brand_s,
        naf=_clean(naf),
        post_code=pc,
        department=dep,
        valid_from=valid_from,
        valid_to=valid_to,
        is_luhn_valid=luhn_ok,
        is_active=is_active,
        source=source,
    )
