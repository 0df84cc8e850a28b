"""Words for codes, in the session's language: kinds of structure, objective fields and scopes,
and a classification's explanation rebuilt from its fields for readers in English (the stored
explanation is written in French by pipelines/classify/explain.py). No Streamlit here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dashboard import formatting as fmt
from pipelines.i18n import t
from pipelines.kinds import KINDS


def kind_label(code: object, lang: str) -> str:
    """« Entreprise adaptée (EA) » / « Adapted enterprise (EA) »; an unknown code as is."""
    if not code:
        return ""
    kind = KINDS.get(str(code))
    if kind is None:
        return str(code)
    return f"{kind.label_en if lang == 'en' else kind.label_fr} ({kind.code})"


def objective_column(column: str, lang: str) -> str:
    return t(f"ui.objective.{column}", lang)


def scope_label(scope_type: object, lang: str) -> str:
    return t(f"ui.scope.{scope_type}", lang) if scope_type else ""


def metric_label(metric: object, lang: str) -> str:
    return t(f"metric.{metric}", lang) if metric else ""


def _date(value: Any, lang: str) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    return fmt.date(value, lang)


def validity(valid_from: Any, valid_to: Any, lang: str) -> str:
    start = _date(valid_from, lang) if _present(valid_from) else None
    end = _date(valid_to, lang) if _present(valid_to) else None
    if start and end:
        return t("ui.valid.between", lang, start=start, end=end)
    if start:
        return t("ui.valid.from", lang, start=start)
    if end:
        return t("ui.valid.to", lang, end=end)
    return t("ui.valid.always", lang)


def _present(value: Any) -> bool:
    return value is not None and value == value and str(value) not in ("", "NaT")


def explanation(row: dict[str, Any], lang: str) -> str:
    """Why a supplier (or a candidate record) is classified so. French readers get the stored
    sentence, which names files and reviewers; others get one built from the row's fields."""
    stored = row.get("explanation")
    if lang == "fr" and stored:
        return str(stored)
    rule = str(row.get("rule") or "none")
    kind = kind_label(row.get("kind"), lang)
    values = {
        "source": row.get("source") or "?",
        "kind": kind,
        "validity": validity(row.get("valid_from"), row.get("valid_to"), lang),
        "score": fmt.number(row.get("score"), 0, lang) if _present(row.get("score")) else "?",
    }
    if rule == "override":
        status = t(f"status.{row.get('status') or 'none'}", lang)
        return t("ui.explain.override", lang, status=status, kind=f" — {kind}" if kind else "")
    if rule in ("siret", "siren", "name"):
        return t(f"ui.explain.{rule}", lang, **values)
    return t("ui.explain.none", lang)
