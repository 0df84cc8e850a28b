"""The six controls against gaming the objectives (DOMAIN.md section 8): pure rules.

Each rule takes plain inputs (:mod:`pipelines.controls.model`) and a dataclass of thresholds
with documented defaults, and returns :class:`Signal` objects. A signal never changes a figure:
it says what looks gamed, how many euros, and how much payout rests on them.

Periods are years (``YYYY``). "Counted" spend is the spend the objectives count as inclusive
(addressable, certain, of an inclusive family).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from pipelines.controls.model import (
    SHARE_METRIC,
    ZERO,
    Cell,
    LineFilter,
    ObjectiveView,
    Signal,
    index,
    money,
    percent,
    stake_of,
)
from pipelines.objectives.curves import parse_curve


def _period_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def tail_start(year: int, tail_days: int) -> dt.date:
    """First day of the last ``tail_days`` days of ``year``."""
    return dt.date(year, 12, 31) - dt.timedelta(days=tail_days - 1)


# --- 1. End-of-period spike --------------------------------------------------------------------


@dataclass(frozen=True)
class SpikeParams:
    """A supplier's counted spend in the period's last ``tail_days`` days is a spike when its
    share of the supplier's year exceeds ``ratio`` times the expected share, and the euros above
    the expected share reach ``min_excess_eur``. The expected share is the larger of ordinary
    (not inclusive) addressable spend's tail share (its own seasonality, this year and the other
    years) and the supplier's own tail share in the other years."""

    tail_days: int = 42
    ratio: Decimal = Decimal("3")
    min_excess_eur: Decimal = Decimal("40000")


def spike_signals(
    period: int, cells: Sequence[Cell], views: Sequence[ObjectiveView], p: SpikeParams
) -> list[Signal]:
    ordinary: dict[bool, Decimal] = defaultdict(lambda: ZERO)
    ordinary_by_year: dict[tuple[int, bool], Decimal] = defaultdict(lambda: ZERO)
    own: dict[tuple[str, int, bool], Decimal] = defaultdict(lambda: ZERO)
    names: dict[str, str] = {}
    for c in cells:
        if c.is_addressable and not c.is_counted:
            ordinary[c.in_tail] += c.amount_eur
            ordinary_by_year[(c.year, c.in_tail)] += c.amount_eur
        if c.is_counted:
            own[(c.supplier_key, c.year, c.in_tail)] += c.amount_eur
            if c.year == period:
                names[c.supplier_key] = c.supplier_name
    years = sorted({y for (y, _) in ordinary_by_year})
    seasonal = [_share(ordinary_by_year[(y, True)], ordinary_by_year[(y, False)]) for y in years]
    base = max(seasonal, default=ZERO)
    signals = []
    for key in sorted(names):
        tail = own[(key, period, True)]
        total = tail + own[(key, period, False)]
        if tail <= 0 or total <= 0:
            continue
        others = [
            _share(own[(key, y, True)], own[(key, y, False)])
            for y in years
            if y != period and own[(key, y, True)] + own[(key, y, False)] > 0
        ]
        expected = max([base, *others])
        share = tail / total
        excess = tail - expected * total
        if share < p.ratio * expected or excess < p.min_excess_eur:
            continue
        tail_cells = [c for c in cells if c.supplier_key == key and c.year == period and c.in_tail]
        stake, touched = stake_of(views, tail_cells, excess / tail)
        start, end = _period_bounds(period)
        signals.append(
            Signal(
                kind="spike",
                period=str(period),
                subject=key,
                euros=excess.quantize(Decimal("0.01")),
                payout_at_stake_eur=stake,
                objective_ids=touched,
                figures={
                    "supplier": names[key],
                    "tail_eur": money(tail),
                    "share": percent(share),
                    "expected": percent(expected),
                    "excess_eur": money(excess),
                    "days": str(p.tail_days),
                },
                lines=LineFilter(tail_start(period, p.tail_days), end, (key,)),
                supplier_keys=(key,),
            )
        )
    return signals


def _share(tail: Decimal, rest: Decimal) -> Decimal:
    total = tail + rest
    return tail / total if total > 0 else ZERO


# --- 2. Reversal after close -------------------------------------------------------------------


@dataclass(frozen=True)
class Credit:
    """Credit notes (negative lines) of one supplier for one (entity, buyer) after a closing:
    dated in the ``window_days`` after the period, or dated in it and loaded after the close."""

    supplier_key: str
    supplier_name: str
    entity: str
    buyer: str | None
    family: str | None
    amount_eur: Decimal  # negative
    first_date: dt.date
    last_date: dt.date


