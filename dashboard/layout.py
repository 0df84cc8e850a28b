"""Elements shared by the pages: the sidebar (user, language, sign-out) and the period picker.

The chosen period and language live in the URL (``?period=2025-Q2&lang=en``) so a view can be
shared; the session keeps them while the user moves between pages.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard import auth, data, nav
from dashboard import formatting as fmt
from dashboard.i18n import LANGS, get_lang, t
from pipelines.access import Access
from pipelines.errors import UserError
from pipelines.queries.periods import GRANULARITIES, Period
from pipelines.store.verify import VERIFICATION_ROLES

LANG_LABELS = {"fr": "Français", "en": "English"}
HERE = Path(__file__).parent
log = logging.getLogger("asr.dashboard")


def pages(access: Access | None) -> list[st.Page]:
    """The navigation of a user: their role's pages; signed out, the sign-in page, which also
    answers at every page's address (hidden menu), so that a shared link such as
    ``/explorer?period=2025-Q2`` shows the sign-in form and not « Page not found »."""
    if access is None:
        sign_in = HERE / "pages/sign_in.py"
        title = t("page.sign_in")
        return [
            st.Page(sign_in, title=title, icon=":material/login:", url_path="sign_in", default=True)
        ] + [st.Page(sign_in, title=title, url_path=spec.page_id) for spec in nav.PAGES]
    return [
        st.Page(
            HERE / spec.path,
            title=t(spec.title_key),
            icon=spec.icon,
            url_path=spec.page_id,
            default=(i == 0),
        )
        for i, spec in enumerate(nav.pages_for(access.role))
    ]


def landing_page(access: Access) -> st.Page:
    """Where a sign-in leads: the page a shared link asked for if the role may open it, else
    the role's first page."""
    wanted = st.session_state.pop(auth.NEXT_KEY, None)
    own = pages(access)
    return next((p for p in own if p.url_path == wanted), own[0])


def init_lang(default: str) -> str:
    """Language of the session (from ``?lang=`` on first contact, an unknown one falls back to
    French with a notice); also keeps a shared link's ``?period=`` across the sign-in page."""
    if "period" not in st.session_state and st.query_params.get("period"):
        st.session_state["period"] = st.query_params["period"]
    if "lang" not in st.session_state:
        wanted = st.query_params.get("lang", default)
        st.session_state["lang"] = wanted if wanted in LANGS else "fr"
        if wanted not in LANGS:
            st.warning(t("lang.invalid", "fr", value=fmt.md(wanted)))
            del st.query_params["lang"]
    return str(st.session_state["lang"])


def run_page(page: Any) -> None:
    """Run the page; an unexpected error is logged server-side (with a reference) and the user
    sees a short message in their language, never a traceback."""
    try:
        page.run()
    except Exception:  # st.rerun / st.stop are BaseExceptions and pass through
        ref = uuid.uuid4().hex[:8]
        log.exception("dashboard page %s failed (reference %s)", page.url_path, ref)
        st.error(t("error.unexpected", ref=ref))


def _lang_changed() -> None:
    st.session_state["lang"] = st.session_state["_lang_choice"]


def sidebar(access: Access | None) -> None:
    """User card, language switch and sign-out button, at the bottom of the sidebar."""
    with st.sidebar:
        if access is not None:
            st.caption(
                t("auth.signed_in_as", user=fmt.md(access.username), role=t(f"role.{access.role}"))
            )
            if st.button(t("auth.sign_out"), key="sign_out", icon=":material/logout:"):
                auth.sign_out()
                st.rerun()
        st.session_state["_lang_choice"] = st.session_state.get("lang", "fr")
        st.selectbox(
            t("lang.label"),
            LANGS,
            format_func=LANG_LABELS.__getitem__,
            key="_lang_choice",
            on_change=_lang_changed,
        )
    if st.session_state.get("lang", "fr") != "fr":
        st.query_params["lang"] = st.session_state["lang"]
    elif "lang" in st.query_params:
        del st.query_params["lang"]


def integrity_banner(access: Access | None) -> None:
    """A red banner for admins and executives when the audit chain or a closing does not verify."""
    if access is None or access.role not in VERIFICATION_ROLES:
        return
    result = data.store_verification()
    if not result.ok:
        st.error(
            t("audit.verify_failed", detail=fmt.md(result.message(get_lang()))),
            icon=":material/gpp_bad:",
        )


# -- period picker --------------------------------------------------------------------------------
def url_period() -> Period | None:
    """The session's period (first taken from the URL's ``?period=``); None if there is none
    or it is unreadable or out of range (then a notice says the default is shown)."""
    text = st.session_state.get("period") or st.query_params.get("period")
    if not text:
        return None
    try:
        return Period.parse(str(text))
    except UserError:
        st.warning(t("period.invalid", value=fmt.md(text)))
        st.session_state.pop("period", None)
        if "period" in st.query_params:
            del st.query_params["period"]
        return None


