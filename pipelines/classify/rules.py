"""The matching cascade of DOMAIN.md §6 as pure functions on plain values.

For each supplier the cascade emits *candidate* rows (one per matching record, each with the
record's validity window and the rule's precedence). The line mart then keeps, for each line, the
candidate valid at the line's date with the lowest precedence: that is "first rule that applies
wins, judged at each line's date". :func:`pick` is the same choice in Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from pipelines.classify import explain
from pipelines.classify.normalize import name_score
from pipelines.identifiers import (
    is_placeholder_siren,
    is_placeholder_siret,
    is_pseudo_siret,
    is_valid_siren,
    is_valid_siret,
)
from pipelines.kinds import KINDS
from pipelines.settings import NAME_MATCH_THRESHOLD

RULES = ("override", "siret", "siren", "name", "none")
PRECEDENCE = {"override": 0, "siret": 1, "siren": 2, "name": 3, "none": 9}
#: Families whose records are SIREN-level by nature: a SIREN match is certain.
SIREN_LEVEL_FAMILIES = frozenset({"ess"})
STATUS_RANK = {"certain": 1, "probable": 2, "none": 3}
FAMILY_RANK = {"handicap": 1, "insertion": 2, "ess": 3}


@dataclass(frozen=True)
class Supplier:
    key: str
    name: str | None = None
    siret: str | None = None
    post_code: str | None = None
    department: str | None = None

    @property
    def siren(self) -> str | None:
        return self.siret[:9] if self.siret and len(self.siret) == 14 else None


@dataclass(frozen=True)
class Record:
    record_id: int
    source: str
    kind: str
    family: str
    siret: str | None = None
    siren: str | None = None
    name: str | None = None
    name_norm: str | None = None
    brand: str | None = None
    department: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    is_luhn_valid: bool = True
    is_active: bool = True
    file: str | None = None
    loaded_at: dt.datetime | dt.date | None = None


@dataclass(frozen=True)
class OverrideDecision:
    supplier_key: str
    decision: str  # confirm | reject | set_kind
    kind: str | None = None
    record_id: int | None = None
    author: str | None = None
    reason: str | None = None
    created_at: dt.datetime | dt.date | None = None


@dataclass(frozen=True)
class Match:
    supplier_key: str
    precedence: int
    rule: str
    status: str
    kind: str | None
    family: str | None
    record_id: int | None
    source: str | None
    score: float | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    explanation: str

    def as_row(self) -> tuple[object, ...]:
        return (
            self.supplier_key,
            self.precedence,
            self.rule,
            self.status,
            self.kind,
            self.family,
            self.record_id,
            self.source,
            self.score,
            self.valid_from,
            self.valid_to,
            self.explanation,
        )


MATCH_COLUMNS = (
    "supplier_key",
    "precedence",
    "rule",
    "status",
    "kind",
    "family",
    "record_id",
    "source",
    "score",
    "valid_from",
    "valid_to",
    "explanation",
)


def status_for(rule: str, family: str | None) -> str:
    """Confidence of a rule (DOMAIN.md §6): override and SIRET certain; SIREN certain for ESS-level
    records and probable otherwise; name probable."""
    if rule in ("override", "siret"):
        return "certain"
    if rule == "siren":
        return "certain" if family in SIREN_LEVEL_FAMILIES else "probable"
    if rule == "name":
        return "probable"
    return "none"


def is_valid_at(valid_from: dt.date | None, valid_to: dt.date | None, day: dt.date) -> bool:
    """Inclusive window; an open bound is unbounded."""
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)


def siret_applies(supplier: Supplier, record: Record) -> bool:
    """Rule 2: same normalised SIRET; pseudo-SIRETs (…999xx) never match on SIRET."""
    return (
        supplier.siret is not None
        and record.siret is not None
        and not is_pseudo_siret(supplier.siret)
        and supplier.siret == record.siret
    )


def siren_applies(supplier: Supplier, record: Record) -> bool:
    """Rule 3: same legal unit (other establishment, or a SIREN-level record)."""
    siren = supplier.siren
    return siren is not None and record.siren == siren and not siret_applies(supplier, record)


def sirens_conflict(supplier: Supplier, record: Record) -> bool:
    """Both carry a well-formed SIREN and they differ: two legal units, whatever their names."""
    s = supplier.siren
    r = record.siren
    return bool(s and r and s != r and is_valid_siren(s) and is_valid_siren(r))


def weak_identifier(supplier: Supplier, rule: str) -> str | None:
    """Why the number an identifier rule matched on is no evidence on its own (DOMAIN.md §3):
    a placeholder, or a number failing its check digit; None when it is evidence."""
    if rule == "siret" and supplier.siret:
        placeholder, valid = is_placeholder_siret(supplier.siret), is_valid_siret(supplier.siret)
    elif rule == "siren" and supplier.siren:
        placeholder, valid = is_placeholder_siren(supplier.siren), is_valid_siren(supplier.siren)
    else:
        return None
    if placeholder:
        return explain.PLACEHOLDER_NUMBER
    return None if valid else explain.BAD_CHECK_DIGIT


def names_agree(supplier: Supplier, record: Record, threshold: float) -> float | None:
    """The best name score of the record's name and brand when it reaches the threshold."""
    if not supplier.name:
        return None
    score = max((name_score(supplier.name, n) for n in (record.name, record.brand) if n), default=0)
    return float(score) if score >= threshold else None


def _match(supplier: Supplier, rule: str, record: Record, score: float | None, text: str) -> Match:
    return Match(
        supplier_key=supplier.key,
        precedence=PRECEDENCE[rule],
        rule=rule,
        status=status_for(rule, record.family),
        kind=record.kind,
        family=record.family,
        record_id=record.record_id,
        source=record.source,
        score=score,
        valid_from=record.valid_from,
        valid_to=record.valid_to,
        explanation=text,
    )


