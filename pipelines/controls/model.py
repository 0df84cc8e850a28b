"""The plain inputs and outputs of the controls (DOMAIN.md section 8): no I/O, no database.

A :class:`Cell` is the spend of one supplier for one (entity, buyer) over a slice of one year
(the period's last weeks, its ``tail``, or the rest): the SQL under ``pipelines/sql/controls``
aggregates lines to cells so that the rules stay pure and fast at millions of lines. An
:class:`ObjectiveView` is one objective with the figure it pays on and the scope it counts.
A :class:`Signal` is what a rule found, with the payout at stake and the lines behind it (as a
:class:`LineFilter`, so that the page can list them and link the Explorer to them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from pipelines.objectives.attainment import evaluate
from pipelines.objectives.definitions import ObjectiveSpec

ZERO = Decimal("0")

#: The six signals, in the order the page and the reports list their kinds.
KINDS = ("spike", "reversal", "concentration", "new_gone", "self_interest", "portfolio")

#: Metrics measured in euros of counted spend, and the families each counts (``None``: the
#: inclusive families of the settings).
EUR_METRIC_FAMILIES: dict[str, tuple[str, ...] | None] = {
    "inclusive_spend_eur": None,
    "insertion_spend_eur": ("insertion",),
    "handicap_spend_eur": ("handicap",),
    "ess_spend_eur": ("ess",),
}
SHARE_METRIC = "inclusive_share"


@dataclass(frozen=True)
class Cell:
    """Counted spend of one supplier for one (entity, buyer) in a slice of ``year``."""

    supplier_key: str
    supplier_name: str
    entity: str
    buyer: str | None
    family: str | None
    is_counted: bool  # addressable, certain and of an inclusive family: counts as inclusive
    is_addressable: bool
    year: int
    in_tail: bool  # dated in the year's last weeks (the spike window)
    amount_eur: Decimal


@dataclass(frozen=True)
class ObjectiveView:
    """An objective with the actual it pays on and the rows it counts (None = no restriction)."""

    spec: ObjectiveSpec
    actual: Decimal
    buyers: frozenset[str] | None
    entities: frozenset[str] | None
    inclusive_families: tuple[str, ...] = ("insertion", "handicap")
    #: Addressable spend in scope (the denominator of a share metric).
    addressable_eur: Decimal = ZERO

    @property
    def objective_id(self) -> str:
        return self.spec.objective_id

    @property
    def owner(self) -> str:
        return self.spec.owner

    def covers(self, entity: str | None, buyer: str | None) -> bool:
        if self.entities is not None and entity not in self.entities:
            return False
        return self.buyers is None or buyer in self.buyers

    def counts(self, family: str | None) -> bool:
        """Whether counted spend of ``family`` moves this objective's metric."""
        metric = self.spec.metric
        if metric == SHARE_METRIC:
            return family in self.inclusive_families
        if metric not in EUR_METRIC_FAMILIES:
            return False
        families = EUR_METRIC_FAMILIES[metric] or self.inclusive_families
        return family in families

    def payout_at(self, actual: Decimal) -> Decimal:
        """Payout in euros at ``actual`` (the objective's own curve, pipelines.objectives)."""
        if self.spec.target <= 0:
            return ZERO
        return evaluate(self.spec, actual)[2]

    def actual_without(self, counted_eur: Decimal, addressable_eur: Decimal = ZERO) -> Decimal:
        """The actual had ``counted_eur`` of counted spend (of which ``addressable_eur`` also
        leaves the denominator of a share) not been there."""
        if self.spec.metric == SHARE_METRIC:
            denominator = self.addressable_eur - addressable_eur
            if denominator <= 0:
                return ZERO
            return max(ZERO, (self.actual * self.addressable_eur - counted_eur) / denominator)
        return self.actual - counted_eur

    def stake(self, counted_eur: Decimal, addressable_eur: Decimal = ZERO) -> Decimal:
        """Payout that rests on ``counted_eur``: payout now minus payout without them."""
        if counted_eur == 0 and addressable_eur == 0:
            return ZERO
        now = self.payout_at(self.actual)
        return now - self.payout_at(self.actual_without(counted_eur, addressable_eur))


@dataclass(frozen=True)
class LineFilter:
    """The lines behind a signal: these suppliers (and buyers), between these dates."""

    date_from: dt.date
    date_to: dt.date
    supplier_keys: tuple[str, ...] = ()
    buyers: tuple[str, ...] = ()
    credits_only: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "date_from": self.date_from.isoformat(),
            "date_to": self.date_to.isoformat(),
            "supplier_keys": list(self.supplier_keys),
            "buyers": list(self.buyers),
            "credits_only": self.credits_only,
        }


