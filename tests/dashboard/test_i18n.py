"""Both languages carry the same messages, and every message the pages ask for exists."""

from __future__ import annotations

import re
from pathlib import Path

from dashboard.i18n import t
from pipelines.i18n import MESSAGES

ROOT = Path(__file__).resolve().parents[2]


def test_same_keys_in_both_languages():
    assert set(MESSAGES["fr"]) == set(MESSAGES["en"])


def test_every_literal_key_used_exists():
    used = set()
    for path in [*(ROOT / "dashboard").rglob("*.py"), *(ROOT / "pipelines").rglob("*.py")]:
        used |= set(re.findall(r'\bt\(\s*"([a-z_]+\.[a-z_0-9.]+)"\s*[,)]', path.read_text("utf-8")))
    assert used, "no message found"
    assert sorted(k for k in used if k not in MESSAGES["fr"]) == []


def test_formatting_and_fallback():
    assert t("overview.vs_previous", "fr", change="+2 %", previous="2024") == "+2 % vs 2024"
    assert t("page.overview", "en") == "Overview"
    assert t("no.such.key", "en") == "no.such.key"