@dataclass(frozen=True)
class ReversalParams:
    """Credits of a supplier whose spend counted in the closed figures fire when they reverse
    at least ``min_eur`` and ``min_share`` of that closed spend, within ``window_days``."""

    window_days: int = 120
    min_eur: Decimal = Decimal("5000")
    min_share: Decimal = Decimal("0.2")


def reversal_signals(
    period: int,
    closed_cells: Sequence[Cell],
    credits: Sequence[Credit],
    closed_views: Sequence[ObjectiveView],
    p: ReversalParams,
) -> list[Signal]:
    """``closed_cells``: counted spend as frozen at the closing; ``closed_views``: objectives
    with their frozen actual. The payout at stake is what the closed payout would have been
    without the reversed euros (the frozen payout it inflated)."""
    closed: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for c in closed_cells:
        if c.is_counted:
            closed[c.supplier_key] += c.amount_eur
    by_supplier: dict[str, list[Credit]] = defaultdict(list)
    for credit in credits:
        by_supplier[credit.supplier_key].append(credit)
    signals = []
    for key in sorted(by_supplier):
        spend = closed[key]
        reversed_eur = min(-sum((c.amount_eur for c in by_supplier[key]), ZERO), spend)
        if spend <= 0 or reversed_eur < p.min_eur or reversed_eur < p.min_share * spend:
            continue
        mine = [c for c in closed_cells if c.supplier_key == key]
        stake, touched = stake_of(closed_views, mine, reversed_eur / spend)
        last = max(c.last_date for c in by_supplier[key])
        first = min(c.first_date for c in by_supplier[key])
        signals.append(
            Signal(
                kind="reversal",
                period=str(period),
                subject=key,
                euros=reversed_eur,
                payout_at_stake_eur=stake,
                objective_ids=touched,
                figures={
                    "supplier": by_supplier[key][0].supplier_name,
                    "reversed_eur": money(reversed_eur),
                    "closed_eur": money(spend),
                    "last_date": last.isoformat(),
                },
                lines=LineFilter(first, last, (key,), credits_only=True),
                supplier_keys=(key,),
            )
        )
    return signals


# --- 3. Concentration --------------------------------------------------------------------------


@dataclass(frozen=True)
class ConcentrationParams:
    """An objective that pays is concentrated when one supplier brings more than
    ``max_top_share`` of its counted actual, or the Herfindahl index of its suppliers' shares
    exceeds ``max_hhi``, with at least ``min_actual_eur`` counted. The payout at stake is the
    payout that rests on the top supplier."""

    max_top_share: Decimal = Decimal("0.75")
    max_hhi: Decimal = Decimal("0.6")
    min_actual_eur: Decimal = Decimal("50000")


def concentration_signals(
    period: int, cells: Sequence[Cell], views: Sequence[ObjectiveView], p: ConcentrationParams
) -> list[Signal]:
    signals = []
    current = [c for c in cells if c.year == period and c.is_counted]
    names = {c.supplier_key: c.supplier_name for c in current}
    for view in views:
        mine = [c for c in current if view.covers(c.entity, c.buyer) and view.counts(c.family)]
        spend: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for c in mine:
            spend[c.supplier_key] += c.amount_eur
        total = sum((v for v in spend.values() if v > 0), ZERO)
        if total < p.min_actual_eur:
            continue
        shares = {k: v / total for k, v in spend.items() if v > 0}
        top_key = max(shares, key=lambda k: (shares[k], k))
        hhi = sum((s * s for s in shares.values()), ZERO)
        if shares[top_key] <= p.max_top_share and hhi <= p.max_hhi:
            continue
        stake, touched = stake_of([view], [c for c in mine if c.supplier_key == top_key])
        if stake <= 0:
            continue
        start, end = _period_bounds(period)
        signals.append(
            Signal(
                kind="concentration",
                period=str(period),
                subject=f"{view.objective_id}|{top_key}",
                euros=spend[top_key],
                payout_at_stake_eur=stake,
                objective_ids=touched,
                figures={
                    "objective": view.objective_id,
                    "supplier": names[top_key],
                    "share": percent(shares[top_key]),
                    "hhi": index(hhi),
                    "suppliers": str(len(shares)),
                },
                lines=LineFilter(start, end, (top_key,), _scope_buyers(view)),
                supplier_keys=(top_key,),
            )
        )
    return signals


def _scope_buyers(view: ObjectiveView) -> tuple[str, ...]:
    return tuple(sorted(view.buyers)) if view.buyers is not None else ()


# --- 4. New and gone ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SupplierSpan:
    """When a supplier was bought from at all (any line, any classification)."""

    supplier_key: str
    first_date: dt.date
    last_date: dt.date