def _initial_period(default: Period) -> Period:
    period = url_period() or default
    st.session_state["period"] = period.key()
    return period


def _month_options(years: list[int]) -> list[str]:
    return [f"{y}-{m:02d}" for y in years for m in range(1, 13)]


def _period_from_widgets() -> None:
    state = st.session_state
    gran = state.get("pp_granularity") or "year"
    year = int(state.get("pp_year") or dt.date.today().year)
    if gran == "year":
        period = Period.year(year)
    elif gran == "quarter":
        period = Period.quarter(year, int(state.get("pp_quarter") or 1))
    elif gran == "month":
        period = Period.month(year, int(state.get("pp_month") or 1))
    else:
        first = dt.date.fromisoformat(f"{state.get('pp_from')}-01")
        last = dt.date.fromisoformat(f"{state.get('pp_to')}-01")
        period = Period.months(first, last)
    state["period"] = period.key()


def period_picker(years: list[int], default: Period, lang: str) -> Period:
    """Sidebar widgets for a year, quarter, month or custom month range; returns the period."""
    years = years or [default.start.year]
    period = _initial_period(default)
    if period.start.year not in years:
        years = sorted({*years, period.start.year})
    state = st.session_state
    state["pp_granularity"] = period.granularity
    state["pp_year"] = period.start.year
    state["pp_quarter"] = (period.start.month - 1) // 3 + 1
    state["pp_month"] = period.start.month
    state["pp_from"] = f"{period.start:%Y-%m}"
    state["pp_to"] = f"{period.end:%Y-%m}"
    months = _month_options(years)
    with st.sidebar:
        st.markdown(f"**{t('period.title')}**")
        st.segmented_control(
            t("period.granularity"),
            GRANULARITIES,
            format_func=lambda g: t(f"period.{g}", lang),
            key="pp_granularity",
            required=True,
            on_change=_period_from_widgets,
            label_visibility="collapsed",
        )
        if period.granularity == "custom":
            c1, c2 = st.columns(2)
            c1.selectbox(
                t("period.from"),
                months,
                key="pp_from",
                on_change=_period_from_widgets,
                format_func=lambda m: _month_label(m, lang),
            )
            c2.selectbox(
                t("period.to"),
                months,
                key="pp_to",
                on_change=_period_from_widgets,
                format_func=lambda m: _month_label(m, lang),
            )
        else:
            st.selectbox(t("period.year"), years, key="pp_year", on_change=_period_from_widgets)
            if period.granularity == "quarter":
                st.selectbox(
                    t("period.quarter"),
                    [1, 2, 3, 4],
                    key="pp_quarter",
                    on_change=_period_from_widgets,
                    format_func=lambda q: t("period.quarter_n", lang, n=q),
                )
            elif period.granularity == "month":
                st.selectbox(
                    t("period.month"),
                    list(range(1, 13)),
                    key="pp_month",
                    on_change=_period_from_widgets,
                    format_func=lambda m: Period.month(2000, m).label(lang).split()[0],
                )
    st.query_params["period"] = period.key()
    return period


def _month_label(key: str, lang: str) -> str:
    year, month = key.split("-")
    return Period.month(int(year), int(month)).label(lang)


def _year_changed() -> None:
    st.session_state["period"] = str(st.session_state["py_year"])


def year_picker(years: list[int], default: int) -> int:
    """Sidebar year selector (objectives are yearly); shares the URL's ``period``."""
    years = years or [default]
    current = _initial_period(Period.year(default)).end.year
    if current not in years:
        current = default if default in years else years[-1]
    st.session_state["py_year"] = current
    with st.sidebar:
        st.selectbox(t("period.year"), years, key="py_year", on_change=_year_changed)
    st.query_params["period"] = str(current)
    return current


def person_label(people: dict[str, dict[str, str | None]], person_id: str | None) -> str:
    if person_id is None:
        return "–"
    name = (people.get(person_id) or {}).get("name")
    return f"{name} ({person_id})" if name else person_id


def upload_box_in_words_of(lang: str) -> None:
    """Streamlit's upload box says « Drag and drop file here / Limit … per file » and « Browse
    files » in English only: hide those words and label the button in ``lang`` (the page says
    the rest in a caption). CSS only; the text comes from the catalogue, quoted for CSS."""
    browse = json.dumps(t("ui.upload.browse", lang))
    st.html(
        "<style>"
        '[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }'
        '[data-testid="stFileUploaderDropzone"] button * { display: none !important; }'
        '[data-testid="stFileUploaderDropzone"] button::after {'
        f" content: {browse}; font-size: 0.875rem; }}"
        "</style>"
    )
