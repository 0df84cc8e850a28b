"""Vue d'ensemble: where the group (or the manager's subtree) stands on inclusive spend."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

from dashboard import charts, closed, data, layout
from dashboard import formatting as fmt
from dashboard.auth import require
from dashboard.i18n import get_lang, t
from pipelines.access import intersect
from pipelines.kinds import KINDS
from pipelines.queries.periods import Period, month_end

access = require("overview")
lang = get_lang()
span = data.data_range(access)
default = Period.year(span.last_month.year) if span.last_month else Period.year(2025)
period = layout.period_picker(span.years, default, lang)

st.title(t("page.overview"))
st.caption(
    t("overview.caption", period=period.label(lang), fresh=fmt.date(span.last_line_date, lang))
)
if span.last_month is None:
    st.info(t("common.no_data"))
    st.stop()

head = data.headline(access, period)
previous = head.previous_period.label(lang)
cur, prev, wp = head.current, head.previous, head.with_probable
# A closed year reads as closed: every figure below comes from the lines its closing froze (in
# the reader's scope; pipelines.queries.overview), today's beside them in the restatement table.
state = data.period_state(period.end.year)
closed.banner(state, lang)
frozen_year = state.closed and period == Period.year(period.end.year)


def tile(
    col,
    label: str,
    value: str,
    delta: str | None = None,
    help_: str | None = None,
    neutral: bool = False,
) -> None:
    col.metric(
        label,
        value,
        delta=delta,
        help=help_,
        border=True,
        delta_color="off" if neutral else "normal",
    )


def delta_money(key: str) -> str | None:
    ch = fmt.change(cur[key], prev[key])
    return (
        None
        if ch is None
        else t("overview.vs_previous", change=fmt.signed_percent(ch, 1, lang), previous=previous)
    )


share_delta = None
if cur["inclusive_share"] is not None and prev["inclusive_share"] is not None:
    share_delta = t(
        "overview.vs_previous",
        previous=previous,
        change=fmt.points(cur["inclusive_share"] - prev["inclusive_share"], 1, lang),
    )

c = st.columns(4)
tile(
    c[0],
    t("kpi.inclusive_spend"),
    fmt.money_short(cur["inclusive_spend_eur"], lang),
    delta_money("inclusive_spend_eur"),
    t("kpi.inclusive_spend_help", value=fmt.money(cur["inclusive_spend_eur"], 2, lang)),
)
tile(
    c[1],
    t("kpi.inclusive_share"),
    fmt.percent(cur["inclusive_share"], 1, lang),
    share_delta,
    t("kpi.inclusive_share_help", addressable=fmt.money(cur["addressable_spend_eur"], 0, lang)),
)
tile(
    c[2],
    t("kpi.insertion"),
    fmt.money_short(cur["insertion_spend_eur"], lang),
    delta_money("insertion_spend_eur"),
)
tile(
    c[3],
    t("kpi.handicap"),
    fmt.money_short(cur["handicap_spend_eur"], lang),
    delta_money("handicap_spend_eur"),
)
c = st.columns(4)
tile(
    c[0],
    t("kpi.probable"),
    fmt.money_short(cur["probable_spend_eur"], lang),
    None,
    t("kpi.probable_help", share=fmt.percent(wp["inclusive_share"], 1, lang)),
)
tile(
    c[1],
    t("kpi.ess"),
    fmt.money_short(cur["ess_spend_eur"], lang),
    delta_money("ess_spend_eur"),
    t("kpi.ess_help"),
    neutral=True,
)
sup_delta = None
if prev["inclusive_suppliers"]:
    sup_delta = t(
        "overview.vs_previous",
        previous=previous,
        change=f"{cur['inclusive_suppliers'] - prev['inclusive_suppliers']:+d}",
    )
tile(c[2], t("kpi.suppliers"), fmt.number(cur["inclusive_suppliers"], 0, lang), sup_delta)
tile(
    c[3],
    t("kpi.addressable"),
    fmt.money_short(cur["addressable_spend_eur"], lang),
    delta_money("addressable_spend_eur"),
    neutral=True,
)
restated = data.period_restatement(access, period.end.year) if frozen_year else None
if restated:
    closed.restatement_table(restated, lang, "table_restatement")

views = data.objective_views(access, period.end.year)
people = data.people(access)
# Headline objectives: amount objectives over this whole period, for the group or an entity, or
# owned by the reader; each is drawn as its own cumulative against its linear trajectory.
headline_objectives = [
    v
    for v in views
    if v.spec.metric == "inclusive_spend_eur"
    and v.spec.period_start == period.start
    and (v.spec.scope_type in ("all", "entity") or v.spec.owner == access.person_id)
][:4]
st.subheader(t("overview.monthly"))
months = data.monthly(access, period)
st.plotly_chart(
    charts.monthly_spend(months, lang, last_month=span.last_month),
    width="stretch",
    key="chart_monthly",
)
if headline_objectives:
    st.markdown(f"**{t('overview.trajectories')}**")
    series = []
    for view in headline_objectives:
        spec = view.spec
        scoped = intersect(access.scope, buyers=view.scope.buyers, entities=view.scope.entities)
        days = (spec.period_end - spec.period_start).days + 1
        name = (
            spec.scope_value
            if spec.scope_type == "entity"
            else layout.person_label(people, spec.owner)
        )
        series.append(
            {
                "name": name,
                "x": period.month_starts(),
                "actual": [
                    float(r["cumulative_inclusive_eur"])
                    for r in data.monthly_in(access, scoped, period)
                ],
                "target": [
                    float(spec.target)
                    * min(1.0, ((month_end(m) - spec.period_start).days + 1) / days)
                    for m in period.month_starts()
                ],
            }
        )
    st.plotly_chart(
        charts.trajectories(series, lang, span.last_month),
        width="stretch",
        key="chart_trajectories",
    )

if views:
    st.subheader(t("overview.objectives", year=period.end.year))
    # Pay only from the views that carry it (pipelines.access.may_see_pay): none for analysts.
    paid = [v for v in views if v.pay_visible]
    c = st.columns(3)
    if any(v.closed for v in views):
        # Frozen: the payout is arrêté; today's recomputation and the difference beside it.
        if paid:
            pay = sum((v.result.payout_eur for v in paid), start=Decimal("0"))
            now = sum(
                (
                    v.result.restatement.current_payout_eur
                    for v in paid
                    if v.result.restatement is not None
                ),
                start=Decimal("0"),
            )
            tile(
                c[0],
                t("closed.payout_frozen"),
                fmt.money_short(pay, lang),
                None,
                t("closed.payout_frozen_help"),
            )
            tile(c[1], t("closed.payout_current"), fmt.money_short(now, lang), neutral=True)
            tile(c[2], t("closed.payout_difference"), fmt.money(now - pay, 0, lang), neutral=True)
        else:
            st.caption(t("overview.no_pay"))
    else:
        risky = [v for v in views if v.at_risk]
        if paid:
            pay = sum((v.result.payout_eur for v in paid), start=Decimal("0"))
            pay_probable = sum((v.probable_payout_eur for v in paid), start=Decimal("0"))
            pay_max = sum(
                (v.spec.variable_pay_eur * v.spec.weight for v in paid), start=Decimal("0")
            )
            tile(
                c[0],
                t("overview.payout"),
                fmt.money_short(pay, lang),
                None,
                t(
                    "overview.payout_help",
                    low=fmt.money(pay, 0, lang),
                    high=fmt.money(pay_probable, 0, lang),
                    full=fmt.money(pay_max, 0, lang),
                ),
            )
            tile(
                c[1],
                t("overview.payout_range"),
                f"{fmt.money_short(pay, lang)} – {fmt.money_short(max(pay, pay_probable), lang)}",
            )
        else:
            st.caption(t("overview.no_pay"))
        tile(
            c[2],
            t("overview.at_risk_count"),
            f"{len(risky)} / {len(views)}",
            None,
            t("overview.at_risk_help"),
        )
        if risky:
            risky.sort(key=lambda v: v.projected_attainment or 0)
            columns = {
                t("objectives.owner"): [layout.person_label(people, v.spec.owner) for v in risky],
                t("objectives.objective"): [t("metric." + v.spec.metric) for v in risky],
                t("objectives.attainment"): [
                    fmt.percent(v.result.attainment, 0, lang) for v in risky
                ],
                t("overview.projected"): [
                    fmt.percent(v.projected_attainment, 0, lang) for v in risky
                ],
            }
            if any(v.pay_visible for v in risky):
                columns[t("objectives.payout")] = [
                    fmt.money(v.result.payout_eur, 0, lang) for v in risky
                ]
            st.dataframe(
                pd.DataFrame(columns), hide_index=True, width="stretch", key="table_at_risk"
            )

st.subheader(t("overview.breakdown"))
left, right = st.columns([3, 2])
with left:
    st.markdown(f"**{t('overview.by_kind')}**")
    kinds = sorted(cur["by_kind"].items(), key=lambda kv: -kv[1])
    if kinds:
        labels = [
            f"{KINDS[code].label_fr if lang != 'en' else KINDS[code].label_en} ({code})"
            if code in KINDS
            else code
            for code, _ in kinds
        ]
        colors = [
            charts.COLORS.get(KINDS[code].family if code in KINDS else "none", "#999")
            for code, _ in kinds
        ]
        st.plotly_chart(
            charts.horizontal_bars(labels, [float(v) for _, v in kinds], lang, colors),
            width="stretch",
            key="chart_kind",
        )
    else:
        st.info(t("common.nothing_in_period"))
with right:
    st.markdown(f"**{t('overview.by_family')}**")
    families = [(f, cur[f"{f}_spend_eur"]) for f in ("insertion", "handicap", "ess")]
    st.plotly_chart(
        charts.horizontal_bars(
            [t("family." + f) for f, _ in families],
            [float(v) for _, v in families],
            lang,
            [charts.COLORS[f] for f, _ in families],
        ),
        width="stretch",
        key="chart_family",
    )
    st.caption(t("overview.family_note"))

st.markdown(f"**{t('overview.by_entity')}**")
entities = data.spend_by(access, period, by="entity")
if entities:
    table = pd.DataFrame(
        {
            t("col.entity"): [r["entity"] for r in entities],
            t("col.inclusive_spend"): [
                fmt.money(r["inclusive_spend_eur"], 0, lang) for r in entities
            ],
            t("col.share"): [fmt.percent(r["inclusive_share"], 1, lang) for r in entities],
            t("col.insertion"): [fmt.money(r["insertion_spend_eur"], 0, lang) for r in entities],
            t("col.handicap"): [fmt.money(r["handicap_spend_eur"], 0, lang) for r in entities],
            t("col.probable"): [fmt.money(r["probable_spend_eur"], 0, lang) for r in entities],
            t("col.ess"): [fmt.money(r["ess_spend_eur"], 0, lang) for r in entities],
            t("col.addressable"): [
                fmt.money(r["addressable_spend_eur"], 0, lang) for r in entities
            ],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key="table_entities")

st.subheader(t("overview.top_suppliers"))
top = data.top_suppliers(access, period, 10)
if top:
    st.caption(
        t(
            "overview.concentration",
            share=fmt.percent(sum(r["share"] or 0 for r in top), 1, lang),
            n=len(top),
        )
    )
    st.dataframe(
        pd.DataFrame(
            {
                "#": [r["rank"] for r in top],
                t("col.supplier"): [r["supplier_name"] for r in top],
                t("col.kind"): [r["kind"] for r in top],
                t("col.department"): [r["department"] or "" for r in top],
                t("col.spend"): [fmt.money(r["spend_eur"], 0, lang) for r in top],
                t("col.share_of_inclusive"): [fmt.percent(r["share"], 1, lang) for r in top],
            }
        ),
        hide_index=True,
        width="stretch",
        key="table_top_suppliers",
    )
else:
    st.info(t("common.nothing_in_period"))
