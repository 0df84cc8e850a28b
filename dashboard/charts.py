"""Plotly figures of the dashboard, with French number separators by default. No Streamlit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

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


def _euro_axis(fig: go.Figure, lang: str, axis: str = "y") -> None:
    suffix = "\u00a0€" if lang != "en" else ""
    prefix = "€" if lang == "en" else ""
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    update(tickformat="~s", ticksuffix=suffix, tickprefix=prefix)


def _money_hover(lang: str) -> str:
    return "%{y:,.0f}\u00a0€" if lang != "en" else "€%{y:,.0f}"


def monthly_spend(
    rows: Sequence[dict[str, Any]], lang: str, trajectories: Sequence[dict[str, Any]] = ()
) -> go.Figure:
    """Monthly insertion and handicap spend (stacked bars) and the cumulative inclusive spend,
    with each objective's linear trajectory to its target."""
    x = [r["month_start"] for r in rows]
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
        x=x,
        y=[float(r["cumulative_inclusive_eur"]) for r in rows],
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
            "rangemode": "tozero",
        },
        xaxis={"tickformat": "%m/%Y" if lang != "en" else "%b %Y", "dtick": "M1"},
    )
    _base(fig, lang)
    _euro_axis(fig, lang)
    fig.update_layout(yaxis2={"tickformat": "~s", "ticksuffix": "\u00a0€" if lang != "en" else ""})
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
    _euro_axis(fig, lang, axis="x")
    fig.update_layout(showlegend=False, margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


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
    xs_plot = [0.0, *xs, x_max]
    ys_plot = [0.0 if xs and xs[0] > 0 else ys[0], *ys, ys[-1]]
    fig = go.Figure()
    fig.add_scatter(
        x=xs_plot,
        y=ys_plot,
        mode="lines",
        name=t("chart.curve", lang),
        line={"color": COLORS["neutral"], "width": 3, "shape": "hv" if step else "linear"},
        hovertemplate="%{x:.0%} → %{y:.0%}<extra></extra>",
    )
    if attainment is not None and rate is not None:
        fig.add_scatter(
            x=[attainment],
            y=[rate],
            mode="markers+text",
            name=t("chart.you_are_here", lang),
            marker={"size": 14, "color": COLORS["target"]},
            text=[t("chart.you_are_here", lang)],
            textposition="top center",
            hovertemplate="%{x:.1%} → %{y:.1%}<extra></extra>",
        )
    _base(fig, lang, 300)
    fig.update_xaxes(tickformat=".0%", title=t("chart.attainment", lang), rangemode="tozero")
    fig.update_yaxes(tickformat=".0%", title=t("chart.payout_rate", lang), rangemode="tozero")
    fig.update_layout(showlegend=False)
    return fig