@dataclass(frozen=True)
class NewGoneParams:
    """An inclusive supplier is "new and gone" when its first purchase ever falls in the last
    ``new_days`` days of the period, it has no purchase after the period, and its counted
    spend reaches ``min_eur``. Undecidable (nothing reported) while the data does not
    reach ``gone_days`` past the period end."""

    new_days: int = 60
    gone_days: int = 90
    min_eur: Decimal = Decimal("20000")


def new_gone_signals(
    period: int,
    cells: Sequence[Cell],
    spans: Sequence[SupplierSpan],
    data_end: dt.date | None,
    views: Sequence[ObjectiveView],
    p: NewGoneParams,
) -> list[Signal]:
    start, end = _period_bounds(period)
    if data_end is None or data_end < end + dt.timedelta(days=p.gone_days):
        return []
    new_from = tail_start(period, p.new_days)
    signals = []
    current = [c for c in cells if c.year == period and c.is_counted]
    for span in sorted(spans, key=lambda s: s.supplier_key):
        if not (new_from <= span.first_date <= end):
            continue
        if span.last_date > end:  # bought from again after the period: not gone
            continue
        mine = [c for c in current if c.supplier_key == span.supplier_key]
        spend = sum((c.amount_eur for c in mine), ZERO)
        if spend < p.min_eur:
            continue
        stake, touched = stake_of(views, mine)
        signals.append(
            Signal(
                kind="new_gone",
                period=str(period),
                subject=span.supplier_key,
                euros=spend,
                payout_at_stake_eur=stake,
                objective_ids=touched,
                figures={
                    "supplier": mine[0].supplier_name,
                    "first_date": span.first_date.isoformat(),
                    "spend_eur": money(spend),
                    "days": str(p.gone_days),
                },
                lines=LineFilter(span.first_date, end, (span.supplier_key,)),
                supplier_keys=(span.supplier_key,),
            )
        )
    return signals


# --- 5. Self-interested decision ---------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """An audited classification override or exclusion (from the audit log)."""

    event_id: int
    actor_person: str | None  # the person the acting user is
    actor: str
    action: str  # override.confirm | override.set_kind | exclusion.add | exclusion.remove ...
    at: dt.datetime
    supplier_key: str | None  # overrides
    exclusion_type: str | None = None  # exclusions
    exclusion_value: str | None = None


@dataclass(frozen=True)
class ExcludedCell:
    """Addressable-excluded spend of one (supplier, account, category) for one (entity, buyer)."""

    supplier_key: str
    siret: str | None
    account: str | None
    category: str | None
    entity: str
    buyer: str | None
    amount_eur: Decimal


@dataclass(frozen=True)
class SelfInterestParams:
    """A decision is self-interested when its author owns, or reports (at any depth) to the
    owner of, an objective it raises, and the payout it raises reaches ``min_stake_eur``."""

    min_stake_eur: Decimal = Decimal("1")


def _chain_up(person: str | None, managers: Mapping[str, str | None]) -> list[str]:
    chain: list[str] = []
    seen: set[str] = set()
    while person and person not in seen:
        chain.append(person)
        seen.add(person)
        person = managers.get(person)
    return chain


def _excluded_by(d: Decision, cell: ExcludedCell) -> bool:
    value = d.exclusion_value or ""
    if d.exclusion_type == "category":
        return cell.category == value
    if d.exclusion_type == "supplier":
        return value in (cell.supplier_key, cell.siret)
    if d.exclusion_type == "account_prefix":
        return (cell.account or "").startswith(value)
    return False


