"""The codes of the clause register and declarations: defined once, imported everywhere.

Labels are in the i18n catalogue under ``clauses.<kind>.<code>`` (pipelines/i18n/areas/clauses.py).
"""

from __future__ import annotations

#: Insertion hours to perform, a contract reserved to SIAE/EA/ESAT, or a social award criterion.
CLAUSE_TYPES = ("insertion_hours", "reserved", "award_criterion")
STATUSES = ("planned", "running", "completed")
#: Where a register row came from.
SOURCES = ("manual", "contracts_load", "decp")

#: Who may be counted (public-procurement clause rules): long-term jobseekers (12 months+),
#: minimum-income recipients (RSA, ASS, AAH...), RQTH, young people under 26 out of school 6
#: months+, jobseekers over 50, residents of priority neighbourhoods (QPV), employees of a SIAE,
#: of an EA/ESAT, young people of an EPIDE or E2C, or validated by the facilitator on referral.
ELIGIBILITY = (
    "long_term_jobseeker",
    "minimum_income",
    "rqth",
    "young_under_26",
    "jobseeker_over_50",
    "priority_neighbourhood",
    "siae_employee",
    "ea_esat",
    "epide_e2c",
    "facilitator_validated",
)
#: How the contractor reaches them: direct hire, placement (AI, ETTI, GEIQ), subcontracting or
#: co-contracting with a SIAE or EA, training.
MODALITIES = ("direct_hire", "placement", "subcontracting", "training")
#: Six months on. Lasting employment = permanent contract or fixed-term over six months;
#: ``qualifying_training`` = training leading to a qualification.
OUTCOMES = (
    "permanent_contract",
    "fixed_term_over_6_months",
    "qualifying_training",
    "short_employment",
    "jobseeking",
    "unknown",
)
LASTING_OUTCOMES = frozenset({"permanent_contract", "fixed_term_over_6_months"})
POSITIVE_OUTCOMES = LASTING_OUTCOMES | {"qualifying_training"}
