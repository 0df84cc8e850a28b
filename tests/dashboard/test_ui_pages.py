"""Pages that feel finished (issue 13): the Motif field is cleared after each decision and when
another supplier is picked; uploads live in a per-session folder removed after loading; the
overview's cumulative line stops at the last month with data; English pages carry no French."""

from __future__ import annotations

from test_dashboard_pages import signed_in

from pipelines.store.audit import list_events
from pipelines.store.db import session_scope

SUPPLIERS = "pages/suppliers.py"


def test_the_motif_is_cleared_after_a_decision(tiny_org):
    at = signed_in("analyste")
    at.switch_page(SUPPLIERS).run()
    at.segmented_control(key="review_show").set_value("all").run()
    first = at.selectbox(key="review_supplier").value
    at.text_input(key="review_reason").input("Attestation reçue le 3 mars").run()
    at.button(key="review_reject").click().run()
    assert not at.exception, at.exception
    assert at.text_input(key="review_reason").value == ""
    with session_scope(tiny_org) as s:
        reasons = [e.reason for e in list_events(s, object_id=first)]
    assert reasons and reasons[-1] == "Attestation reçue le 3 mars"


def test_the_motif_is_cleared_when_another_supplier_is_picked(tiny_org):
    at = signed_in("analyste")
    at.switch_page(SUPPLIERS).run()
    at.segmented_control(key="review_show").set_value("all").run()
    options = at.selectbox(key="review_supplier").options
    assert len(options) >= 2
    at.text_input(key="review_reason").input("pour le premier").run()
    at.selectbox(key="review_supplier").select_index(1).run()
    assert at.text_input(key="review_reason").value == ""
