"""Organisations on which the product and the oracle still disagree, shrunk by Hypothesis.
Each is run by test_open_disagreements as a strict expected failure: the day it passes, move it
to regressions.py. Empty when none is open (the two found by the CI run of 2026-12-03 are fixed
and kept in regressions.py).

Each entry: (name, what disagrees, the organisation).
"""

from __future__ import annotations

from tests.oracle.oracle import Org

OPEN: list[tuple[str, str, Org]] = []
