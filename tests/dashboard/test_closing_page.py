"""Closing from the dashboard (« Clôturer »): a confirmation step with the frozen totals, a
required reason, warnings when premature; closes only once confirmed, as the signed-in admin."""

from __future__ import annotations

import datetime as dt

import pytest
from test_dashboard_pages import signed_in

from dashboard import auth
from dashboard import formatting as fmt
from dashboard.i18n import t
from pipelines.objectives.closing import (
    LAST_MONTH_MISSING,
    NOT_ENDED,
    closing_warnings,
    is_closed,
    list_periods,
)
from pipelines.settings import Settings
from pipelines.store.audit import list_events
from pipelines.store.db import session_scope


class FixedClock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.mark.parametrize(
    "end, today, last_month_lines, expected",
    [
        (dt.date(2025, 12, 31), dt.date(2025, 9, 15), 0, (NOT_ENDED, LAST_MONTH_MISSING)),
        (dt.date(2025, 12, 31), dt.date(2025, 12, 30), 4, (NOT_ENDED,)),
        (dt.date(2025, 12, 31), dt.date(2025, 12, 31), 4, ()),  # ends today: ended
        (dt.date(2025, 12, 31), dt.date(2026, 1, 2), 0, (LAST_MONTH_MISSING,)),
        (dt.date(2025, 12, 31), dt.date(2026, 1, 2), 1, ()),
    ],
)
def test_closing_warnings(end, today, last_month_lines, expected):
    assert closing_warnings(end, today, last_month_lines) == expected


def admin_on_closing(monkeypatch, today: dt.datetime):
    monkeypatch.setattr(auth, "clock", FixedClock(today))
    at = signed_in("admin")
    at.switch_page("pages/objectives_admin.py").run()
    assert not at.exception, at.exception
    at.selectbox(key="close_year").set_value(2025).run()
    return at


def close_events(settings: Settings):
    with session_scope(settings) as session:
        return [
            (e.actor, e.action, e.object_id, e.reason)
            for e in list_events(session, object_type="period")
        ]


def test_clicking_close_without_confirming_closes_nothing(tiny_org, monkeypatch):
    at = admin_on_closing(monkeypatch, dt.datetime(2026, 2, 1, 10))
    at.button(key="close_period").click().run()
    assert not at.exception, at.exception
    # The confirmation shows what would be frozen: tiny org 2025, 10 lines in 2025.
    tiles = {m.label: m.value for m in at.metric}
    assert tiles[t("admin.frozen_lines")] == "10"
    assert tiles[t("admin.frozen_objectives")] == "5"
    assert not is_closed("2025", tiny_org)
    assert at.button(key="close_confirm").disabled
    # A reason but no confirmation: the confirming button stays disabled.
    at.text_input(key="close_reason").input("Clôture annuelle").run()
    assert at.button(key="close_confirm").disabled
    # Confirmation but a blank reason: disabled too.
    at.text_input(key="close_reason").input("   ").run()
    at.checkbox(key="close_confirmed").check().run()
    assert at.button(key="close_confirm").disabled
    assert t("admin.reason_needed") in [i.value for i in at.info]
    # Cancelling leaves the period open and the confirmation closed.
    at.button(key="close_cancel").click().run()
    assert not any(b.key == "close_confirm" for b in at.button)
    assert not is_closed("2025", tiny_org)
    assert close_events(tiny_org) == []


def test_with_a_reason_and_confirmation_it_closes_as_the_signed_in_admin(tiny_org, monkeypatch):
    at = admin_on_closing(monkeypatch, dt.datetime(2026, 2, 1, 10))
    at.button(key="close_period").click().run()
    at.text_input(key="close_reason").input("Clôture annuelle 2025").run()
    at.checkbox(key="close_confirmed").check().run()
    shown_payout = {m.label: m.value for m in at.metric}[t("admin.frozen_payout")]
    at.button(key="close_confirm").click().run()
    assert not at.exception, at.exception
    assert is_closed("2025", tiny_org)
    # The total shown before confirming is the one the closing froze.
    (frozen,) = [p for p in list_periods(tiny_org) if p["period"] == "2025"]
    assert shown_payout == fmt.money(frozen["payout_eur"], 2, "fr")
    assert close_events(tiny_org) == [("admin", "close", "2025", "Clôture annuelle 2025")]
    assert t("admin.closed", year=2025) in [s.value for s in at.success]


def test_warnings_for_the_current_unfinished_year(tiny_org, monkeypatch):
    at = admin_on_closing(monkeypatch, dt.datetime(2025, 9, 15, 10))
    at.button(key="close_period").click().run()
    warnings = [w.value for w in at.warning]
    assert any("n'est pas terminée" in w for w in warnings), warnings
    assert any("dernier mois" in w for w in warnings), warnings
    assert not is_closed("2025", tiny_org)


def test_no_premature_warning_once_the_year_is_over(tiny_org, monkeypatch):
    at = admin_on_closing(monkeypatch, dt.datetime(2026, 2, 1, 10))
    at.button(key="close_period").click().run()
    warnings = [w.value for w in at.warning]
    assert not any("n'est pas terminée" in w for w in warnings), warnings
    assert any("dernier mois" in w for w in warnings), warnings  # tiny org: no December line
