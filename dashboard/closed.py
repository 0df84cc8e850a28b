"""How a closed period reads on every page: a banner, frozen figures, the restatement beside them.

Whether a period is closed comes from one place (:func:`pipelines.objectives.period_state`,
through :func:`dashboard.data.period_state`); this module only words and lays it out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard import formatting as fmt
from dashboard.i18n import t


def banner(state: Any, lang: str) -> None:
    """The « période clôturée » notice (nothing for an open period)."""
    if not state.closed:
        return
    st.info(
        t(
            "closed.banner",
            period=state.period,
            date=fmt.date(state.closed_at, lang),
            by=fmt.md(state.closed_by or ""),
        )
    )


def _value(figure: str, value: Any, lang: str) -> str:
    if value is None:
        return "–"
    if figure == "inclusive_share":
        return fmt.percent(value, 2, lang)
    if figure == "inclusive_suppliers":
        return fmt.number(value, 0, lang)
    return fmt.money(value, 2, lang)


def _difference(figure: str, value: Any, lang: str) -> str:
    if value is None:
        return "–"
    if figure == "inclusive_share":
        return fmt.points(value, 2, lang)
    text = _value(figure, value, lang)
    return text if value < 0 else "+" + text


def restatement_table(rows: list[dict[str, Any]], lang: str, key: str) -> None:
    """Frozen figure, today's figure and the difference, one row per indicator."""
    st.markdown(f"**{t('closed.restatement')}**")
    st.dataframe(
        pd.DataFrame(
            {
                t("closed.figure"): [t("closed.figure." + r["figure"]) for r in rows],
                t("closed.frozen"): [_value(r["figure"], r["closed"], lang) for r in rows],
                t("closed.current"): [_value(r["figure"], r["current"], lang) for r in rows],
                t("closed.difference"): [
                    _difference(r["figure"], r["difference"], lang) for r in rows
                ],
            }
        ),
        hide_index=True,
        width="stretch",
        key=key,
    )
