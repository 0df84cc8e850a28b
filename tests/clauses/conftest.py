"""A store with two clause contracts (hours by hand in the tests)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pipelines.clauses.register import ContractInput, add_contract
from pipelines.settings import Settings
from pipelines.store.db import create_schema, session_scope

WORKS = ContractInput(
    contract_id="T-2026-01",
    entity="ACME",
    buyer="B1",
    start_date=dt.date(2026, 1, 1),
    end_date=dt.date(2026, 12, 31),
    amount_eur=Decimal("1000000.00"),
    category="Travaux",
    contractor_siret="44306184100047",
    hours_required=Decimal("833"),
)
CRECHE = ContractInput(
    contract_id="C-2026-02",
    entity="ACME-SUD",
    buyer="B2",
    start_date=dt.date(2026, 3, 1),
    end_date=dt.date(2027, 2, 28),
    amount_eur=Decimal("600000.00"),
    category="Petite enfance",
    contractor_name="Crèches du Sud",
    hours_required=Decimal("667"),
)


@pytest.fixture
def register(settings: Settings) -> Settings:
    create_schema(settings)
    with session_scope(settings) as session:
        add_contract(session, WORKS, actor="fac")
        add_contract(session, CRECHE, actor="fac")
    return settings
