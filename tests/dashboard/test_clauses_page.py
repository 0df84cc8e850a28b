"""« Clauses sociales »: the facilitator sees every contract and participants; a buyer their own
contracts and counts, never a person; roles without the page cannot open it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import dashboard_tiny_org as tiny
import pytest
from test_dashboard_pages import signed_in, texts

from dashboard import nav
from dashboard.i18n import t
from pipelines.clauses.declarations import DeclarationInput, record_declarations
from pipelines.clauses.register import ContractInput, add_contract
from pipelines.store.db import session_scope
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
