"""Mes objectifs: where the user stands on each objective, what it pays, what is missing."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import charts, closed, data, layout
from dashboard import formatting as fmt
from dashboard.auth import require
from dashboard.i18n import get_lang, t
from pipelines.access import intersect
from pipelines.queries.explorer import COUNTED_LINES
from pipelines.queries.periods import Period
from pipelines.queries.suggestions import metric_families

access = require("my_objectives")
lang = get_lang()
years = data.objective_years(access)
span = data.data_range(access)
default_year = span.last_month.year if span.last_month else (years[-1] if years else 2025)
year = layout.year_picker(years, default_year)

st.title(t("page.my_objectives"))
people = data.people(access)
views_all = data.objective_views(access, year)
owners = sorted({v.spec.owner for v in views_all})
if not owners:
    st.info(t("objectives.none", year=year))
    st.stop()

owner = access.person_id if access.person_id in owners else owners[0]
if len(owners) > 1:
    owner = st.selectbox(
        t("objectives.owner"),
        owners,
        index=owners.index(owner),
        key="objective_owner",
        format_func=lambda p: layout.person_label(people, p),
    )
views = [v for v in views_all if v.spec.owner == owner]
st.caption(
    t(
        "objectives.caption",
        year=year,
        fresh=fmt.date(span.last_line_date, lang),
        owner=fmt.md(layout.person_label(people, owner)),
    )
)

total_pay = sum((v.result.payout_eur for v in views), start=views[0].result.payout_eur * 0)
frozen = any(v.closed for v in views)
c = st.columns(3)
if frozen:
    # A closed year: the payout is arrêté; today's recomputation beside it, never a projection.
    closed.banner(data.period_state(year), lang)
    total_now = sum(
        (v.result.restatement.current_payout_eur for v in views if v.result.restatement),
        start=total_pay * 0,
    )
    c[0].metric(
        t("closed.payout_frozen"),
        fmt.money(total_pay, 0, lang),
        border=True,
        help=t("closed.payout_frozen_help"),
    )
    c[1].metric(
        t("closed.payout_current"),
        fmt.money(total_now, 0, lang),
        delta=fmt.money(total_now - total_pay, 0, lang) if total_now != total_pay else None,
        delta_color="off",
        border=True,
    )
else:
    total_probable = sum((v.probable_payout_eur for v in views), start=total_pay * 0)
    c[0].metric(
        t("objectives.payout_total"),
        fmt.money(total_pay, 0, lang),
        border=True,
        help=t("objectives.payout_help"),
    )
    c[1].metric(
        t("objectives.payout_with_probable"), fmt.money(total_probable, 0, lang), border=True
    )
c[2].metric(t("objectives.count"), fmt.number(len(views), 0, lang), border=True)


def metric_value(view, value) -> str:
    if view.unit == "eur":
        return fmt.money(value, 0, lang)
    if view.unit == "share":
        return fmt.percent(value, 2, lang)
    return fmt.number(value, 0, lang)


def metric_gap(view, value) -> str:
    """A difference of the metric: euros, units, or percentage points for a share."""
    if view.unit == "share":
        return fmt.points(value, 2, lang).lstrip("+")
    return metric_value(view, value)


for view in views:
    spec, res = view.spec, view.result
    with st.container(border=True, key=f"objective_{spec.objective_id}"):
        status = t("objectives.closed") if res.status == "closed" else ""
        st.subheader(f"{t('metric.' + spec.metric)} — {fmt.md(spec.objective_id)} {status}")
        st.caption(
            t(
                "objectives.scope_line",
                scope=t("scope." + spec.scope_type),
                value=fmt.md(spec.scope_value),
                start=fmt.date(spec.period_start, lang),
                end=fmt.date(spec.period_end, lang),
                weight=fmt.percent(spec.weight, 0, lang),
                pay=fmt.money(spec.variable_pay_eur, 0, lang),
            )
        )
        if view.at_risk:
            st.warning(
                t("objectives.at_risk", projected=fmt.percent(view.projected_attainment, 0, lang))
            )
        left, right = st.columns([3, 2])
        with left:
            m = st.columns(4)
            m[0].metric(
                t("objectives.actual"),
                fmt.money_short(res.actual, lang)
                if view.unit == "eur"
                else metric_value(view, res.actual),
                help=t(
                    "objectives.target_is",
                    actual=metric_value(view, res.actual),
                    target=metric_value(view, spec.target),
                ),
            )
            m[1].metric(t("objectives.attainment"), fmt.percent(res.attainment, 1, lang))
            m[2].metric(t("objectives.payout_rate"), fmt.percent(res.payout_rate, 0, lang))
            m[3].metric(
                t("closed.payout_frozen") if view.closed else t("objectives.payout"),
                fmt.money(res.payout_eur, 0, lang),
            )
            if view.closed and res.restatement is not None:
                st.info(
                    t(
                        "closed.restated",
                        frozen=fmt.money(res.payout_eur, 0, lang),
                        current=fmt.money(res.restatement.current_payout_eur, 0, lang),
                        diff=fmt.money(res.restatement.payout_difference_eur, 0, lang),
                    )
                )
            elif res.probable_actual != res.actual:
                key = (
                    "objectives.probable"
                    if view.probable_payout_eur != res.payout_eur
                    else "objectives.probable_same"
                )
                st.info(
                    t(
                        key,
                        value=metric_gap(view, res.probable_actual - res.actual),
                        payout=fmt.money(view.probable_payout_eur, 0, lang),
                    )
                )
            if not view.closed:  # what-if levels: what is left to reach, only while open
                rows = []
                for level in view.levels:
                    gap = level["gap"]
                    rows.append(
                        {
                            t("objectives.level"): t("level." + level["level"]),
                            t("objectives.level_value"): metric_value(view, level["metric_value"]),
                            t("objectives.gap"): (
                                t("objectives.reached")
                                if level["reached"]
                                else metric_gap(view, gap)
                            ),
                            t("objectives.gap_eur"): fmt.money(level["gap_eur"], 0, lang)
                            if level.get("gap_eur") is not None and not level["reached"]
                            else "",
                            t("objectives.payout"): fmt.money(level["payout_eur"], 0, lang),
                        }
                    )
                st.dataframe(
                    pd.DataFrame(rows),
                    hide_index=True,
                    width="stretch",
                    key=f"levels_{spec.objective_id}",
                )
        with right:
            st.plotly_chart(
                charts.payout_curve(
                    view.curve_points,
                    float(res.attainment),
                    float(res.payout_rate),
                    lang,
                    view.is_step,
                ),
                width="stretch",
                key=f"curve_{spec.objective_id}",
            )

# The invoices that count and the suggestions, within what this reader may see.
own_scope = views[0].scope
scope = intersect(access.scope, buyers=own_scope.buyers, entities=own_scope.entities)
period = Period.year(year)
st.subheader(t("objectives.invoices"))
# addressable lines of inclusive suppliers, certain or to confirm; a closed year's as frozen
counted = replace(COUNTED_LINES, frozen_period=data.frozen_period(period))
page_no = (
    st.columns([1, 5])[0].number_input(
        t("explorer.page"), min_value=1, value=1, step=1, key="inv_page"
    )
    - 1
)
frame, total = data.lines(access, scope, period, counted, int(page_no))
if total:
    st.caption(t("explorer.lines_count", n=fmt.number(total, 0, lang)))
    show = pd.DataFrame(
        {
            t("col.date"): [fmt.date(d, lang) for d in frame["period_date"]],
            t("col.supplier"): frame["supplier_name"],
            t("col.kind"): frame["kind"].fillna(""),
            t("col.status"): [t("status." + s) for s in frame["status"]],
            t("col.invoice"): frame["invoice_id"],
            t("col.spend"): [fmt.money(a, 2, lang) for a in frame["amount_eur"]],
        }
    )
    st.dataframe(show, hide_index=True, width="stretch", key="table_invoices")
else:
    st.info(t("common.nothing_in_period"))

st.subheader(t("objectives.suggestions"))
st.caption(t("suggestions.help"))
aimed = [v for v in views if metric_families(v.spec.metric, data.settings())]
if not aimed:
    st.info(t("suggestions.none_for_objective"))
    st.stop()
target_view = aimed[0]
if len(aimed) > 1:
    target_view = st.selectbox(
        t("suggestions.objective"),
        aimed,
        key="suggestions_objective",
        format_func=lambda v: f"{t('metric.' + v.spec.metric)} — {v.spec.objective_id}",
    )
result = data.suggestions(access, target_view, scope)
level = result["level"]
if level is None:
    st.info(t("suggestions.no_level"))
    st.stop()
st.caption(
    t(
        "suggestions.level",
        level=t("level." + level["level"]),
        gap=fmt.money(level["gap_eur"], 0, lang),
    )
)
ideas = result["suggestions"]
if not ideas:
    st.info(t("objectives.no_suggestions"))
    st.stop()
st.markdown(f"**{t('suggestions.categories')}**")
st.dataframe(
    pd.DataFrame(
        {
            t("suggestions.col_category"): [c["category"] for c in result["categories"]],
            t("suggestions.col_ordinary"): [
                fmt.money(c["ordinary_spend_eur"], 0, lang) for c in result["categories"]
            ],
        }
    ),
    hide_index=True,
    width="stretch",
    key="table_suggestion_categories",
)
table = {
    t("suggestions.col_category"): [i["category"] for i in ideas],
    t("col.supplier"): [i["name"] for i in ideas],
    t("col.kind"): [i["kind"] for i in ideas],
    t("col.department"): [i["department"] for i in ideas],
    "NAF": [i["naf"] for i in ideas],
    "SIRET": [i["siret"] or "" for i in ideas],
    t("suggestions.col_coverable"): [fmt.money(i["coverable_eur"], 0, lang) for i in ideas],
    t("suggestions.col_attainment"): [fmt.percent(i["new_attainment"], 1, lang) for i in ideas],
}
if target_view.pay_visible:
    table[t("suggestions.col_gain")] = [fmt.money(i["payout_gain_eur"], 0, lang) for i in ideas]
st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch", key="table_suggestions")
