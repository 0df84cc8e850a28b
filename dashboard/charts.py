"""Plotly figures of the dashboard, with French number separators by default. No Streamlit."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from dashboard.formatting import money_short
from dashboard.i18n import t

COLORS = {
    "insertion": "#2E7D6B",
    "handicap": "#3C6FB4",
    "ess": "#C9A227",
    "none": "#B0B7C3",
    "cumulative": "#1F2A44",
    "target": "#C0392B",
    "neutral": "#6B7A90",
}


def _base(fig: go.Figure, lang: str, height: int = 360) -> go.Figure:
    fig.update_layout(
        separators=",\u00a0" if lang != "en" else ".,",
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        plot_bgcolor="white",
        font={"family": "Source Sans Pro, sans-serif", "size": 13},
    )
    fig.update_yaxes(gridcolor="#E6E9EF", zerolinecolor="#C9CED8")
    return fig


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 times a power of ten) covering [low, high]."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high - low <= 0:
        return [0.0]
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 0.999:
        ticks.append(round(value, 6))
        value += step
    return ticks


def _euro_axis(fig: go.Figure, lang: str, values: Sequence[float], axis: str = "yaxis") -> None:
    """Axis ticks as French short amounts (``250 k€``, ``1,5 M€``)."""
    ticks = nice_ticks(min(values, default=0.0), max(values, default=0.0))
    fig.update_layout(
        {
            axis: {
                "tickmode": "array",
                "tickvals": ticks,
                "ticktext": [money_short(v, lang) for v in ticks],
                "range": [ticks[0], ticks[-1]],
            }
        }
    )


def _money_hover(lang: str) -> str:
    return "%{y:,.0f}\u00a0€" if lang != "en" else "€%{y:,.0f}"


def monthly_spend(
    rows: Sequence[dict[str, Any]],
    lang: str,
    trajectories: Sequence[dict[str, Any]] = (),
    last_month: Any = None,
) -> go.Figure:
    """Monthly insertion and handicap spend (stacked bars) and the cumulative inclusive spend
    (up to ``last_month``, the last month with data: it does not run on into months to come),
    with each objective's linear trajectory to its target."""
    x = [r["month_start"] for r in rows]
    so_far = [r for r in rows if last_month is None or r["month_start"] <= last_month]
    fig = go.Figure()
    for family in ("insertion", "handicap"):
        fig.add_bar(
            x=x,
            y=[float(r[f"{family}_spend_eur"]) for r in rows],
            name=t(f"family.{family}", lang),
            marker_color=COLORS[family],
            hovertemplate=_money_hover(lang),
        )
    fig.add_scatter(
        x=[r["month_start"] for r in so_far],
        y=[float(r["cumulative_inclusive_eur"]) for r in so_far],
        name=t("chart.cumulative", lang),
        mode="lines+markers",
        line={"color": COLORS["cumulative"], "width": 3},
        yaxis="y2",
        hovertemplate=_money_hover(lang),
    )
    for traj in trajectories:
        fig.add_scatter(
            x=traj["x"],
            y=traj["y"],
            name=traj["name"],
            mode="lines",
            line={"dash": "dash", "width": 2},
            yaxis="y2",
            hovertemplate=_money_hover(lang),
        )
    fig.update_layout(
        barmode="stack",
        yaxis={"title": t("chart.monthly_axis", lang)},
        yaxis2={
            "title": t("chart.cumulative_axis", lang),
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
        },
        xaxis={"tickformat": "%m/%Y" if lang != "en" else "%b %Y", "dtick": "M1"},
    )
    _base(fig, lang)
    monthly_totals = [
        float(r["insertion_spend_eur"]) + float(r["handicap_spend_eur"]) for r in rows
    ]
    _euro_axis(fig, lang, monthly_totals, "yaxis")
    cumulative = [float(r["cumulative_inclusive_eur"]) for r in rows]
    for traj in trajectories:
        cumulative.extend(traj["y"])
    _euro_axis(fig, lang, cumulative, "yaxis2")
    return fig


PALETTE = ("#2E7D6B", "#3C6FB4", "#C9A227", "#8E4585")


def trajectories(series: Sequence[dict[str, Any]], lang: str, last_month: Any = None) -> go.Figure:
    """Per objective: cumulative actual (solid, up to the last month with data) against its
    linear trajectory to the target (dashed, same colour)."""
    fig = go.Figure()
    values: list[float] = []
    for i, s in enumerate(series):
        color = PALETTE[i % len(PALETTE)]
        xs = [x for x in s["x"] if last_month is None or x <= last_month]
        fig.add_scatter(
            x=xs,
            y=s["actual"][: len(xs)],
            name=s["name"],
            mode="lines+markers",
            line={"color": color, "width": 3},
            hovertemplate=_money_hover(lang),
        )
        fig.add_scatter(
            x=s["x"],
            y=s["target"],
            name=t("chart.trajectory_of", lang, name=s["name"]),
            mode="lines",
            line={"color": color, "dash": "dash", "width": 2},
            hovertemplate=_money_hover(lang),
        )
        values += list(s["actual"]) + list(s["target"])
    _base(fig, lang)
    fig.update_layout(xaxis={"tickformat": "%m/%Y" if lang != "en" else "%b %Y", "dtick": "M1"})
    _euro_axis(fig, lang, values, "yaxis")
    return fig