def identifier_match(
    supplier: Supplier, rule: str, record: Record, threshold: float = NAME_MATCH_THRESHOLD
) -> Match:
    """Rule 2 or 3 on this record. A certain match on a weak number (placeholder, wrong check
    digit) stays certain only when the names agree too; otherwise it is probable, to confirm."""
    text = (explain.siret_text if rule == "siret" else explain.siren_text)(supplier, record)
    match = _match(supplier, rule, record, 100.0, text)
    why = weak_identifier(supplier, rule) if match.status == "certain" else None
    if why is None:
        return match
    score = names_agree(supplier, record, threshold)
    return replace(
        match,
        status="certain" if score is not None else "probable",
        explanation=text + explain.weak_number_text(why, score),
    )


def override_matches(
    supplier: Supplier,
    override: OverrideDecision,
    record: Record | None,
    candidates: Sequence[Match] = (),
) -> list[Match]:
    """Rule 1. reject: a 'none' row that beats everything; set_kind: a certain row of that kind;
    confirm: the named record (its window) made certain, else the supplier's probable candidates."""
    base = {"supplier_key": supplier.key, "precedence": PRECEDENCE["override"], "rule": "override"}
    if override.decision == "reject":
        return [
            Match(
                **base,  # type: ignore[arg-type]
                status="none",
                kind=None,
                family=None,
                record_id=None,
                source=None,
                score=None,
                valid_from=None,
                valid_to=None,
                explanation=explain.override_text(override, None),
            )
        ]
    if override.decision == "confirm" and record is not None:
        return [
            Match(
                **base,  # type: ignore[arg-type]
                status="certain",
                kind=record.kind,
                family=record.family,
                record_id=record.record_id,
                source=record.source,
                score=None,
                valid_from=record.valid_from,
                valid_to=record.valid_to,
                explanation=explain.override_text(override, record),
            )
        ]
    if override.decision == "confirm" and override.record_id is None:
        probable = [m for m in candidates if m.status == "probable"]
        if probable:
            text = explain.override_text(override, None)
            return [
                replace(m, precedence=0, rule="override", status="certain", explanation=text)
                for m in probable
            ]
    kind = override.kind
    if kind is None or kind not in KINDS:
        return []
    return [
        Match(
            **base,  # type: ignore[arg-type]
            status="certain",
            kind=kind,
            family=KINDS[kind].family,
            record_id=None,
            source=None,
            score=None,
            valid_from=None,
            valid_to=None,
            explanation=explain.override_text(override, None),
        )
    ]


def cascade(
    supplier: Supplier,
    id_records: Iterable[Record],
    name_hits: Iterable[tuple[Record, float]] = (),
    override: OverrideDecision | None = None,
    override_record: Record | None = None,
    *,
    threshold: float = NAME_MATCH_THRESHOLD,
) -> list[Match]:
    """All candidate rows of one supplier, best first; always at least one row.

    ``id_records`` are the active records sharing the supplier's SIREN; ``name_hits`` the records
    whose name is close enough in the supplier's department, with their score; ``threshold`` the
    name score that makes a match on a weak identifier certain.
    """
    rows: list[Match] = []
    for record in id_records:
        if not record.is_active:
            continue
        if siret_applies(supplier, record):
            rows.append(identifier_match(supplier, "siret", record, threshold))
        elif siren_applies(supplier, record):
            rows.append(identifier_match(supplier, "siren", record, threshold))
    for record, score in name_hits:
        if record.is_active and not sirens_conflict(supplier, record):
            rows.append(
                _match(supplier, "name", record, score, explain.name_text(supplier, record, score))
            )
    if override is not None:
        rows = override_matches(supplier, override, override_record, rows) + rows
    if not any(m.status == "none" and m.rule == "override" for m in rows):
        rows.append(
            Match(
                supplier_key=supplier.key,
                precedence=PRECEDENCE["none"],
                rule="none",
                status="none",
                kind=None,
                family=None,
                record_id=None,
                source=None,
                score=None,
                valid_from=None,
                valid_to=None,
                explanation=explain.none_text(supplier, bool(rows)),
            )
        )
    return sorted(rows, key=sort_key)


def sort_key(m: Match) -> tuple[object, ...]:
    """The line mart's order: precedence, then the primary family (handicap > insertion > ess),
    then certain first, then the newest record.

    Family before certainty: within one rule, only SIREN matches mix certain (ESUS/ESS) and
    probable (every other kind) rows, and an ESS flag on the legal unit must not hide a probable
    EA/ESAT/SIAE record — that spend belongs "to confirm", where an analyst sees it.
    """
    newest = -(m.valid_from.toordinal()) if m.valid_from else 1
    return (
        m.precedence,
        FAMILY_RANK.get(m.family or "", 4),
        STATUS_RANK.get(m.status, 3),
        newest,
        m.record_id if m.record_id is not None else 1 << 62,
    )


def pick(matches: Iterable[Match], day: dt.date) -> Match | None:
    """The row the line mart keeps for a line of this supplier dated ``day``."""
    valid = [m for m in matches if is_valid_at(m.valid_from, m.valid_to, day)]
    return min(valid, key=sort_key) if valid else None


def needs_name_rule(rows: Iterable[Match]) -> bool:
    """False when an identifier match already holds at every date (name would never be chosen)."""
    return not any(
        m.rule in ("siret", "siren") and m.valid_from is None and m.valid_to is None for m in rows
    )