@dataclass(frozen=True)
class Signal:
    """One finding of one rule. ``figures`` are the values its sentence quotes (text, exact)."""

    kind: str
    period: str
    subject: str
    euros: Decimal
    payout_at_stake_eur: Decimal
    objective_ids: tuple[str, ...]
    figures: dict[str, str]
    lines: LineFilter
    supplier_keys: tuple[str, ...] = field(default=())

    @property
    def signal_id(self) -> str:
        return f"{self.kind}:{self.period}:{self.subject}"

    @property
    def fingerprint(self) -> str:
        """Changes when the signal's figures change (a reviewed signal then reopens)."""
        body = {
            "euros": str(self.euros),
            "stake": str(self.payout_at_stake_eur),
            "objectives": list(self.objective_ids),
            "figures": self.figures,
        }
        text = json.dumps(body, sort_keys=True, ensure_ascii=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, object]:
        return {
            "signal_id": self.signal_id,
            "kind": self.kind,
            "period": self.period,
            "subject": self.subject,
            "euros": self.euros,
            "payout_at_stake_eur": self.payout_at_stake_eur,
            "objective_ids": list(self.objective_ids),
            "figures": dict(self.figures),
            "lines": self.lines.to_dict(),
            "fingerprint": self.fingerprint,
        }


def stake_of(
    views: Iterable[ObjectiveView],
    cells: Iterable[Cell],
    share: Decimal = Decimal(1),
) -> tuple[Decimal, tuple[str, ...]]:
    """Payout at stake over ``views`` if ``share`` of ``cells``' counted spend were not there.

    Each objective loses the cells it covers and counts; the total is the sum of what each
    objective's payout would lose, with the objectives that lose something."""
    cells = list(cells)
    total = ZERO
    touched: list[str] = []
    for view in views:
        counted = sum(
            (
                c.amount_eur
                for c in cells
                if c.is_counted and view.covers(c.entity, c.buyer) and view.counts(c.family)
            ),
            ZERO,
        )
        if counted == 0:
            continue
        lost = view.stake(counted * share, counted * share)
        if lost != 0:
            total += lost
            touched.append(view.objective_id)
    return total, tuple(touched)


#: How a sentence shows each figure (:mod:`pipelines.formatting`, in the reader's language).
#: The figures themselves are language-neutral text: whole euros, shares as fractions to the
#: 0.1 %, the Herfindahl index to 0.01, counts, ISO dates; anything else is shown as is.
FIGURE_FORMATS: dict[str, str] = {
    "tail_eur": "money",
    "excess_eur": "money",
    "reversed_eur": "money",
    "closed_eur": "money",
    "spend_eur": "money",
    "euros": "money",
    "share": "percent",
    "expected": "percent",
    "threshold": "percent",
    "hhi": "index",
    "days": "count",
    "suppliers": "count",
    "lines": "count",
    "first_date": "date",
    "last_date": "date",
    "date": "date",
    "action": "action",
}

#: The decisions a self-interested signal names, worded in the reader's language.
ACTIONS = (
    "override.confirm",
    "override.set_kind",
    "override.reject",
    "exclusion.add",
    "exclusion.update",
    "exclusion.remove",
)


def money(value: Decimal) -> str:
    """Euros as a figure: whole euros, exact text (``12345``)."""
    return str(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent(value: Decimal) -> str:
    """A share as a figure: the fraction to the 0.1 % (``0.996``)."""
    return str(value.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP))


def index(value: Decimal) -> str:
    """The Herfindahl index as a figure, to 0.01 (``0.69``)."""
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def show_figure(name: str, value: str, lang: str | None = None) -> str:
    """The figure ``name`` as a sentence shows it in ``lang`` (French by default)."""
    from pipelines import formatting

    lang = lang or "fr"
    kind = FIGURE_FORMATS.get(name)
    if kind == "money":
        return formatting.money(Decimal(value), 0, lang)
    if kind == "percent":
        return formatting.percent(Decimal(value), 1, lang)
    if kind == "index":
        return formatting.number(Decimal(value), 2, lang)
    if kind == "count":
        return formatting.number(Decimal(value), 0, lang)
    if kind == "date":
        from pipelines.textinput import parse_date

        return formatting.date(parse_date(value), lang)
    if kind == "action" and value in ACTIONS:
        from pipelines.i18n import t

        return t(f"controls.action.{value}", lang)
    return value


def explain(signal: Signal, lang: str | None = None) -> str:
    """The signal in one sentence, in ``lang`` (pipelines/i18n/areas/controls.py)."""
    from pipelines.i18n import current_lang, t

    lang = lang or current_lang()
    shown = {k: show_figure(k, v, lang) for k, v in signal.figures.items()}
    return t(f"controls.sentence.{signal.kind}", lang, **shown)
