"""Public buyers (DECP): share of contracts with at least one social consideration, per buyer and
year, against the national target; contracts awarded to inclusive suppliers; reserved contracts.

A consideration counts when its label reads as a social clause, a social award criterion or a
reserved contract, whatever the spelling (``Clause sociale``, ``clauses sociales``,
``Critère social``, ``criteres_sociaux``, ``Marché réservé``...). ``Pas de considération sociale``
and empty labels do not count. The same rule is written once here as a regular expression and
used both in Python and in SQL (``pipelines/sql/reports/decp_*.sql`` receive it as a parameter).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import duckdb

from pipelines.kinds import INCLUSIVE_FAMILIES
from pipelines.reports.parameters import Version, dec, load_table, value_at, version_at
from pipelines.reports.query import fetch_dicts
from pipelines.textinput import fold

#: Applied to the folded label (lower case, no accents, separators as spaces).
SOCIAL_PATTERN = (
    r"(clauses? soci|criteres? soci|marches? reserv|reserve[es]* (aux|a des|au)|^reserv)"
)
NEGATION_PATTERN = r"^(pas|aucun|aucune|sans|non)\b"
RESERVED_PATTERN = r"(marches? reserv|reserve[es]* (aux|a des|au)|^reserv)"


def is_social_consideration(label: str | None) -> bool:
    if not label:
        return False
    folded = fold(label)
    return bool(re.search(SOCIAL_PATTERN, folded)) and not re.search(NEGATION_PATTERN, folded)


def is_reserved_consideration(label: str | None) -> bool:
    if not label:
        return False
    folded = fold(label)
    return bool(re.search(RESERVED_PATTERN, folded)) and not re.search(NEGATION_PATTERN, folded)


def has_social_consideration(labels: Iterable[str | None] | None) -> bool:
    return any(is_social_consideration(label) for label in labels or ())


def share(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.000001"))


def _params(year: int | None, buyers: list[str] | None) -> dict[str, Any]:
    return {
        "year": year,
        "buyer_ids": buyers,
        "social_pattern": SOCIAL_PATTERN,
        "reserved_pattern": RESERVED_PATTERN,
        "negation_pattern": NEGATION_PATTERN,
        "inclusive_families": list(INCLUSIVE_FAMILIES),
    }


TARGET = "decp_social_target_share"


def target_share_at(
    year: int, table: Mapping[str, list[Version]] | None = None
) -> tuple[Decimal | None, Version]:
    """The national target in force at the end of ``year`` (None before the first one), and the
    first version of the target."""
    table = table if table is not None else load_table()
    at = dt.date(year, 12, 31)
    if TARGET not in table:
        value_at(TARGET, at, table)  # the UserError naming the missing parameter
    versions = table[TARGET]
    version = version_at(versions, at)
    return (None if version is None else dec(version.value, TARGET)), versions[0]


def no_target_note(years: Iterable[int], first_target: Version) -> dict[str, str]:
    """The sentence shown beside shares of years before the national target (French, English)."""
    listed = ", ".join(str(y) for y in sorted(set(years)))
    first = first_target.valid_from
    pct = f"{(dec(first_target.value, TARGET) * 100).normalize():f}"
    return {
        "fr": (
            f"Pas de cible nationale pour {listed} : la cible du plan national pour des achats "
            f"durables ({pct.replace('.', ',')} % des marchés avec une considération sociale) "
            f"ne s'applique qu'à partir du {first.strftime('%d/%m/%Y')} ; les parts sont données "
            "sans cible."
        ),
        "en": (
            f"No national target for {listed}: the national sustainable purchasing plan's target "
            f"({pct} % of contracts with a social consideration) applies from "
            f"{first.isoformat()} only; shares are given without a target."
        ),
    }


def decp_report(
    con: duckdb.DuckDBPyConnection,
    *,
    year: int | None = None,
    buyers: list[str] | None = None,
    table: Mapping[str, list[Version]] | None = None,
) -> dict[str, Any]:
    """Per buyer and year: counts, amounts, social shares vs target, inclusive and reserved.

    Years before the national target (the first version of ``decp_social_target_share``) get
    their shares with ``target_share`` and ``meets_target`` left empty, and ``notes`` says why.
    """
    rows = fetch_dicts(con, "reports/decp_social_share", _params(year, buyers))
    untargeted: list[int] = []
    first: Version | None = None
    for row in rows:
        y = int(row["year"] or (year or dt.date.today().year))
        target, first = target_share_at(y, table)
        row["social_share_count"] = share(row["count_social"], row["count_contracts"])
        row["social_share_amount"] = share(row["amount_social_eur"], row["amount_eur"])
        row["target_share"] = target
        s = row["social_share_count"]
        row["meets_target"] = None if s is None or target is None else s >= target
        if target is None:
            untargeted.append(y)
    notes = []
    if untargeted and first is not None:
        notes.append(no_target_note(untargeted, first))
    awarded = fetch_dicts(con, "reports/decp_inclusive_awards", _params(year, buyers))
    return {"year": year, "rows": rows, "inclusive_awards": awarded, "notes": notes}


def target_sentence(report: dict[str, Any], lang: str = "fr") -> str:
    """What the report's shares are compared with: the national target, or why there is none."""
    if report.get("notes"):
        return str(report["notes"][0][lang if lang in ("fr", "en") else "fr"])
    targets = sorted({r["target_share"] for r in report["rows"] if r["target_share"] is not None})
    if not targets:
        return ""
    pct = "/".join(f"{(t * 100).normalize():f}" for t in targets)
    if lang == "en":
        return f"National target: {pct} % of contracts with a social consideration."
    return (
        f"Objectif national : {pct.replace('.', ',')} % des marchés avec une considération sociale."
    )


#: Column order of ``asr report decp`` rows.
DECP_COLUMNS = (
    "buyer_id",
    "buyer_name",
    "year",
    "count_contracts",
    "count_social",
    "social_share_count",
    "amount_eur",
    "amount_social_eur",
    "social_share_amount",
    "target_share",
    "meets_target",
    "count_reserved",
    "count_inclusive_holder",
    "amount_inclusive_holder_eur",
)
