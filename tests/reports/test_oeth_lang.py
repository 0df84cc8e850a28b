"""The OETH steps read in the user's language: labels and formulas from the i18n catalogue."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from pipelines.i18n import MESSAGES
from pipelines.reports.oeth import OethParameters, estimate_oeth


@pytest.mark.parametrize("direct_rate", [None, D("0.02")])
def test_every_step_has_its_label_in_english_and_french(direct_rate: D | None) -> None:
    est = estimate_oeth(
        year=2024,
        headcount=D("300"),
        beneficiaries=D("10"),
        spend=[],
        parameters=OethParameters.for_year(2024),
        direct_rate=direct_rate,
    )
    english, french = est.steps("en"), est.steps("fr")
    assert [s["step"] for s in english] == [s["step"] for s in french]
    assert [s["value"] for s in english] == [s["value"] for s in french]
    for en, fr in zip(english, french, strict=True):
        assert en["label"] != fr["label"], en
        assert f"oeth.step.{en['step']}" in MESSAGES["en"]
    text = " ".join(f"{s['label']} {s['formula']}" for s in english)
    for french_word in ("Bénéficiaires", "salariés", "paramètre", "lignes certaines", "déduction"):
        assert french_word not in text
    assert french[0]["label"] == "Effectif d'assujettissement"
