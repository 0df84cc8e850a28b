"""An independent, line-level reading of DOMAIN.md §4–8 in plain Python.

Deliberately naive: every figure is recomputed from the raw inputs, line by line, with loops and
dictionaries. It imports nothing from ``pipelines`` and no DuckDB (``test_oracle_independence``
checks it), so a figure that agrees here and in the product was computed twice, two ways.

Simplification (documented in the differential tests): name matching is "equal after
normalisation", the generated names being either equal after normalisation or clearly different.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")
SIX = Decimal("0.000001")

FAMILY = {
    "EI": "insertion",
    "AI": "insertion",
    "ACI": "insertion",
    "ETTI": "insertion",
    "EITI": "insertion",
    "GEIQ": "insertion",
    "SEP": "insertion",
    "EA": "handicap",
    "EATT": "handicap",
    "ESAT": "handicap",
    "TIH": "handicap",
    "ESUS": "ess",
    "ESS": "ess",
}
INCLUSIVE = ("insertion", "handicap")
FAMILY_ORDER = {"handicap": 1, "insertion": 2, "ess": 3}
LEGAL_WORDS = {"SARL", "SAS", "SASU", "EURL", "SA", "SCOP", "ASSOCIATION", "SCIC"}


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Line:
    entity: str
    invoice_id: str
    line_no: int
    day: dt.date
    supplier_name: str
    siret: str  # as written in the file ('' = missing)
    post_code: str
    buyer: str
    account: str
    category: str
    amount: Decimal
    naf: str = ""  # the ledger's NAF column ('' = missing)


@dataclass(frozen=True)
class Rec:
    """A directory record (canonical CSV row)."""

    ref: int  # our own id (the product's record_id is found by the loader)
    siret: str
    siren: str
    name: str
    kind: str
    post_code: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    naf: str = ""

    @property
    def family(self) -> str:
        return FAMILY[self.kind]

    def valid_at(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class Override:
    supplier_key: str
    decision: str  # confirm | reject | set
    kind: str | None = None
    ref: int | None = None  # confirm this record (else: the probable match)


@dataclass(frozen=True)
class Person:
    person_id: str
    manager_id: str
    entity: str
    role: str


@dataclass(frozen=True)
class Objective:
    objective_id: str
    owner: str
    scope_type: str
    scope_value: str
    start: dt.date
    end: dt.date
    metric: str
    target: Decimal
    weight: Decimal
    pay: Decimal
    curve: str  # '' = default


@dataclass
class Org:
    lines: list[Line] = field(default_factory=list)
    records: list[Rec] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)
    exclusions: list[tuple[str, str]] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    #: close 2025 once everything above is loaded, then apply the ``later`` decisions
    close_2025: bool = False
    later_overrides: list[Override] = field(default_factory=list)
    later_exclusions: list[tuple[str, str]] = field(default_factory=list)

    def current(self) -> Org:
        """The organisation as it is today: the later decisions applied."""
        return Org(
            self.lines,
            self.records,
            self.overrides + self.later_overrides,  # in order: the last effective one wins
            self.exclusions + [e for e in self.later_exclusions if e not in self.exclusions],
            self.people,
            self.objectives,
        )

    def at_closing(self) -> Org:
        return Org(
            self.lines,
            self.records,
            self.overrides,
            self.exclusions,
            self.people,
            self.objectives,
        )


# ---------------------------------------------------------------- identifiers and names


def digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def norm_siret(text: str) -> str | None:
    d = digits(text)
    if len(d) == 13:
        d = "0" + d
    return d if len(d) == 14 else None


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).upper()
    return re.sub(r"[^A-Z0-9]+", " ", text).strip()


def norm_name(text: str) -> str:
    words = [w for w in fold(text).split() if w not in LEGAL_WORDS]
    return " ".join(words)


def department(post_code: str) -> str | None:
    d = digits(post_code)
    if len(d) == 4:
        d = "0" + d
    if len(d) != 5:
        return None
    if d.startswith(("97", "98")):
        return d[:3]
    if d.startswith("20"):
        return "2A" if int(d) < 20200 else "2B"
    return d[:2]


def luhn_ok(number: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(number)):
        n = int(c)
        if i % 2:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def _weak(siret: str) -> bool:
    """§3: fails its check digit, or a placeholder: not evidence on its own."""
    return not luhn_ok(siret) or len(set(siret)) == 1 or siret == "12345678901234"


def supplier_key(line: Line) -> str:
    siret = norm_siret(line.siret)
    if siret:
        return siret
    return f"name:{fold(line.supplier_name)}:{line.post_code}"


# ---------------------------------------------------------------- classification (§6)


@dataclass(frozen=True)
class Verdict:
    status: str  # certain | probable | none
    kind: str | None
    rule: str
    ref: int | None = None

    @property
    def family(self) -> str | None:
        return FAMILY[self.kind] if self.kind else None


NONE = Verdict("none", None, "none")


def _best(recs: list[tuple[Rec, str]]) -> tuple[Rec, str] | None:
    """Primary kind: handicap before insertion before ess; then certain first; newest record."""
    if not recs:
        return None

    def order(item: tuple[Rec, str]) -> tuple[int, int, int, int]:
        rec, status = item
        newest = -rec.valid_from.toordinal() if rec.valid_from else 1
        return (FAMILY_ORDER[rec.family], 0 if status == "certain" else 1, newest, rec.ref)

    return min(recs, key=order)


class Classifier:
    def __init__(self, org: Org) -> None:
        self.records = org.records
        self.by_ref = {r.ref: r for r in org.records}
        # a supplier's identity: its latest line (name, SIRET, postcode)
        latest: dict[str, Line] = {}
        for line in org.lines:
            key = supplier_key(line)
            if key not in latest or line.day >= latest[key].day:
                latest[key] = line
        self.identity = latest
        # Decisions in order, the last one standing per supplier. "Confirm" without a record
        # confirms the best probable candidate (whatever its dates): a SIRET failing its check
        # digit before a SIREN before a name, then the first record; refused (the earlier
        # decision stands) when the supplier has none.
        self.overrides: dict[str, Override] = {}
        for o in org.overrides:
            if o.decision == "confirm" and o.ref is None:
                if o.supplier_key not in latest:
                    continue
                picked = self._pick_probable(o.supplier_key)
                if picked is None:
                    continue
                o = Override(o.supplier_key, "confirm", ref=picked)
            self.overrides[o.supplier_key] = o

    def _pick_probable(self, key: str) -> int | None:
        line = self.identity[key]
        siret = norm_siret(line.siret)
        name = norm_name(line.supplier_name)
        ranked = []
        # names are not looked at when an identifier match holds at every date
        id_open = any(
            r.valid_from is None
            and r.valid_to is None
            and siret
            and (r.siret == siret or (r.siren or r.siret[:9]) == siret[:9])
            for r in self.records
        )
        for r in self.records:
            rs = r.siren or r.siret[:9]
            if siret and siret[9:12] != "999" and r.siret == siret:
                if _weak(siret) and norm_name(r.name) != name:
                    ranked.append((1, r.ref))
                continue
            if siret and rs == siret[:9]:
                if r.family != "ess":
                    ranked.append((2, r.ref))
                continue
            if (
                name
                and not id_open
                and norm_name(r.name) == name
                and department(r.post_code) == department(line.post_code)
                and department(r.post_code) is not None
                and not (siret and rs and rs != siret[:9] and luhn_ok(siret[:9]) and luhn_ok(rs))
            ):
                ranked.append((3, r.ref))
        return min(ranked)[1] if ranked else None

    def _rules(self, key: str, day: dt.date) -> list[Verdict]:
        """Rules 2-4 at ``day``, best first (one verdict per rule that applies)."""
        line = self.identity[key]
        siret = norm_siret(line.siret)
        out: list[Verdict] = []
        name = norm_name(line.supplier_name)
        valid = [r for r in self.records if r.valid_at(day)]
        if siret and siret[9:12] != "999":
            # §3: a number failing its check digit, or a placeholder, is not evidence on its
            # own: the match is probable unless the names match too
            weak = _weak(siret)
            hit = _best(
                [
                    (r, "probable" if weak and norm_name(r.name) != name else "certain")
                    for r in valid
                    if r.siret == siret
                ]
            )
            if hit:
                out.append(Verdict(hit[1], hit[0].kind, "siret", hit[0].ref))
        if siret:
            siren = siret[:9]
            same = [
                (r, "certain" if r.family == "ess" else "probable")
                for r in valid
                if (r.siren or r.siret[:9]) == siren and r.siret != siret
            ]
            if siret[9:12] == "999":  # a pseudo-SIRET matches on its SIREN only
                same += [
                    (r, "certain" if r.family == "ess" else "probable")
                    for r in valid
                    if r.siret == siret
                ]
            hit = _best(same)
            if hit:
                out.append(Verdict(hit[1], hit[0].kind, "siren", hit[0].ref))
        dep = department(line.post_code)
        if name and dep:
            named = [
                (r, "probable")
                for r in valid
                if norm_name(r.name) == name
                and department(r.post_code) == dep
                and not (
                    siret
                    and (r.siren or r.siret[:9])
                    and (r.siren or r.siret[:9]) != siret[:9]
                    and luhn_ok(siret[:9])
                    and luhn_ok(r.siren or r.siret[:9])
                )
            ]
            hit = _best(named)
            if hit:
                out.append(Verdict("probable", hit[0].kind, "name", hit[0].ref))
        return out

    def at(self, key: str, day: dt.date) -> Verdict:
        o = self.overrides.get(key)
        if o is not None:
            if o.decision == "reject":
                return Verdict("none", None, "override")
            if o.decision == "set":
                return Verdict("certain", o.kind, "override")
            if o.ref is not None:
                rec = self.by_ref[o.ref]
                if rec.valid_at(day):
                    return Verdict("certain", rec.kind, "override", rec.ref)
        rules = self._rules(key, day)
        return rules[0] if rules else NONE


# ---------------------------------------------------------------- the line table


@dataclass(frozen=True)
class Fact:
    line: Line
    key: str
    addressable: bool
    verdict: Verdict

    @property
    def family(self) -> str | None:
        return self.verdict.family if self.verdict.status != "none" else None


def is_excluded(line: Line, key: str, exclusions: list[tuple[str, str]]) -> bool:
    for kind, value in exclusions:
        if kind == "account_prefix" and line.account.startswith(value):
            return True
        if kind == "supplier" and value in (key, norm_siret(line.siret)):
            return True
        if kind == "category" and fold(value) == fold(line.category):
            return True
    return False


def facts(org: Org) -> list[Fact]:
    classifier = Classifier(org)
    out = []
    for line in org.lines:
        key = supplier_key(line)
        out.append(
            Fact(
                line,
                key,
                not is_excluded(line, key, org.exclusions),
                classifier.at(key, line.day),
            )
        )
    return out


# ---------------------------------------------------------------- indicators (§7)


def _counted(f: Fact, statuses: tuple[str, ...]) -> bool:
    return f.addressable and f.verdict.status in statuses and f.family in INCLUSIVE


def kpi(rows: list[Fact], statuses: tuple[str, ...] = ("certain",)) -> dict[str, Any]:
    spend = sum((f.line.amount for f in rows), Decimal(0))
    addressable = sum((f.line.amount for f in rows if f.addressable), Decimal(0))
    inclusive = sum((f.line.amount for f in rows if _counted(f, statuses)), Decimal(0))

    def family_sum(family: str) -> Decimal:
        return sum(
            (
                f.line.amount
                for f in rows
                if f.addressable and f.verdict.status in statuses and f.family == family
            ),
            Decimal(0),
        )

    by_supplier: dict[str, Decimal] = defaultdict(Decimal)
    for f in rows:
        if _counted(f, statuses):
            by_supplier[f.key] += f.line.amount
    by_kind: dict[str, Decimal] = defaultdict(Decimal)
    for f in rows:
        if f.addressable and f.verdict.status in statuses and f.verdict.kind:
            by_kind[f.verdict.kind] += f.line.amount
    probable = sum(
        (
            f.line.amount
            for f in rows
            if f.addressable and f.verdict.status == "probable" and f.family in INCLUSIVE
        ),
        Decimal(0),
    )
    return {
        "spend_eur": spend,
        "addressable_spend_eur": addressable,
        "inclusive_spend_eur": inclusive,
        "inclusive_share": (inclusive / addressable) if addressable else None,
        "insertion_spend_eur": family_sum("insertion"),
        "handicap_spend_eur": family_sum("handicap"),
        "ess_spend_eur": family_sum("ess"),
        "probable_spend_eur": probable,
        "inclusive_suppliers": sum(1 for v in by_supplier.values() if v > 0),
        "by_kind": dict(by_kind),
    }


def in_window(rows: list[Fact], start: dt.date, end: dt.date) -> list[Fact]:
    return [f for f in rows if start <= f.line.day <= end]


def kpi_by(org: Org, rows: list[Fact], by: str) -> dict[str | None, dict[str, Any]]:
    manager = {p.person_id: (p.manager_id or None) for p in org.people}
    groups: dict[str | None, list[Fact]] = defaultdict(list)
    for f in rows:
        if by == "entity":
            dim: str | None = f.line.entity
        elif by == "buyer":
            dim = f.line.buyer or None
        elif by == "manager":
            dim = manager.get(f.line.buyer)
        elif by == "family":
            dim = f.family or "none"
        elif by == "kind":
            dim = f.verdict.kind if f.verdict.status != "none" and f.verdict.kind else "none"
        elif by == "month":
            dim = f.line.day.strftime("%Y-%m")
        else:
            raise ValueError(by)
        groups[dim].append(f)
    return {dim: kpi(group) for dim, group in groups.items()}


# ---------------------------------------------------------------- objectives (§8)


def parse_curve(text: str) -> tuple[list[tuple[Decimal, Decimal]], bool]:
    tokens = (text or "0.8:0.5 1.0:1.0 1.2:1.5").split()
    step = tokens[0] == "step"
    if tokens[0] in ("step", "linear"):
        tokens = tokens[1:]
    points = []
    for t in tokens:
        a, r = t.split(":")
        points.append((Decimal(a), Decimal(r)))
    return points, step


def curve_rate(text: str, attainment: Decimal) -> Decimal:
    points, step = parse_curve(text)
    if attainment < points[0][0]:
        return Decimal(0)
    if attainment >= points[-1][0]:
        return points[-1][1]
    for (a0, r0), (a1, r1) in zip(points, points[1:], strict=False):
        if a0 <= attainment < a1:
            return r0 if step else r0 + (r1 - r0) * (attainment - a0) / (a1 - a0)
    raise AssertionError


def payout(o: Objective, actual: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    attainment = actual / o.target
    rate = curve_rate(o.curve, attainment)
    return attainment, rate, (o.pay * o.weight * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def scope_rows(org: Org, rows: list[Fact], o: Objective) -> list[Fact]:
    if o.scope_type == "all":
        return rows
    if o.scope_type == "entity":
        return [f for f in rows if f.line.entity == o.scope_value]
    person = o.scope_value or o.owner
    if o.scope_type == "buyer":
        return [f for f in rows if f.line.buyer == person]
    team = {person}
    grew = True
    while grew:
        grew = False
        for p in org.people:
            if p.manager_id in team and p.person_id not in team:
                team.add(p.person_id)
                grew = True
    return [f for f in rows if f.line.buyer in team]


def previous_window(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(end.year, end.month)[1]
    if start.day == 1 and end.day == last:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        index = start.year * 12 + start.month - 1 - months
        return dt.date(index // 12, index % 12 + 1, 1), start - dt.timedelta(days=1)
    length = end - start + dt.timedelta(days=1)
    return start - length, start - dt.timedelta(days=1)


def metric_value(
    org: Org, all_rows: list[Fact], o: Objective, statuses: tuple[str, ...]
) -> Decimal:
    scoped = scope_rows(org, all_rows, o)
    rows = in_window(scoped, o.start, o.end)
    k = kpi(rows, statuses)
    if o.metric == "inclusive_share":
        share = k["inclusive_share"]
        return Decimal(0) if share is None else share.quantize(SIX, rounding=ROUND_HALF_UP)
    if o.metric == "new_inclusive_suppliers":
        prev_from, prev_to = previous_window(o.start, o.end)
        before: dict[str, Decimal] = defaultdict(Decimal)
        for f in in_window(scoped, prev_from, prev_to):
            before[f.key] += f.line.amount
        now: dict[str, Decimal] = defaultdict(Decimal)
        for f in rows:
            if _counted(f, statuses):
                now[f.key] += f.line.amount
        return Decimal(sum(1 for s, v in now.items() if v > 0 and before.get(s, 0) <= 0))
    return Decimal(k[o.metric])


def attainment(org: Org, year: int) -> dict[str, dict[str, Any]]:
    rows = facts(org)
    out = {}
    for o in org.objectives:
        if o.end.year != year:
            continue
        actual = metric_value(org, rows, o, ("certain",))
        probable = metric_value(org, rows, o, ("certain", "probable"))
        att, rate, pay = payout(o, actual)
        out[o.objective_id] = {
            "owner": o.owner,
            "metric": o.metric,
            "actual": actual,
            "probable_actual": probable,
            "attainment": att,
            "payout_rate": rate,
            "payout_eur": pay,
        }
    return out


def whatif(org: Org, o: Objective) -> dict[str, Any]:
    """Each level (threshold, target, cap): the metric value, the gap, and what the level pays."""
    rows = facts(org)
    actual = metric_value(org, rows, o, ("certain",))
    points, _ = parse_curve(o.curve)
    addressable = kpi(in_window(scope_rows(org, rows, o), o.start, o.end))["addressable_spend_eur"]
    levels = {}
    for name, level in (
        ("threshold", points[0][0]),
        ("target", Decimal(1)),
        ("cap", points[-1][0]),
    ):
        needed = o.target * level
        gap = max(Decimal(0), needed - actual)
        rate = curve_rate(o.curve, level)
        gap_eur = None
        if o.metric.endswith("_eur"):
            gap_eur = gap.quantize(CENT, rounding=ROUND_HALF_UP)
        elif o.metric == "inclusive_share":
            gap_eur = (gap * addressable).quantize(CENT, rounding=ROUND_CEILING)
        levels[name] = {
            "metric_value": needed,
            "gap": gap,
            "gap_eur": gap_eur,
            "reached": gap == 0,
            "payout_rate": rate,
            "payout_eur": (o.pay * o.weight * rate).quantize(CENT, rounding=ROUND_HALF_UP),
        }
    return {"actual": actual, "levels": levels}


# ---------------------------------------------------------------- review (§6: to confirm)


def review_queue(org: Org) -> list[tuple[str, str, Decimal]]:
    """(supplier key, status, addressable spend to review): suppliers with probable spend first,
    then those with unmatched spend; most addressable spend to review first, then by key.

    The amount to review is the spend a decision would move: the probable part for a probable
    supplier, the unmatched part for an unmatched one, addressable lines only (excluded spend
    moves no figure)."""
    probable: dict[str, Decimal] = defaultdict(Decimal)
    unmatched: dict[str, Decimal] = defaultdict(Decimal)
    has_probable: set[str] = set()
    has_unmatched: set[str] = set()
    for f in facts(org):
        amount = f.line.amount if f.addressable else Decimal(0)
        if f.verdict.status == "probable":
            has_probable.add(f.key)
            probable[f.key] += amount
        elif f.verdict.rule == "none":
            has_unmatched.add(f.key)
            unmatched[f.key] += amount
    rows = [(k, "probable", probable[k]) for k in has_probable]
    rows += [(k, "none", unmatched[k]) for k in has_unmatched - has_probable]
    return sorted(rows, key=lambda r: (r[1] != "probable", -r[2], r[0]))


#: Which metrics a change of classification can move, and through which numerator.
NUMERATOR = {
    "inclusive_spend_eur": "inclusive_spend_eur",
    "inclusive_share": "inclusive_spend_eur",
    "insertion_spend_eur": "insertion_spend_eur",
    "handicap_spend_eur": "handicap_spend_eur",
    "ess_spend_eur": "ess_spend_eur",
}


def confirmation_effect(org: Org, key: str, year: int, closed: bool = False) -> dict[str, Decimal]:
    """Objective id -> how much its metric's spend moves if the supplier's probable match is
    confirmed (the dashboard's « Confirmer »): recomputed on the organisation with that
    decision, so only the lines the decision really changes count (validity window included)."""
    after = Org(
        org.lines,
        org.records,
        [o for o in org.overrides if o.supplier_key != key] + [Override(key, "confirm")],
        org.exclusions,
        org.people,
        org.objectives,
    )
    rows_now, rows_after = facts(org), facts(after)
    out: dict[str, Decimal] = {}
    if closed:  # a closed period's figures are frozen: a decision moves none of them
        return out
    for o in org.objectives:
        if o.end.year != year or o.metric not in NUMERATOR:
            continue
        field_name = NUMERATOR[o.metric]
        now = kpi(in_window(scope_rows(org, rows_now, o), o.start, o.end))[field_name]
        then = kpi(in_window(scope_rows(org, rows_after, o), o.start, o.end))[field_name]
        if then != now:
            out[o.objective_id] = then - now
    return out


def top_suppliers(rows: list[Fact]) -> list[tuple[str, Decimal, Decimal]]:
    """(supplier key, counted inclusive spend, share) of inclusive suppliers with positive spend,
    largest first; the share is of the spend of those suppliers (the concentration tile)."""
    spend: dict[str, Decimal] = defaultdict(Decimal)
    for f in rows:
        if _counted(f, ("certain",)):
            spend[f.key] += f.line.amount
    positive = {k: v for k, v in spend.items() if v > 0}
    total = sum(positive.values(), Decimal(0))
    ranked = sorted(positive.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(k, v, v / total) for k, v in ranked]


# ---------------------------------------------------------------- suggestions (Mes objectifs)

#: which families' spend moves each metric, in euros
METRIC_FAMILIES = {
    "inclusive_spend_eur": INCLUSIVE,
    "inclusive_share": INCLUSIVE,
    "insertion_spend_eur": ("insertion",),
    "handicap_spend_eur": ("handicap",),
    "ess_spend_eur": ("ess",),
}


def naf_class(naf: str) -> str:
    return naf.upper().replace(".", "")[:4]


def suggestions(
    org: Org,
    o: Objective,
    as_of: dt.date,
    buyers: set[str] | None = None,
    entities: set[str] | None = None,
    per_category: int = 5,
    limit: int = 20,
) -> dict[str, Any]:
    """« Fournisseurs inclusifs à solliciter » for objective ``o`` read by someone whose scope is
    ``buyers`` / ``entities`` (None: no restriction), on an open period.

    Ordinary spend = addressable lines of the objective's scope and period, in the reader's scope,
    whose supplier is not of an inclusive family, by category (positive only). A category's
    activities = NAF classes of its lines anywhere (the line's NAF, else its matched record's).
    Candidates = inclusive records valid at ``as_of`` with a NAF, in a department where the reader
    has a line (any department when none), one per identity (SIRET, SIREN, name), the most recent.
    Coverable = min(category's ordinary spend, € gap to the first level not reached) for records
    whose family the metric counts; ranked by coverable, then category spend, category, name."""
    rows = facts(org)
    by_ref = {r.ref: r for r in org.records}

    def line_naf(f: Fact) -> str:
        if f.line.naf:
            return f.line.naf
        if f.verdict.status != "none" and f.verdict.ref is not None:
            return by_ref[f.verdict.ref].naf
        return ""

    scoped = [
        f
        for f in in_window(scope_rows(org, rows, o), o.start, o.end)
        if (buyers is None or f.line.buyer in buyers)
        and (entities is None or f.line.entity in entities)
    ]
    departments = {department(f.line.post_code) for f in scoped} - {None}
    ordinary: dict[str, Decimal] = defaultdict(Decimal)
    for f in scoped:
        if f.addressable and f.line.category and f.family not in INCLUSIVE:
            ordinary[f.line.category] += f.line.amount
    ordinary = {c: v for c, v in ordinary.items() if v > 0}
    classes: dict[str, set[str]] = defaultdict(set)
    for f in rows:
        if f.line.category in ordinary and line_naf(f):
            classes[f.line.category].add(naf_class(line_naf(f)))

    def recency(r: Rec) -> tuple[int, int, str, str, str]:
        newest = (0, -r.valid_from.toordinal()) if r.valid_from else (1, 0)
        return (*newest, r.kind, r.name.strip(), r.post_code)

    valid = [
        r
        for r in org.records
        if r.family in INCLUSIVE
        and r.valid_at(as_of)
        and r.naf
        and (not departments or department(r.post_code) in departments)
    ]
    chosen: dict[str, Rec] = {}
    for r in sorted(valid, key=recency):
        chosen.setdefault(r.siret or r.siren or norm_name(r.name), r)

    pairs = [(c, r) for c in ordinary for r in chosen.values() if naf_class(r.naf) in classes[c]]
    out: dict[str, Any] = {
        "categories": {c: ordinary[c] for c, _ in pairs},
        "level": None,
        "suggestions": [],
    }
    families = METRIC_FAMILIES.get(o.metric, ())
    w = whatif(org, o)
    level = next(
        (
            (name, lv)
            for name, lv in w["levels"].items()
            if not lv["reached"] and lv["gap_eur"] is not None
        ),
        None,
    )
    if level is None or not families:
        return out
    out["level"] = level[0]
    gap = level[1]["gap_eur"]
    addressable = kpi(in_window(scope_rows(org, rows, o), o.start, o.end))["addressable_spend_eur"]
    ranked = []
    for c, r in pairs:
        if r.family not in families:
            continue
        coverable = min(ordinary[c], gap)
        if coverable > 0:
            ranked.append((c, r, coverable))
    ranked.sort(key=lambda x: (-x[2], -ordinary[x[0]], x[0], x[1].name.strip(), x[1].siret or "~"))
    count: dict[str, int] = defaultdict(int)
    for c, r, coverable in ranked:
        if count[c] >= per_category or len(out["suggestions"]) >= limit:
            continue
        count[c] += 1
        if o.metric == "inclusive_share":
            new_actual = w["actual"] + coverable / addressable
        else:
            new_actual = w["actual"] + coverable
        _, _, new_pay = payout(o, new_actual)
        out["suggestions"].append((c, r.name.strip(), r.kind, coverable, new_pay))
    return out


# ---------------------------------------------------------------- hours and OETH (§7)

#: The oracle's own copy of the published parameters (pipelines/reports/parameters/parameters.yaml,
#: versions in force in 2025 and 2026): data, written out again so that a change there shows here.
LABOUR_SHARE_DEFAULT = Decimal("0.50")
LABOUR_SHARE = {
    "Nettoyage": "0.80",
    "Espaces verts": "0.75",
    "Restauration": "0.45",
    "Blanchisserie": "0.60",
    "Impression": "0.40",
    "Logistique": "0.65",
    "Informatique": "0.55",
    "Travaux": "0.50",
    "Travaux et maintenance": "0.55",
    "Fournitures": "0.20",
    "Fournitures de bureau": "0.15",
    "Intérim": "0.90",
    "Impression et conditionnement": "0.45",
    "Déchets et recyclage": "0.60",
    "Transport": "0.55",
    "Conseil": "0.70",
}
HOURLY_COST_DEFAULT = Decimal("27")
HOURLY_COST = {"Intérim": "25", "Travaux": "30"}
SMIC_31_DECEMBER = {2024: Decimal("11.88"), 2025: Decimal("11.88"), 2026: Decimal("12.02")}
OETH_KINDS = ("EA", "EATT", "ESAT", "TIH")


def _rate(table: dict[str, str], default: Decimal, category: str) -> tuple[Decimal, str]:
    for name, value in table.items():
        if name.casefold() == category.strip().casefold():
            return Decimal(value), "category"
    return default, "default"


def insertion_hours(
    rows: list[Fact], start: dt.date, end: dt.date, entities: set[str] | None = None
) -> dict[str, Any]:
    """Estimated insertion hours (no contract with a social clause in these organisations, so
    nothing declared): certain, addressable insertion-family spend x labour share / hourly cost,
    per category, the total rounded to the hundredth of an hour once."""
    spend: dict[str, Decimal] = defaultdict(Decimal)
    for f in in_window(rows, start, end):
        if entities is not None and f.line.entity not in entities:
            continue
        if f.addressable and f.verdict.status == "certain" and f.family == "insertion":
            spend[f.line.category] += f.line.amount
    by_category = {}
    total = Decimal(0)
    for category, amount in spend.items():
        share, share_source = _rate(LABOUR_SHARE, LABOUR_SHARE_DEFAULT, category)
        cost, _ = _rate(HOURLY_COST, HOURLY_COST_DEFAULT, category)
        exact = amount * share / cost
        total += exact
        by_category[category] = {
            "spend_eur": amount,
            "labour_share": share,
            "labour_share_source": share_source,
            "hourly_cost_eur": cost,
            "hours": exact.quantize(CENT, rounding=ROUND_HALF_UP),
        }
    return {
        "declared_hours": Decimal(0),
        "estimated_hours": total.quantize(CENT, rounding=ROUND_HALF_UP),
        "estimated_spend_eur": sum(spend.values(), Decimal(0)),
        "defaulted": sorted(
            c for c, r in by_category.items() if r["labour_share_source"] == "default"
        ),
        "by_category": by_category,
    }


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def oeth_labour(rows: list[Fact], year: int) -> tuple[Decimal, Decimal]:
    """(spend, labour part) with EA/EATT/ESAT/TIH suppliers in ``year``: certain, addressable."""
    spend = labour = Decimal(0)
    for f in in_window(rows, dt.date(year, 1, 1), dt.date(year, 12, 31)):
        if f.addressable and f.verdict.status == "certain" and f.verdict.kind in OETH_KINDS:
            spend += f.line.amount
            labour += f.line.amount * _rate(LABOUR_SHARE, LABOUR_SHARE_DEFAULT, f.line.category)[0]
    return spend, labour


def oeth(
    rows: list[Fact],
    year: int,
    headcount: Decimal,
    beneficiaries: Decimal,
    direct_rate: Decimal | None = None,
) -> dict[str, Decimal]:
    """§7 OETH estimate, step by step (Code du travail L5212-2, D5212-22, D5212-26)."""
    required = Decimal(int(headcount * Decimal("0.06")))  # floor: headcounts are positive
    missing = max(required - beneficiaries, Decimal(0))
    multiplier = Decimal(0)
    for lower, value in ((20, 400), (250, 500), (750, 600)):
        if headcount >= lower:
            multiplier = Decimal(value)
    gross = _cents(missing * SMIC_31_DECEMBER[year] * multiplier)
    spend, labour = oeth_labour(rows, year)
    labour = _cents(labour)
    deduction = _cents(Decimal("0.30") * labour)
    rate = direct_rate if direct_rate is not None else beneficiaries / headcount
    cap = _cents((Decimal("0.75") if rate >= Decimal("0.03") else Decimal("0.50")) * gross)
    capped = max(min(deduction, cap), Decimal(0))
    return {
        "required_beneficiaries": required,
        "missing_beneficiaries": missing,
        "multiplier": multiplier,
        "gross_contribution_eur": gross,
        "oeth_spend_eur": _cents(spend),
        "labour_eur": labour,
        "deduction_eur": deduction,
        "cap_eur": cap,
        "capped_deduction_eur": capped,
        "net_contribution_eur": gross - capped,
    }


# ---------------------------------------------------------------- annual report and overview


def objectives_summary(org: Org, year: int, closed: bool) -> dict[str, Any]:
    """The annual report's objectives table: per metric, count, reached (attainment >= 100 %),
    mean attainment (4 decimals, half-up), payouts; a closed year as it was closed."""
    results = attainment(org.at_closing() if closed else org.current(), year)
    by_objective = {o.objective_id: o for o in org.objectives}
    metrics: dict[str, dict[str, Any]] = {}
    for oid, r in results.items():
        o = by_objective[oid]
        m = metrics.setdefault(
            r["metric"],
            {
                "count": 0,
                "reached": 0,
                "sum": Decimal(0),
                "payout": Decimal(0),
                "at100": Decimal(0),
            },
        )
        shown = r["attainment"].quantize(SIX, rounding=ROUND_HALF_UP)
        m["count"] += 1
        m["reached"] += 1 if shown >= 1 else 0
        m["sum"] += shown
        m["payout"] += r["payout_eur"]
        m["at100"] += o.pay * o.weight
    return {
        metric: {
            "count": m["count"],
            "reached": m["reached"],
            "mean_attainment": (m["sum"] / m["count"]).quantize(
                Decimal("0.0001"), rounding=ROUND_HALF_UP
            ),
            "payout_eur": m["payout"],
            "payout_at_100_eur": _cents(m["at100"]),
        }
        for metric, m in metrics.items()
    }


def month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def like_for_like_previous(year: int, last_month: dt.date | None) -> tuple[dt.date, dt.date]:
    """The overview's comparison window for a year: the same months of the year before, cut at
    the last month with data when the data stop inside the year."""
    last = month_index(last_month) if last_month else None
    if (
        last is None
        or last >= month_index(dt.date(year, 12, 1))
        or last < month_index(dt.date(year, 1, 1))
    ):
        return dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31)
    end_index = last - 12
    end_month = dt.date(end_index // 12, end_index % 12 + 1, 1)
    return dt.date(year - 1, 1, 1), dt.date(
        end_month.year, end_month.month, calendar.monthrange(end_month.year, end_month.month)[1]
    )
