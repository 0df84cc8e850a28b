"""Payout curves (DOMAIN.md section 8): pure functions, Decimal arithmetic, no I/O.

A curve is a list of points ``attainment:rate`` read at the *whole* attainment (not marginal
tiers): zero below the first point, the last rate at and above the last point, and in between
either linear interpolation (default) or a step (the rate of the last point reached).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from pipelines.textinput import NumberError, parse_decimal

CENT = Decimal("0.01")
ZERO = Decimal("0")

#: The default curve, defined once: 0 below 80 %; 50 % at 80 %; 100 % at 100 %; 150 % at 120 %.
DEFAULT_CURVE_TEXT = "0.8:0.5 1.0:1.0 1.2:1.5"


class CurveError(ValueError):
    """A curve text that cannot be read; the message says what was expected."""


@dataclass(frozen=True)
class Curve:
    points: tuple[tuple[Decimal, Decimal], ...]
    step: bool = False

    @property
    def threshold(self) -> Decimal:
        """Attainment of the first point (below it the payout is zero)."""
        return self.points[0][0]

    @property
    def cap(self) -> Decimal:
        """Attainment of the last point (above it the payout stays flat)."""
        return self.points[-1][0]

    @property
    def max_rate(self) -> Decimal:
        return self.points[-1][1]

    def text(self) -> str:
        body = " ".join(f"{_fmt(a)}:{_fmt(r)}" for a, r in self.points)
        return f"step {body}" if self.step else body


def _fmt(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text if "." in text else text + ".0"


def _decimal(token: str, what: str, point: str) -> Decimal:
    try:
        value = parse_decimal(token)
    except NumberError:
        value = None
    if value is None:
        raise CurveError(f"{what} {token!r} in point {point!r} is not a number")
    return value


def parse_curve(text: str | None) -> Curve:
    """Parse ``"0.8:0.5 1.0:1.0 1.2:1.5"`` or ``"step 0.9:0.5 1.0:1.0"``; empty = default curve."""
    raw = (text or "").strip()
    if not raw:
        raw = DEFAULT_CURVE_TEXT
    tokens = raw.split()
    step = False
    if tokens[0].lower() in ("step", "linear"):
        step = tokens[0].lower() == "step"
        tokens = tokens[1:]
    if not tokens:
        raise CurveError("no points: expected 'attainment:rate' points such as 0.8:0.5 1.0:1.0")
    points: list[tuple[Decimal, Decimal]] = []
    for token in tokens:
        parts = token.split(":")
        if len(parts) != 2:
            raise CurveError(f"point {token!r} is not of the form attainment:rate (e.g. 0.8:0.5)")
        attainment = _decimal(parts[0], "attainment", token)
        rate = _decimal(parts[1], "rate", token)
        if attainment < 0 or rate < 0:
            raise CurveError(f"point {token!r} has a negative value")
        if points and attainment <= points[-1][0]:
            raise CurveError(f"point {token!r}: attainments must be strictly increasing")
        if points and rate < points[-1][1]:
            raise CurveError(f"point {token!r}: rates must not decrease")
        points.append((attainment, rate))
    return Curve(tuple(points), step)


DEFAULT_CURVE = parse_curve(DEFAULT_CURVE_TEXT)


def payout_rate(curve: Curve, attainment: Decimal) -> Decimal:
    """The payout rate at ``attainment`` (a fraction: 0.93 = 93 %), read on the whole curve."""
    points = curve.points
    if attainment < points[0][0]:
        return ZERO
    if attainment >= points[-1][0]:
        return points[-1][1]
    for (a0, r0), (a1, r1) in zip(points, points[1:], strict=False):
        if a0 <= attainment < a1:
            if curve.step:
                return r0
            return r0 + (r1 - r0) * (attainment - a0) / (a1 - a0)
    raise AssertionError("unreachable: attainment between the first and last point")


def attainment_for_rate(curve: Curve, rate: Decimal) -> Decimal | None:
    """The smallest attainment whose payout rate is at least ``rate`` (None if never reached)."""
    if rate <= 0:
        return ZERO
    for (a0, r0), (a1, r1) in zip(curve.points, curve.points[1:], strict=False):
        if r0 >= rate:
            return a0
        if r1 >= rate:
            return a1 if curve.step else a0 + (rate - r0) * (a1 - a0) / (r1 - r0)
    last_a, last_r = curve.points[-1]
    return last_a if last_r >= rate else None


def raw_payout(variable_pay_eur: Decimal, weight: Decimal, rate: Decimal) -> Decimal:
    """Variable pay at 100 % x weight x payout rate, unrounded."""
    return variable_pay_eur * weight * rate


def plain(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (75000, not 7.5E+4)."""
    value = value.normalize()
    exponent = value.as_tuple().exponent
    return value.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else value


def round_eur(amount: Decimal) -> Decimal:
    """Round to the cent, half up (0.005 -> 0.01)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def payout_eur(variable_pay_eur: Decimal, weight: Decimal, rate: Decimal) -> Decimal:
    """Payout in euros, exact to the cent (ROUND_HALF_UP)."""
    return round_eur(raw_payout(variable_pay_eur, weight, rate))
