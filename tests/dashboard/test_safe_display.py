"""No Markdown or HTML from data, no traceback, and links with bad parameters fall back."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard import formatting as fmt
from dashboard.i18n import t
from pipelines.marts import refresh_marts
from pipelines.settings import Settings
from pipelines.warehouse import write_transaction
from tests.dashboard.test_dashboard_pages import APP, signed_in

HOSTILE = "[clic](http://evil) ![x](http://evil/x.png) <b>gras</b> :red[rouge]"
ESAT = "33333333333333"  # probable: first in the review queue


def rendered(at: AppTest) -> list[str]:
    """HTML of every element Streamlit renders as Markdown (CommonMark, as the browser does)."""
    kinds = ("title", "subheader", "caption", "markdown", "info", "warning", "error", "success")
    parser = MarkdownIt("commonmark")
    return [parser.render(str(e.value)) for kind in kinds for e in getattr(at, kind)]


@pytest.mark.parametrize(
    "text",
    [
        HOSTILE,
        "**gras** _it_ `code` # titre",
        "<script>alert(1)</script>",
        "$x^2$ :material/home:",
        "- puce",
        "1) liste",
        "# titre",
        "&lt;b&gt;",
    ],
)
def test_md_shows_data_literally(text: str) -> None:
    html = MarkdownIt("commonmark").render(fmt.md(text))
    for tag in ("<a ", "<img", "<b>", "<strong>", "<em>", "<code>", "<script", "<h1>", "<li>"):
        assert tag not in html, (text, html)
    for char in "[]()!:$*_`#":  # every character still shows (escaped, not dropped)
        assert html.count(char) == text.count(char)


@pytest.fixture
def hostile_org(tiny_org: Settings) -> Settings:
    with write_transaction(tiny_org) as con:
        con.execute(
            "update raw_ledger_lines set supplier_name = ? where siret = ?", [HOSTILE, ESAT]
        )
        refresh_marts(con, tiny_org)
    return tiny_org


def _assert_literal(at: AppTest) -> None:
    html = rendered(at)
    for tag in ("<a ", "<img", "<b>"):
        assert not any(tag in h for h in html), [h for h in html if tag in h]


def test_supplier_name_is_shown_literally_on_fournisseurs(hostile_org: Settings) -> None:
    at = signed_in("analyste")
    at.switch_page("pages/suppliers.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="review_supplier").value == ESAT
    html = "\n".join(rendered(at))
    assert "[clic](http://evil)" in html  # the name is there, as text
    _assert_literal(at)
    at.button(key="review_confirm").click().run()  # the success message names the supplier
    assert not at.exception, at.exception
    assert any("[clic](http://evil)" in h for h in rendered(at))
    _assert_literal(at)


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/explorer.py"])
def test_supplier_name_is_shown_literally_elsewhere(hostile_org: Settings, page: str) -> None:
    at = signed_in("admin")
    at.switch_page(page).run()
    assert not at.exception, at.exception
    _assert_literal(at)


@pytest.mark.parametrize("value", ["0001", "abc", "9999-Q1", "2025-01..0001-01"])
@pytest.mark.parametrize(("username", "page"), [("direction", None), ("analyste", "suppliers")])
def test_bad_period_in_link_falls_back_with_a_notice(
    tiny_org: Settings, value: str, username: str, page: str | None
) -> None:
    at = signed_in(username, period=value)
    if page:
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    if page is None:
        assert at.title[0].value == t("page.overview", "fr")
        assert any("illisible ou hors plage" in w.value for w in at.warning)
    assert at.query_params.get("period") != [value]


def test_unknown_lang_in_link_falls_back_to_french(tiny_org: Settings) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "xx<b>"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Achats socialement responsables"
    assert any("xx" in w.value and "inconnue" in w.value for w in at.warning)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_unexpected_error_shows_a_short_message_and_is_logged(
    tiny_org: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, lang: str
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret detail /srv/asr/source.py")

    # A new browser tab of a signed-in user: the run goes through dashboard/app.py (AppTest runs
    # a page switched to afterwards on its own, as Streamlit does for a ``pages/`` folder).
    access = signed_in("direction").session_state["access"]
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["access"] = access
    at.session_state["lang"] = lang
    monkeypatch.setattr(data, "data_range", boom)
    with caplog.at_level(logging.ERROR, logger="asr.dashboard"):
        at.run()
    assert not at.exception, at.exception  # nothing reaches Streamlit's traceback display
    [error] = at.error
    head, _ = t("error.unexpected", lang, ref="|").split("|")
    assert error.value.startswith(head)
    assert "secret detail" not in error.value and "Traceback" not in error.value
    ref = error.value[len(head) : len(head) + 8]
    assert "secret detail" in caplog.text and ref in caplog.text  # logged, with the reference


def test_config_hides_error_details() -> None:
    import tomllib

    config = tomllib.loads((Path(APP).parents[1] / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] in (False, "none")