def self_interest_signals(
    period: int,
    decisions: Sequence[Decision],
    cells: Sequence[Cell],
    excluded: Sequence[ExcludedCell],
    managers: Mapping[str, str | None],
    views: Sequence[ObjectiveView],
    p: SelfInterestParams,
) -> list[Signal]:
    """Overrides that make a supplier count (confirm, set_kind) move the owner's objectives by
    the supplier's counted spend; exclusions added move a share objective by the spend they took
    out of its denominator. Rejections and removals lower figures and are not looked at."""
    current = [c for c in cells if c.year == period]
    start, end = _period_bounds(period)
    signals = []
    for d in sorted(decisions, key=lambda d: d.event_id):
        interested = set(_chain_up(d.actor_person, managers))
        if not interested:
            continue
        mine = [v for v in views if v.owner in interested]
        if not mine:
            continue
        stake = ZERO
        euros = ZERO
        touched: list[str] = []
        if d.action in ("override.confirm", "override.set_kind") and d.supplier_key:
            moved = [c for c in current if c.supplier_key == d.supplier_key and c.is_counted]
            for view in mine:
                counted = sum(
                    (
                        c.amount_eur
                        for c in moved
                        if view.covers(c.entity, c.buyer) and view.counts(c.family)
                    ),
                    ZERO,
                )
                lost = view.stake(counted, counted)
                if lost > 0:
                    stake += lost
                    euros = max(euros, counted)
                    touched.append(view.objective_id)
            keys: tuple[str, ...] = (d.supplier_key,)
        elif d.action == "exclusion.add":
            out = [c for c in excluded if _excluded_by(d, c)]
            for view in mine:
                if view.spec.metric != SHARE_METRIC:
                    continue
                amount = sum((c.amount_eur for c in out if view.covers(c.entity, c.buyer)), ZERO)
                # without the exclusion, the denominator would hold ``amount`` more
                lost = view.stake(ZERO, -amount)
                if lost > 0:
                    stake += lost
                    euros = max(euros, amount)
                    touched.append(view.objective_id)
            keys = tuple(sorted({c.supplier_key for c in out}))[:20]
        else:
            continue
        if stake < p.min_stake_eur:
            continue
        owners = sorted({v.owner for v in mine if v.objective_id in touched})
        signals.append(
            Signal(
                kind="self_interest",
                period=str(period),
                subject=f"event{d.event_id}",
                euros=euros,
                payout_at_stake_eur=stake,
                objective_ids=tuple(touched),
                figures={
                    "actor": d.actor,
                    "action": d.action,
                    "object": d.supplier_key or f"{d.exclusion_type}={d.exclusion_value}",
                    "owners": ", ".join(owners),
                    "euros": money(euros),
                    "date": d.at.date().isoformat(),
                },
                lines=LineFilter(start, end, keys if d.supplier_key else ()),
                supplier_keys=keys,
            )
        )
    return signals


# --- 6. Portfolio moves ------------------------------------------------------------------------


@dataclass(frozen=True)
class BuyerChange:
    """A line whose buyer differs between an older and a newer extract."""

    line_uid: str
    supplier_key: str
    entity: str
    old_buyer: str | None
    new_buyer: str | None
    family: str | None
    is_counted: bool
    amount_eur: Decimal
    period_date: dt.date


@dataclass(frozen=True)
class PortfolioParams:
    """Buyer changes fire for an objective when, without them, its attainment would sit on the
    other side of one of its curve's points (a payout threshold), and the payout moved reaches
    ``min_stake_eur``."""

    min_stake_eur: Decimal = Decimal("1")


def portfolio_signals(
    period: int,
    changes: Sequence[BuyerChange],
    views: Sequence[ObjectiveView],
    p: PortfolioParams,
) -> list[Signal]:
    start, end = _period_bounds(period)
    moved = [c for c in changes if c.is_counted and start <= c.period_date <= end]
    signals = []
    for view in views:
        delta = ZERO  # counted euros the changes brought into this objective
        behind: list[BuyerChange] = []
        for c in moved:
            if not view.counts(c.family):
                continue
            now_in = view.covers(c.entity, c.new_buyer)
            was_in = view.covers(c.entity, c.old_buyer)
            if now_in != was_in:
                delta += c.amount_eur if now_in else -c.amount_eur
                behind.append(c)
        if delta <= 0 or view.spec.target <= 0:
            continue
        before = view.actual_without(delta, delta)
        points = [a for a, _ in parse_curve(view.spec.curve).points]
        now_att, before_att = view.actual / view.spec.target, before / view.spec.target
        crossed = [a for a in points if before_att < a <= now_att]
        stake = view.stake(delta, delta)
        if not crossed or stake < p.min_stake_eur:
            continue
        keys = tuple(sorted({c.supplier_key for c in behind}))
        olds = sorted({c.old_buyer or "-" for c in behind})
        signals.append(
            Signal(
                kind="portfolio",
                period=str(period),
                subject=view.objective_id,
                euros=delta,
                payout_at_stake_eur=stake,
                objective_ids=(view.objective_id,),
                figures={
                    "objective": view.objective_id,
                    "euros": money(delta),
                    "from": ", ".join(olds),
                    "threshold": percent(max(crossed)),
                    "lines": str(len(behind)),
                },
                lines=LineFilter(start, end, keys[:20], _scope_buyers(view)),
                supplier_keys=keys,
            )
        )
    return signals


def ranked(signals: Iterable[Signal]) -> list[Signal]:
    """Highest payout at stake first, then most euros, then id (a stable order)."""
    return sorted(signals, key=lambda s: (-s.payout_at_stake_eur, -s.euros, s.signal_id))
