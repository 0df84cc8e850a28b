"""One home per text-input rule: no module parses dates, folds accents or reads delimited text
by itself (pipelines/textinput.py does; the ledger's SQL twin is proven equal to it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PIPELINES = Path(__file__).resolve().parent.parent / "pipelines"

#: pattern -> files allowed to use it, and why
RULES = {
    r"strptime\(|fromisoformat\(": {
        "textinput.py": "the rule",
        "objectives/definitions.py": "reads back its own ISO serialisation (from_dict)",
    },
    r"unicodedata": {"textinput.py": "the rule"},
    r"csv\.(reader|DictReader)\(": {
        "textinput.py": "the rule",
        "ingest/sniff.py": "the sniffed sample of the DuckDB route",
    },
    r"Decimal\([^)]*replace\(|replace\(\",\", \"\.\"\)": {},
}


@pytest.mark.parametrize("pattern", list(RULES))
def test_text_rules_have_one_home(pattern: str) -> None:
    allowed = RULES[pattern]
    offenders = []
    for path in sorted(PIPELINES.rglob("*.py")):
        rel = path.relative_to(PIPELINES).as_posix()
        if rel in allowed:
            continue
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(pattern, line) and "fmt(" not in line:
                offenders.append(f"{rel}:{no}: {line.strip()}")
    assert offenders == [], "use pipelines.textinput:\n" + "\n".join(offenders)
