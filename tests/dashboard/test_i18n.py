"""Both languages carry the same messages, and every message the pages ask for exists."""

from __future__ import annotations

import re
from pathlib import Path

from dashboard.i18n import en, fr, t

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"


def test_same_keys_in_both_languages():
    assert set(fr.MESSAGES) == set(en.MESSAGES)


def test_every_literal_key_used_exists():
    used = set()
    for path in DASHBOARD.rglob("*.py"):
        used |= set(re.findall(r'\bt\(\s*"([a-z_]+\.[a-z_0-9.]+)"\s*[,)]', path.read_text("utf-8")))
    assert used, "no message found"
    assert sorted(k for k in used if k not in fr.MESSAGES) == []


def test_formatting_and_fallback():
    assert t("overview.vs_previous", "fr", change="+2 %", previous="2024") == "+2 % vs 2024"
    assert t("page.overview", "en") == "Overview"
    assert t("no.such.key", "en") == "no.such.key"
