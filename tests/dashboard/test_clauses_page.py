"""« Clauses sociales »: the facilitator sees every contract and participants; a buyer their own
contracts and counts, never a person; roles without the page cannot open it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import dashboard_tiny_org as tiny
import pytest
from sqlalchemy import select
from test_dashboard_pages import signed_in, texts

from dashboard import nav
from dashboard.i18n import t
from pipelines.clauses.declarations import DeclarationInput, record_declarations
from pipelines.clauses.parameters import planning_parameters
from pipelines.clauses.register import ContractInput, add_contract
from pipelines.store.audit import list_events
from pipelines.store.db import session_scope
from pipelines.store.models import ClauseContract, ClauseDeclaration
from pipelines.store.verify import verify_session
from pipelines.users import add_user

AS_OF = dt.date(2025, 7, 1)


@pytest.fixture
def clause_org(tiny_org):
    add_user("facilitateur", "facilitator", password=tiny.PASSWORD, settings=tiny_org)
    with session_scope(tiny_org) as s:
        for cid, entity, buyer in (("MINE-1", "ALPHA", "ACH001"), ("THEIRS-3", "BETA", "ACH003")):
            add_contract(
                s,
                ContractInput(
                    contract_id=cid,
                    entity=entity,
                    buyer=buyer,
                    start_date=dt.date(2025, 1, 1),
                    end_date=dt.date(2025, 12, 31),
                    amount_eur=Decimal("600000.00"),
                    hours_required=Decimal("667"),
                    contractor_name=f"Titulaire {cid}",
                ),
                actor="test",
            )
        for cid, person in (("MINE-1", "P-777"), ("THEIRS-3", "P-888")):
            record_declarations(
                s,
                [
                    DeclarationInput(
                        entity=None,
                        contract_id=cid,
                        period_start=dt.date(2025, 1, 1),
                        period_end=dt.date(2025, 3, 31),
                        participant_id=person,
                        eligibility="young_under_26",
                        modality="direct_hire",
                        hours=Decimal("120"),
                    )
                ],
                actor="test",
                source="manual",
            )
    return tiny_org


def open_page(username: str):
    at = signed_in(username)
    at.switch_page("pages/clauses.py").run()
    at.date_input(key="clauses_as_of").set_value(AS_OF).run()
    assert not at.exception, at.exception
    return at


def test_facilitator_sees_every_contract_and_participants(clause_org):
    at = open_page("facilitateur")
    text = texts(at)
    assert "MINE-1" in text and "THEIRS-3" in text
    assert "P-777" in text and "P-888" in text
    assert [p.page_id for p in nav.pages_for("facilitator")] == ["clauses"]


def test_buyer_sees_own_contracts_and_counts_only(clause_org):
    at = open_page("acheteur")
    text = texts(at)
    assert "MINE-1" in text and "THEIRS-3" not in text
    assert "P-777" not in text and "P-888" not in text
    assert any("effectifs" in i.value for i in at.info)


def test_analyst_cannot_open_the_page(clause_org):
    at = signed_in("analyste")
    at.switch_page("pages/clauses.py").run()
    assert at.error and "P-777" not in texts(at)


def _fill_one(at, participant: str, hours: float):
    at.date_input(key="clauses_one_from").set_value(dt.date(2025, 4, 1))
    at.date_input(key="clauses_one_to").set_value(dt.date(2025, 4, 30))
    at.number_input(key="clauses_one_hours").set_value(hours)
    at.text_input(key="clauses_one_pid").input(participant)
    next(b for b in at.button if b.label == t("clauses.page.one_button", "fr")).click()
    at.run()


def test_facilitator_records_a_declaration_on_the_page(clause_org):
    at = open_page("facilitateur")
    _fill_one(at, "Jean Dupont", 10)
    assert any("jamais un nom" in e.value for e in at.error)
    _fill_one(at, "P-999", 10)
    assert not at.exception, at.exception
    at.date_input(key="clauses_as_of").set_value(AS_OF).run()
    assert "P-999" in texts(at) and "Jean Dupont" not in texts(at)


def test_buyer_has_no_recording_form(clause_org):
    at = open_page("acheteur")
    assert not any(b.label == t("clauses.page.one_button", "fr") for b in at.button)


# -- the facilitator's actions on the page (each through pipelines.workflows, as the CLI) ------


def _button(at, key: str):
    return next(b for b in at.button if b.label == t(key, "fr"))


def _contracts(settings) -> dict[str, ClauseContract]:
    with session_scope(settings) as s:
        return {c.contract_id: c for c in s.scalars(select(ClauseContract))}


def test_facilitator_adds_a_planned_tender_on_the_page(clause_org):
    at = open_page("facilitateur")
    at.text_input(key="clauses_add_id").input("AO-2025-9")
    at.text_input(key="clauses_add_entity").input("ALPHA")
    at.text_input(key="clauses_add_buyer").input("ACH001")
    at.text_input(key="clauses_add_category").input("Petite enfance")
    at.date_input(key="clauses_add_start").set_value(dt.date(2025, 9, 1))
    at.date_input(key="clauses_add_end").set_value(dt.date(2026, 8, 31))
    at.number_input(key="clauses_add_amount").set_value(600000.0)
    _button(at, "clauses.page.add_button").click()
    at.run()
    assert not at.exception and not at.error, (at.exception, [e.value for e in at.error])
    added = _contracts(clause_org)["AO-2025-9"]
    assert (added.status, added.buyer, added.created_by) == ("planned", "ACH001", "facilitateur")
    # no hours given: the estimate, computed here by hand from the shipped dated parameters
    params = planning_parameters(dt.date(2025, 9, 1), category="Petite enfance")
    by_hand = Decimal("600000") * params.labour_share / params.hourly_cost_eur
    by_hand = (by_hand * params.clause_rate).quantize(Decimal("1"), rounding="ROUND_HALF_UP")
    assert added.hours_required == by_hand
    assert any("AO-2025-9" in s.value for s in at.success)
    with session_scope(clause_org) as s:
        events = list_events(s, object_type="clause_contract", object_id=str(added.clause_id))
        assert [e.action for e in events] == ["clause_contract.add"]


def test_a_bad_contract_is_refused_in_french_and_nothing_is_recorded(clause_org):
    at = open_page("facilitateur")
    before = _contracts(clause_org)
    at.text_input(key="clauses_add_id").input("AO-BAD")
    at.text_input(key="clauses_add_entity").input("ALPHA")
    at.text_input(key="clauses_add_siret").input("123")
    _button(at, "clauses.page.add_button").click()
    at.run()
    assert any("SIRET" in e.value and "14 chiffres" in e.value for e in at.error)
    assert _contracts(clause_org).keys() == before.keys()


def test_facilitator_sets_a_contracts_parameters_with_a_reason(clause_org):
    mine = _contracts(clause_org)["MINE-1"]
    at = open_page("facilitateur")
    at.selectbox(key="clauses_parameters_contract").set_value(mine.clause_id)
    at.number_input(key="clauses_parameters_share").set_value(0.6)
    at.number_input(key="clauses_parameters_rate").set_value(0.05)
    _button(at, "clauses.page.parameters_button").click()
    at.run()
    assert any("raison" in e.value for e in at.error)  # no reason: refused, nothing changed
    assert _contracts(clause_org)["MINE-1"].labour_share is None

    at.text_input(key="clauses_parameters_reason").input("accord fédération des crèches")
    _button(at, "clauses.page.parameters_button").click()
    at.run()
    assert not at.exception and not at.error
    changed = _contracts(clause_org)["MINE-1"]
    assert (changed.labour_share, changed.clause_rate) == (Decimal("0.6"), Decimal("0.05"))
    assert changed.hourly_cost_eur is None  # left empty: unchanged
    with session_scope(clause_org) as s:
        (event,) = list_events(s, object_type="clause_contract", object_id=str(mine.clause_id))[1:]
        assert (event.action, event.actor) == ("clause_contract.parameters", "facilitateur")
        assert event.reason == "accord fédération des crèches"
        assert verify_session(s).ok
    # shown beside the figure: the estimate with this contract's parameters and their reason
    at.date_input(key="clauses_as_of").set_value(AS_OF).run()
    table = next(d.value for d in at.dataframe if "Raison des paramètres" in d.value.columns)
    row = table[table["Contrat"] == "MINE-1"].iloc[0]
    assert row["Raison des paramètres"] == "accord fédération des crèches"
    assert Decimal(str(row["Part main-d'œuvre"])) == Decimal("0.6")
    hourly = Decimal(str(row["Coût horaire"]))
    by_hand = (Decimal("600000") * Decimal("0.6") / hourly * Decimal("0.05")).quantize(
        Decimal("1"), rounding="ROUND_HALF_UP"
    )
    assert Decimal(str(row["Estimées"])) == by_hand


def test_facilitator_corrects_a_declaration_on_the_page(clause_org):
    with session_scope(clause_org) as s:
        (old,) = [d for d in s.scalars(select(ClauseDeclaration)) if d.participant_id == "P-777"]
        old_id = old.declaration_id
    at = open_page("facilitateur")
    at.selectbox(key="clauses_correct_declaration").set_value(old_id)
    at.number_input(key="clauses_correct_hours").set_value(90.0)
    at.text_input(key="clauses_correct_reason").input("relevé corrigé par le titulaire")
    _button(at, "clauses.page.correct_button").click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    with session_scope(clause_org) as s:
        rows = {d.declaration_id: d for d in s.scalars(select(ClauseDeclaration))}
        (new,) = [d for d in rows.values() if d.corrects_id == old_id]
        assert rows[old_id].hours == Decimal("120")  # the old row stays
        assert (new.hours, new.reason, new.recorded_by) == (
            Decimal("90"),
            "relevé corrigé par le titulaire",
            "facilitateur",
        )
        assert [e.action for e in list_events(s, object_type="clause_declaration")][-1] == (
            "clause_declaration.correct"
        )


@pytest.mark.parametrize("username", ["acheteur", "direction"])
def test_buyers_and_executives_have_no_clause_actions(clause_org, username):
    at = open_page(username)
    labels = {b.label for b in at.button}
    for key in (
        "clauses.page.add_button",
        "clauses.page.parameters_button",
        "clauses.page.correct_button",
        "clauses.page.one_button",
    ):
        assert t(key, "fr") not in labels


@pytest.mark.parametrize("role", ["buyer", "executive"])
def test_the_use_cases_refuse_a_buyer_or_an_executive(clause_org, role):
    from pipelines.errors import UserError
    from pipelines.workflows import (
        add_clause_contract,
        correct_clause_declaration,
        set_clause_parameters,
    )

    before = _contracts(clause_org)
    who = {"settings": clause_org, "actor": "ACH001", "role": role}
    with pytest.raises(UserError, match="ne peut pas modifier les clauses"):
        add_clause_contract(
            contract_id="X", entity="ALPHA", start_date=AS_OF, end_date=AS_OF, **who
        )
    with pytest.raises(UserError, match="ne peut pas modifier les clauses"):
        set_clause_parameters(before["MINE-1"].clause_id, reason="r", labour_share=0.5, **who)
    with pytest.raises(UserError, match="ne peut pas modifier les clauses"):
        correct_clause_declaration(1, reason="r", hours=1, now=dt.datetime(2025, 7, 1), **who)
    after = _contracts(clause_org)
    assert after.keys() == before.keys() and after["MINE-1"].labour_share is None
