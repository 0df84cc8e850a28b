"""OETH (disability employment obligation) contribution and its EA/ESAT/TIH deduction.

Pure rules, Code du travail (DOMAIN.md section 7); our reading, stated where the text leaves room:

- required beneficiaries = floor(6 % x headcount) (L5212-2: rounded down to the unit);
- missing beneficiaries = max(required - beneficiaries employed, 0);
- gross contribution = missing x hourly SMIC in force on 31 December of the year x multiplier of
  the headcount band (D5212-26: 400 for 20-249, 500 for 250-749, 600 for 750+); no obligation
  under 20 employees;
- deduction (D5212-22) = 30 % x sum(EA/EATT/ESAT/TIH price excl. VAT x labour share), the labour
  share standing for "price net of materials, products, intermediate consumption and sales costs";
- the deduction is capped at 50 % of the gross contribution, or 75 % when the direct employment
  rate (beneficiaries / headcount unless given) is at least 3 %;
- net contribution = gross - capped deduction.

Not modelled: the 1500 x SMIC over-contribution (no action for 3 years), the other deductible
expenses (D5212-23) and the transitional 2020-2024 modulation. This is an estimate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

from pipelines.reports.parameters import Version, dec, decimal_at, value_at

CENT = Decimal("0.01")
ZERO = Decimal("0")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def required_beneficiaries(headcount: Decimal, obligation_rate: Decimal) -> Decimal:
    """floor(rate x headcount): the obligation counts whole beneficiaries."""
    return (headcount * obligation_rate).to_integral_value(rounding=ROUND_FLOOR)


def missing_beneficiaries(required: Decimal, beneficiaries: Decimal) -> Decimal:
    return max(required - beneficiaries, ZERO)


def band_multiplier(headcount: Decimal, bands: Sequence[tuple[Decimal, Decimal]]) -> Decimal:
    """Multiplier of the band holding ``headcount``; 0 below the first band (no obligation)."""
    multiplier = ZERO
    for lower, value in sorted(bands):
        if headcount >= lower:
            multiplier = value
    return multiplier


def deduction_cap_rate(direct_rate: Decimal, caps: Mapping[str, Decimal]) -> Decimal:
    return caps["high"] if direct_rate >= caps["high_direct_rate"] else caps["base"]


@dataclass(frozen=True)
class OethParameters:
    smic_hourly_eur: Decimal
    smic_date: dt.date
    bands: tuple[tuple[Decimal, Decimal], ...]
    obligation_rate: Decimal
    deduction_rate: Decimal
    caps: dict[str, Decimal]

    @classmethod
    def for_year(
        cls, year: int, table: Mapping[str, list[Version]] | None = None
    ) -> OethParameters:
        """Parameters in force on 31 December of ``year`` (the SMIC date of D5212-26)."""
        at = dt.date(year, 12, 31)
        bands = tuple(
            (dec(b["min_headcount"], "oeth_multipliers"), dec(b["multiplier"], "oeth_multipliers"))
            for b in value_at("oeth_multipliers", at, table)
        )
        caps = {
            k: dec(v, "oeth_deduction_caps")
            for k, v in value_at("oeth_deduction_caps", at, table).items()
        }
        return cls(
            smic_hourly_eur=decimal_at("smic_hourly_eur", at, table),
            smic_date=at,
            bands=bands,
            obligation_rate=decimal_at("oeth_obligation_rate", at, table),
            deduction_rate=decimal_at("oeth_deduction_rate", at, table),
            caps=caps,
        )


@dataclass(frozen=True)
class LabourSpend:
    """Spend with one OETH supplier kind at one labour share."""

    kind: str
    category: str | None
    spend_eur: Decimal
    labour_share: Decimal

    @property
    def labour_eur(self) -> Decimal:
        return self.spend_eur * self.labour_share


@dataclass(frozen=True)
class OethEstimate:
    year: int
    headcount: Decimal
    beneficiaries: Decimal
    direct_rate: Decimal
    direct_rate_given: bool
    parameters: OethParameters
    required: Decimal
    missing: Decimal
    multiplier: Decimal
    gross_contribution_eur: Decimal
    oeth_spend_eur: Decimal
    labour_eur: Decimal
    deduction_eur: Decimal
    cap_rate: Decimal
    cap_eur: Decimal
    capped_deduction_eur: Decimal
    net_contribution_eur: Decimal
    spend_lines: tuple[LabourSpend, ...] = field(default=())

    @property
    def is_subject(self) -> bool:
        return self.multiplier > 0

    def _band_text(self, lang: str = "fr") -> str:
        from pipelines.i18n import t

        bands = sorted(self.parameters.bands)
        for i, (lower, value) in enumerate(bands):
            if value == self.multiplier and self.headcount >= lower:
                upper = bands[i + 1][0] - 1 if i + 1 < len(bands) else None
                if upper is None:
                    return t("oeth.band_from", lang, lower=f"{lower:f}")
                return t("oeth.band", lang, lower=f"{lower:f}", upper=f"{upper:f}")
        return t("oeth.band_none", lang, lower=f"{bands[0][0]:f}") if bands else ""

    def steps(self, lang: str = "fr") -> list[dict[str, Any]]:
        """Every step of the computation, in ``lang`` (labels from the i18n catalogue), with its
        formula and value; ``step`` is a stable code."""
        from pipelines.formatting import date, number
        from pipelines.i18n import t

        p = self.parameters

        def pct(d: Decimal) -> str:
            return number(d * 100, 0, lang) + ("%" if lang == "en" else " %")

        def n(d: Decimal) -> str:
            return number(d, 0 if d == d.to_integral_value() else 2, lang)

        def step(code: str, formula: str, value: Any, **values: Any) -> dict[str, Any]:
            label = (
                t(f"oeth.step.{code}", lang, **values) if values else t(f"oeth.step.{code}", lang)
            )
            return {"step": code, "label": label, "formula": formula, "value": value}

        rate_note = "" if self.direct_rate_given else t("oeth.rate_note", lang)
        return [
            step("effectif", "", self.headcount),
            step("obligation", f"⌊{pct(p.obligation_rate)} × {n(self.headcount)}⌋", self.required),
            step("beneficiaires", "", self.beneficiaries),
            step(
                "manquants", f"max({n(self.required)} − {n(self.beneficiaries)}, 0)", self.missing
            ),
            step(
                "smic",
                t("oeth.formula.dated_parameter", lang),
                p.smic_hourly_eur,
                date=date(p.smic_date, lang),
            ),
            step("multiplicateur", self._band_text(lang), self.multiplier),
            step(
                "contribution_brute",
                f"{n(self.missing)} × {n(p.smic_hourly_eur)} × {n(self.multiplier)}",
                self.gross_contribution_eur,
            ),
            step("achats_oeth", t("oeth.formula.certain_lines", lang), self.oeth_spend_eur),
            step("main_oeuvre", t("oeth.formula.labour", lang), self.labour_eur),
            step(
                "deduction", f"{pct(p.deduction_rate)} × {n(self.labour_eur)}", self.deduction_eur
            ),
            step("taux_emploi_direct", "", self.direct_rate, note=rate_note),
            step(
                "plafond",
                f"{pct(self.cap_rate)} × {n(self.gross_contribution_eur)}",
                self.cap_eur,
            ),
            step("deduction_retenue", t("oeth.formula.min", lang), self.capped_deduction_eur),
            step(
                "contribution_nette",
                f"{n(self.gross_contribution_eur)} − {n(self.capped_deduction_eur)}",
                self.net_contribution_eur,
            ),
        ]

    def as_dict(self) -> dict[str, Any]:
        p = self.parameters
        return {
            "year": self.year,
            "is_estimate": True,
            "headcount": self.headcount,
            "beneficiaries": self.beneficiaries,
            "direct_rate": self.direct_rate,
            "required_beneficiaries": self.required,
            "missing_beneficiaries": self.missing,
            "smic_hourly_eur": p.smic_hourly_eur,
            "smic_date": p.smic_date,
            "multiplier": self.multiplier,
            "gross_contribution_eur": self.gross_contribution_eur,
            "oeth_spend_eur": self.oeth_spend_eur,
            "labour_eur": self.labour_eur,
            "deduction_rate": p.deduction_rate,
            "deduction_eur": self.deduction_eur,
            "cap_rate": self.cap_rate,
            "cap_eur": self.cap_eur,
            "capped_deduction_eur": self.capped_deduction_eur,
            "net_contribution_eur": self.net_contribution_eur,
            "steps": self.steps(),
        }


def estimate_oeth(
    *,
    year: int,
    headcount: Decimal,
    beneficiaries: Decimal,
    spend: Iterable[LabourSpend],
    parameters: OethParameters,
    direct_rate: Decimal | None = None,
) -> OethEstimate:
    """The whole computation; amounts rounded to the cent at each shown step."""
    if headcount < 0 or beneficiaries < 0:
        raise ValueError("headcount and beneficiaries must be >= 0")
    lines = tuple(spend)
    p = parameters
    required = required_beneficiaries(headcount, p.obligation_rate)
    missing = missing_beneficiaries(required, beneficiaries)
    multiplier = band_multiplier(headcount, p.bands)
    gross = cents(missing * p.smic_hourly_eur * multiplier)
    oeth_spend = cents(sum((s.spend_eur for s in lines), ZERO))
    labour = cents(sum((s.labour_eur for s in lines), ZERO))
    deduction = cents(p.deduction_rate * labour)
    given = direct_rate is not None
    if direct_rate is None:
        direct_rate = (beneficiaries / headcount) if headcount > 0 else ZERO
    cap_rate = deduction_cap_rate(direct_rate, p.caps)
    cap = cents(cap_rate * gross)
    capped = max(min(deduction, cap), ZERO)
    return OethEstimate(
        year=year,
        headcount=headcount,
        beneficiaries=beneficiaries,
        direct_rate=direct_rate.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP),
        direct_rate_given=given,
        parameters=p,
        required=required,
        missing=missing,
        multiplier=multiplier,
        gross_contribution_eur=gross,
        oeth_spend_eur=oeth_spend,
        labour_eur=labour,
        deduction_eur=deduction,
        cap_rate=cap_rate,
        cap_eur=cap,
        capped_deduction_eur=capped,
        net_contribution_eur=gross - capped,
        spend_lines=lines,
    )


def oeth_spend(
    con: Any,
    date_from: dt.date,
    date_to: dt.date,
    *,
    scope: Any = None,
    table: Mapping[str, list[Version]] | None = None,
) -> list[LabourSpend]:
    """EA/EATT/ESAT/TIH spend over a window, grouped by kind, category and labour share
    (labour shares in force at ``date_to``)."""
    from pipelines.kinds import OETH_KINDS
    from pipelines.reports.parameters import labour_shares_at
    from pipelines.reports.query import fetch_dicts
    from pipelines.scope import Scope

    scope = scope or Scope.everything()
    shares = labour_shares_at(date_to, table)
    rows = fetch_dicts(
        con,
        "reports/oeth_spend",
        {"date_from": date_from, "date_to": date_to, "kinds": list(OETH_KINDS), **scope.params()},
    )
    grouped: dict[tuple[str, str | None, Decimal], Decimal] = {}
    for r in rows:
        key = (r["kind"], r["category"], shares.rate(r["category"], r["siret"]))
        grouped[key] = grouped.get(key, ZERO) + r["spend_eur"]
    return [
        LabourSpend(kind, category, amount, share)
        for (kind, category, share), amount in sorted(
            grouped.items(), key=lambda kv: (kv[0][0], kv[0][1] or "", kv[0][2])
        )
    ]


def deduction_before_cap(spend: Iterable[LabourSpend], deduction_rate: Decimal) -> Decimal:
    """30 % x labour part of the spend, to the cent (the ``oeth_deduction_eur`` metric)."""
    return cents(deduction_rate * cents(sum((s.labour_eur for s in spend), ZERO)))


def oeth_for_year(
    con: Any,
    year: int,
    *,
    headcount: Decimal,
    beneficiaries: Decimal,
    direct_rate: Decimal | None = None,
    scope: Any = None,
    table: Mapping[str, list[Version]] | None = None,
) -> OethEstimate:
    return estimate_oeth(
        year=year,
        headcount=headcount,
        beneficiaries=beneficiaries,
        spend=oeth_spend(con, dt.date(year, 1, 1), dt.date(year, 12, 31), scope=scope, table=table),
        parameters=OethParameters.for_year(year, table),
        direct_rate=direct_rate,
    )
