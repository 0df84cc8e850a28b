"""The payout curve: table-driven at and around every point, and Hypothesis properties."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.objectives.curves import (
    DEFAULT_CURVE,
    DEFAULT_CURVE_TEXT,
    CurveError,
    attainment_for_rate,
    parse_curve,
    payout_eur,
    payout_rate,
    raw_payout,
)

STEP = parse_curve("step 0.9:0.5 1.0:1.0 1.1:1.2")


@pytest.mark.parametrize(
    ("attainment", "rate"),
    [
        ("0", "0"),
        ("0.5", "0"),
        ("0.7999", "0"),
        ("0.8", "0.5"),
        ("0.8001", "0.50025"),
        ("0.9", "0.75"),
        ("0.93", "0.825"),
        ("0.9999", "0.99975"),
        ("1.0", "1.0"),
        ("1.0001", "1.00025"),
        ("1.1", "1.25"),
        ("1.1999", "1.49975"),
        ("1.2", "1.5"),
        ("1.2001", "1.5"),
        ("3", "1.5"),
    ],
)
def test_default_curve(attainment: str, rate: str) -> None:
    assert payout_rate(DEFAULT_CURVE, D(attainment)) == D(rate)


@pytest.mark.parametrize(
    ("attainment", "rate"),
    [
        ("0.8999", "0"),
        ("0.9", "0.5"),
        ("0.9999", "0.5"),
        ("1.0", "1.0"),
        ("1.0999", "1.0"),
        ("1.1", "1.2"),
        ("2", "1.2"),
    ],
)
def test_step_curve(attainment: str, rate: str) -> None:
    assert payout_rate(STEP, D(attainment)) == D(rate)


@pytest.mark.parametrize(
    "text", ["", None, "  ", DEFAULT_CURVE_TEXT, "linear 0.8:0.5 1.0:1.0 1.2:1.5"]
)
def test_empty_is_default(text: str | None) -> None:
    assert parse_curve(text) == DEFAULT_CURVE


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0.8-0.5", "attainment:rate"),
        ("0.8:abc", "not a number"),
        ("1.0:1.0 0.8:0.5", "strictly increasing"),
        ("0.8:1.0 1.0:0.5", "must not decrease"),
        ("step", "no points"),
        ("0.8:-1", "negative"),
    ],
)
def test_bad_curves(text: str, message: str) -> None:
    with pytest.raises(CurveError, match=message):
        parse_curve(text)


def test_curve_text_round_trip() -> None:
    assert parse_curve(STEP.text()) == STEP
    assert DEFAULT_CURVE.text() == "0.8:0.5 1.0:1.0 1.2:1.5"


@pytest.mark.parametrize(
    ("rate", "attainment"), [("0.5", "0.8"), ("0.75", "0.9"), ("1.5", "1.2"), ("2", None)]
)
def test_attainment_for_rate(rate: str, attainment: str | None) -> None:
    expected = D(attainment) if attainment else None
    assert attainment_for_rate(DEFAULT_CURVE, D(rate)) == expected


def test_payout_rounds_half_up_to_the_cent() -> None:
    assert payout_eur(D("10000.00"), D("0.15"), D("0.825")) == D("1237.50")
    assert payout_eur(D("0.10"), D("0.05"), D("1")) == D("0.01")  # 0.005 -> 0.01
    assert payout_eur(D("333.33"), D("0.333333"), D("0.5")) == D("55.55")


attainments = st.decimals(min_value=0, max_value=5, places=4, allow_nan=False)


@st.composite
def curves(draw: st.DrawFn) -> object:
    n = draw(st.integers(min_value=1, max_value=5))
    xs = sorted(draw(st.sets(st.decimals(0, 3, places=2), min_size=n, max_size=n)))
    rates = sorted(draw(st.lists(st.decimals(0, 3, places=2), min_size=n, max_size=n)))
    step = draw(st.booleans())
    body = " ".join(f"{x}:{r}" for x, r in zip(xs, rates, strict=True))
    return parse_curve(("step " if step else "") + body)


@given(curves(), attainments, attainments)
def test_payout_never_decreases(curve, a: D, b: D) -> None:  # type: ignore[no-untyped-def]
    low, high = min(a, b), max(a, b)
    assert payout_rate(curve, low) <= payout_rate(curve, high)


@given(curves(), attainments)
def test_zero_below_first_point_and_capped(curve, a: D) -> None:  # type: ignore[no-untyped-def]
    rate = payout_rate(curve, a)
    if a < curve.threshold:
        assert rate == 0
    assert 0 <= rate <= curve.max_rate
    if a >= curve.cap:
        assert rate == curve.max_rate


@given(
    st.decimals(0, 200_000, places=2),
    st.decimals(D("0.01"), 1, places=2),
    attainments,
    st.integers(1, 10),
)
def test_weights_and_pay_scale_linearly(pay: D, weight: D, a: D, k: int) -> None:
    rate = payout_rate(DEFAULT_CURVE, a)
    tiny = D("1e-15")  # 28-digit Decimal arithmetic: equal up to the last digit
    assert abs(raw_payout(pay * k, weight, rate) - k * raw_payout(pay, weight, rate)) <= tiny
    assert abs(raw_payout(pay, weight * k, rate) - k * raw_payout(pay, weight, rate)) <= tiny
    # rounded to the cent, scaling moves the result by at most k half-cents
    assert abs(payout_eur(pay * k, weight, rate) - k * payout_eur(pay, weight, rate)) <= D(
        "0.005"
    ) * (k + 1)