def horizontal_bars(
    labels: Sequence[str],
    values: Sequence[float],
    lang: str,
    colors: Sequence[str] | None = None,
    height: int | None = None,
) -> go.Figure:
    fig = go.Figure(
        go.Bar(
            x=list(values),
            y=list(labels),
            orientation="h",
            marker_color=list(colors) if colors else COLORS["neutral"],
            hovertemplate=("%{x:,.0f}\u00a0€" if lang != "en" else "€%{x:,.0f}")
            + "<extra></extra>",
            texttemplate=("%{x:,.0f}\u00a0€" if lang != "en" else "€%{x:,.0f}"),
            textposition="auto",
        )
    )
    fig.update_yaxes(autorange="reversed")
    _base(fig, lang, height or max(180, 42 * len(labels) + 60))
    _euro_axis(fig, lang, list(values), "xaxis")
    fig.update_layout(showlegend=False, margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


def _percent_ticks(high: float, lang: str) -> dict[str, object]:
    ticks = [x / 100 for x in range(0, int(high * 100) + 26, 25)]
    suffix = "%" if lang == "en" else "\u00a0%"
    return {
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": [f"{round(v * 100)}{suffix}" for v in ticks],
        "range": [0, ticks[-1] + 0.05],
    }


def payout_curve(
    points: Sequence[tuple[float, float]],
    attainment: float | None,
    rate: float | None,
    lang: str,
    step: bool = False,
) -> go.Figure:
    """The payout curve (attainment → payout rate) with a "you are here" marker."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    x_max = max([*xs, (attainment or 0) * 1.05, 1.3])
    # Zero below the first point, a jump to its rate, then the points, flat after the last.
    xs_plot = ([0.0, xs[0]] if xs[0] > 0 else []) + [*xs, x_max]
    ys_plot = ([0.0, 0.0] if xs[0] > 0 else []) + [*ys, ys[-1]]
    fig = go.Figure()
    hover = "%{x:.0%} → %{y:.0%}<extra></extra>"
    fig.add_scatter(
        x=xs_plot,
        y=ys_plot,
        mode="lines",
        name=t("chart.curve", lang),
        line={"color": COLORS["neutral"], "width": 3, "shape": "hv" if step else "linear"},
        hovertemplate=hover,
    )
    if attainment is not None and rate is not None:
        fig.add_scatter(
            x=[min(attainment, x_max)],
            y=[rate],
            mode="markers+text",
            name=t("chart.you_are_here", lang),
            marker={"size": 14, "color": COLORS["target"]},
            text=[t("chart.you_are_here", lang)],
            textposition="top left" if attainment > x_max * 0.5 else "top right",
            hovertemplate=hover,
        )
    _base(fig, lang, 300)
    fig.update_layout(showlegend=False, margin={"l": 10, "r": 20, "t": 30, "b": 10})
    fig.update_xaxes(title=t("chart.attainment", lang), **_percent_ticks(x_max, lang))
    fig.update_yaxes(title=t("chart.payout_rate", lang), **_percent_ticks(max(ys) + 0.15, lang))
    return fig


def clause_hours(rows: Sequence[dict[str, Any]], lang: str) -> go.Figure:
    """Per contract: hours required, declared and estimated side by side (never stacked: declared
    and estimated hours are not added up)."""
    labels = [str(r["contract_id"]) for r in rows]
    fig = go.Figure()
    for key, color in (
        ("hours_required", COLORS["cumulative"]),
        ("hours_declared", COLORS["insertion"]),
        ("hours_estimated", COLORS["none"]),
    ):
        fig.add_bar(
            name=t(f"clauses.col.{key}", lang),
            x=labels,
            y=[float(r[key] or 0) for r in rows],
            marker_color=color,
            hovertemplate="%{y:,.0f}\u00a0h<extra></extra>",
        )
    fig.update_layout(barmode="group")
    return _base(fig, lang, 380)


def counts_bars(labels: Sequence[str], values: Sequence[int], lang: str) -> go.Figure:
    fig = go.Figure(
        go.Bar(
            x=list(values),
            y=list(labels),
            orientation="h",
            marker_color=COLORS["handicap"],
            text=[str(v) for v in values],
            textposition="auto",
            hovertemplate="%{x}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    _base(fig, lang, max(180, 36 * len(labels) + 60))
    fig.update_layout(showlegend=False, margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig
