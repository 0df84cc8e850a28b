"""Explorer: filter the purchase lines, group them on two dimensions, drill down, download."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, downloads, layout
from dashboard import formatting as fmt
from dashboard.auth import require
from dashboard.i18n import get_lang, t
from pipelines.access import intersect, subtree_of
from pipelines.exports import XLSX_MAX_ROWS
from pipelines.kinds import KINDS
from pipelines.queries.explorer import DIMENSIONS, STATUSES, Filters
from pipelines.queries.periods import Period

access = require("explorer")
lang = get_lang()
span = data.data_range(access)
default = Period.year(span.last_month.year) if span.last_month else Period.year(2025)
period = layout.period_picker(span.years, default, lang)
st.title(t("page.explorer"))
st.caption(t("explorer.caption", period=period.label(lang)))
if span.last_month is None:
    st.info(t("common.no_data"))
    st.stop()

# The page « Contrôles » links here with ?search=<supplier> (the lines behind a signal).
if "f_search" not in st.session_state and st.query_params.get("search"):
    st.session_state["f_search"] = st.query_params["search"]

values = data.dimension_values(access)
people = data.people(access)
managers = sorted({p for p, v in people.items() if v["role"] in ("manager", "executive")})

with st.expander(t("explorer.filters"), expanded=True):
    c = st.columns(4)
    entities = c[0].multiselect(
        t("col.entity"), values["entity"], key="f_entities", placeholder=t("explorer.all")
    )
    buyers = c[1].multiselect(
        t("col.buyer"),
        values["buyer"],
        key="f_buyers",
        placeholder=t("explorer.all"),
        format_func=lambda p: layout.person_label(people, p),
    )
    manager = c[2].selectbox(
        t("col.manager"),
        [None, *managers],
        key="f_manager",
        format_func=lambda p: (
            t("explorer.all", lang) if p is None else layout.person_label(people, p)
        ),
    )
    families = c[3].multiselect(
        t("col.family"),
        ["insertion", "handicap", "ess", "none"],
        key="f_families",
        placeholder=t("explorer.all"),
        format_func=lambda f: t("family." + f, lang),
    )
    c = st.columns(4)
    kinds = c[0].multiselect(
        t("col.kind"),
        [*KINDS, "none"],
        key="f_kinds",
        placeholder=t("explorer.all"),
        format_func=lambda k: k if k != "none" else t("family.none", lang),
    )
    statuses = c[1].multiselect(
        t("col.status"),
        STATUSES,
        key="f_statuses",
        placeholder=t("explorer.all"),
        format_func=lambda s: t("status." + s, lang),
    )
    search = c[2].text_input(
        t("explorer.search"), key="f_search", placeholder=t("explorer.search_hint")
    )
    account = c[3].text_input(t("col.account"), key="f_account", placeholder="606")

chosen_buyers = list(buyers) if buyers else None
if manager is not None:
    team = subtree_of(manager, {p: v["manager_id"] for p, v in people.items()})
    chosen_buyers = [b for b in (chosen_buyers or team) if b in team]
scope = intersect(access.scope, buyers=chosen_buyers, entities=entities or None)
filters = Filters(
    families=tuple(families) or None,
    kinds=tuple(kinds) or None,
    statuses=tuple(statuses) or None,
    search=search or None,
    account=account or None,
)

c = st.columns([1, 1, 2])
dim_label = {d: t("dim." + d) for d in (*DIMENSIONS, "none")}
dim1 = c[0].selectbox(
    t("explorer.group1"),
    DIMENSIONS,
    index=DIMENSIONS.index("entity"),
    key="g_dim1",
    format_func=dim_label.__getitem__,
)
dim2 = c[1].selectbox(
    t("explorer.group2"),
    ("none", *DIMENSIONS),
    index=0,
    key="g_dim2",
    format_func=dim_label.__getitem__,
)

frame, cut = data.grouped(access, scope, period, filters, dim1, dim2)


def label(dim: str, key: object) -> str:
    if key is None or key == "":
        return "–"
    if dim in ("buyer", "manager"):
        return layout.person_label(people, str(key))
    if dim == "family":
        return t("family." + str(key))
    if dim == "status":
        return t("status." + str(key))
    return str(key)


if cut:
    st.warning(t("explorer.cut"))
shown = pd.DataFrame({dim_label[dim1]: [label(dim1, k) for k in frame["key1"]]})
if dim2 != "none":
    shown[dim_label[dim2]] = [label(dim2, k) for k in frame["key2"]]
if "supplier" in (dim1, dim2):
    shown[t("col.supplier")] = frame["supplier_name"]
shown[t("col.spend")] = [fmt.money(v, 2, lang) for v in frame["spend_eur"]]
shown[t("col.inclusive_spend")] = [fmt.money(v, 2, lang) for v in frame["inclusive_spend_eur"]]
shown[t("col.probable")] = [fmt.money(v, 2, lang) for v in frame["probable_spend_eur"]]
shown[t("col.lines")] = [fmt.number(v, 0, lang) for v in frame["count_lines"]]
if frame["count_suppliers"].notna().any():  # the monthly mart does not count suppliers
    shown[t("col.suppliers")] = [fmt.number(v, 0, lang) for v in frame["count_suppliers"]]
selection = st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    key="table_grouped",
    on_select="rerun",
    selection_mode="single-row",
)
raw = downloads.grouped_frame(frame, dim1, dim2, label, lang)
d = st.columns([1, 1, 4])
d[0].download_button(
    t("explorer.csv"),
    downloads.to_csv(raw, lang),
    "asr_regroupement.csv",
    "text/csv",
    key="dl_grouped_csv",
)
d[1].download_button(
    t("explorer.xlsx"), downloads.to_xlsx(raw), "asr_regroupement.xlsx", key="dl_grouped_xlsx"
)

st.subheader(t("explorer.lines"))
drill: tuple = ()
rows = selection.selection.rows if selection and hasattr(selection, "selection") else []
if rows:
    picked = frame.iloc[rows[0]]
    drill = ((dim1, "" if picked["key1"] is None else str(picked["key1"])),)
    if dim2 != "none":
        drill += ((dim2, "" if picked["key2"] is None else str(picked["key2"])),)
    st.caption(t("explorer.drilled", what=" · ".join(fmt.md(label(dm, k)) for dm, k in drill)))
else:
    st.caption(t("explorer.drill_hint"))
page_no = st.columns([1, 5])[0].number_input(
    t("explorer.page"), min_value=1, value=1, step=1, key="lines_page"
)
lines, total = data.lines(access, scope, period, filters, int(page_no) - 1, drill)
pages = max(1, -(-total // 100))
st.caption(
    t(
        "explorer.lines_count_pages",
        n=fmt.number(total, 0, lang),
        page=int(page_no),
        pages=fmt.number(pages, 0, lang),
    )
)
if len(lines):
    table = pd.DataFrame(
        {
            t("col.date"): [fmt.date(x, lang) for x in lines["period_date"]],
            t("col.entity"): lines["entity"],
            t("col.supplier"): lines["supplier_name"],
            t("col.spend"): [fmt.money(a, 2, lang) for a in lines["amount_eur"]],
            t("col.kind"): lines["kind"].fillna(""),
            t("col.status"): [t("status." + s, lang) for s in lines["status"]],
            t("col.invoice"): lines["invoice_id"],
            t("col.buyer"): [label("buyer", b) for b in lines["buyer"]],
            t("col.category"): lines["category"],
            t("col.account"): lines["account"],
            t("explorer.export.siret"): lines["siret"],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key="table_lines")
    # Downloads: every line the filters select (not this page), streamed on click.
    n = fmt.number(total, 0, lang)
    d = st.columns([1, 1, 2])
    d[0].download_button(
        t("explorer.export.csv_all", n=n),
        data.export_lines(access, scope, period, filters, drill, "csv", lang, total),
        "asr_lignes.csv",
        "text/csv",
        key="dl_lines_csv",
        help=t("explorer.export.help"),
        on_click="ignore",
    )
    d[1].download_button(
        t("explorer.export.xlsx_all", n=n),
        data.export_lines(access, scope, period, filters, drill, "xlsx", lang, total),
        "asr_lignes.xlsx",
        key="dl_lines_xlsx",
        help=t("explorer.export.help"),
        on_click="ignore",
    )
    if total > XLSX_MAX_ROWS:
        st.caption(t("explorer.export.xlsx_limit", max=fmt.number(XLSX_MAX_ROWS, 0, lang), n=n))
