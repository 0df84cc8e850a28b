"""Charts of the annual report: Plotly figures rendered to PNG by kaleido.

kaleido drives a local Chromium; it never downloads one. When ``BROWSER_PATH`` is unset we
point it at the system Chromium (Debian's ``chromium`` package, ``/usr/bin/chromium``). If no
browser can be started the report is still produced, without charts, and says so.
"""

from __future__ import annotations

import logging
import os
import shutil
from decimal import Decimal
from typing import Any

import plotly.graph_objects as go

from pipelines.kinds import KINDS

log = logging.getLogger(__name__)

#: Same palette as the dashboard (dashboard/charts.py).
COLORS = {
    "insertion": "#2E7D6B",
    "handicap": "#3C6FB4",
    "ess": "#C9A227",
    "none": "#B0B7C3",
    "previous": "#B0B7C3",
    "ink": "#1F2A44",
    "target": "#C0392B",
}
MONTHS_FR = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
SYSTEM_CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
WIDTH, HEIGHT, SCALE = 900, 380, 2


def configure_browser() -> str | None:
    """The Chromium kaleido will use (setting ``BROWSER_PATH`` to the system one if unset)."""
    if os.environ.get("BROWSER_PATH"):
        return os.environ["BROWSER_PATH"]
    for path in SYSTEM_CHROMIUM:
        if os.path.exists(path):
            os.environ["BROWSER_PATH"] = path
            return path
    return shutil.which("chromium")


def _layout(fig: go.Figure, title: str, height: int = HEIGHT) -> go.Figure:
    fig.update_layout(
        title={
            "text": title,
            "x": 0,
            "xanchor": "left",
            "font": {"size": 17, "color": COLORS["ink"]},
        },
        separators=",\u00a0",
        width=WIDTH,
        height=height,
        margin={"l": 10, "r": 20, "t": 60, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        plot_bgcolor="white",
        paper_bgcolor="white",
        font={"family": "DejaVu Sans, sans-serif", "size": 13, "color": COLORS["ink"]},
    )
    fig.update_yaxes(gridcolor="#E6E9EF", zerolinecolor="#C9CED8")
    return fig


def _f(value: Any) -> float:
    return float(value or 0)


def monthly_figure(data: dict[str, Any]) -> go.Figure:
    by_month = {r["month"]: r for r in data["months"]}
    year = data["year"]
    keys = [f"{year}-{m:02d}" for m in range(1, 13)]
    fig = go.Figure()
    for family, label in (
        ("handicap", "Handicap (EA, ESAT, TIH)"),
        ("insertion", "Insertion (SIAE)"),
    ):
        fig.add_bar(
            x=list(MONTHS_FR),
            y=[_f(by_month.get(k, {}).get(f"{family}_spend_eur")) for k in keys],
            name=label,
            marker_color=COLORS[family],
            hovertemplate="%{y:,.0f} €",
        )
    fig.update_layout(barmode="stack", bargap=0.25)
    fig.update_yaxes(tickformat="~s", ticksuffix=" €")
    return _layout(fig, f"Achats inclusifs par mois, {year} (HT, rapprochements certains)")


def entity_figure(data: dict[str, Any]) -> go.Figure | None:
    rows = [r for r in data["entities"] if r.get("inclusive_share") is not None]
    if len(rows) < 2:
        return None
    rows.sort(key=lambda r: r["inclusive_share"])
    fig = go.Figure(
        go.Bar(
            x=[_f(r["inclusive_share"]) * 100 for r in rows],
            y=[str(r["entity"]) for r in rows],
            orientation="h",
            marker_color=COLORS["insertion"],
            text=[f"{_f(r['inclusive_share']) * 100:.1f} %".replace(".", ",") for r in rows],
            textposition="outside",
            cliponaxis=False,
        )
    )
    fig.update_xaxes(ticksuffix=" %", rangemode="tozero", showgrid=True, gridcolor="#E6E9EF")
    height = max(260, 70 + 34 * len(rows))
    return _layout(fig, "Part des achats inclusifs par entité", height=height)


def kind_figure(data: dict[str, Any]) -> go.Figure | None:
    by_kind = {k: v for k, v in (data["kpi"].get("by_kind") or {}).items() if _f(v) > 0}
    if not by_kind:
        return None
    items = sorted(by_kind.items(), key=lambda kv: _f(kv[1]))
    fig = go.Figure(
        go.Bar(
            x=[_f(v) for _, v in items],
            y=[k for k, _ in items],
            orientation="h",
            marker_color=[
                COLORS.get(KINDS[k].family if k in KINDS else "none", "#888") for k, _ in items
            ],
            text=[_eur_short(Decimal(str(v))) for _, v in items],
            textposition="outside",
            cliponaxis=False,
        )
    )
    fig.update_xaxes(tickformat="~s", ticksuffix=" €", showgrid=True, gridcolor="#E6E9EF")
    height = max(260, 70 + 30 * len(items))
    return _layout(fig, "Achats par type de structure", height=height)


def _eur_short(value: Decimal) -> str:
    v = float(value)
    if abs(v) >= 1_000_000:
        return f"{v / 1_000_000:.1f} M€".replace(".", ",")
    if abs(v) >= 1_000:
        return f"{v / 1_000:.0f} k€"
    return f"{v:.0f} €"


def figures(data: dict[str, Any]) -> dict[str, go.Figure]:
    if not data.get("has_data", True):
        return {}  # nothing to draw: no axis from -1 EUR over empty months
    out = {"monthly": monthly_figure(data)}
    for name, build in (("entities", entity_figure), ("kinds", kind_figure)):
        fig = build(data)
        if fig is not None:
            out[name] = fig
    return out


def render_charts(data: dict[str, Any]) -> dict[str, bytes]:
    """PNG bytes per chart name; empty when no browser could render them (logged)."""
    figs = figures(data)
    configure_browser()
    try:
        import kaleido

        server = getattr(kaleido, "_global_server", None)
        started = server is None or not server.is_running()
        if started:  # one browser for every chart
            kaleido.start_sync_server(silence_warnings=True)
        try:
            return {
                name: kaleido.calc_fig_sync(
                    fig,
                    {
                        "format": "png",
                        "width": fig.layout.width,
                        "height": fig.layout.height,
                        "scale": SCALE,
                    },
                )
                for name, fig in figs.items()
            }
        finally:
            if started:
                kaleido.stop_sync_server(silence_warnings=True)
    except Exception as exc:  # no Chromium, sandbox refused...: report without charts
        log.warning("charts not rendered: %s", exc)
        return {}
