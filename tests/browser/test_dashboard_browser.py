"""Real browser: Debian's Chromium (headless, via Playwright) on `streamlit run dashboard/server.py`
(as `asr dashboard` serves it) over a small demo organisation; every demo user signs in, in
French and in English, and opens each page of their role; a reload keeps them signed in; a
shared link opened signed out leads to its page after sign-in.

Screenshots of every page for every role and language are written to docs/screenshots/
<lang>-<role>-<page>.png (shown in the README; look at them); the others to
test-output/screenshots/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard import nav
from dashboard.i18n import t
from pipelines.settings import REPO_ROOT

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = REPO_ROOT / "test-output" / "screenshots"
DOCS_SHOTS = REPO_ROOT / "docs" / "screenshots"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium"),
]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    home = tmp_path_factory.mktemp("browser_demo")
    env = {**os.environ, "ASR_HOME": str(home), "ASR_USER": "demo"}
    env.pop("ASR_DATABASE_URL", None)
    code = (
        "from pipelines.demo import build_demo\n"
        "from pipelines.settings import load_settings\n"
        "r = build_demo(lines=20000, settings=load_settings(), say=lambda m: None)\n"
        "print('\\n'.join(f'{u} {p}' for u, p in r.passwords.items()))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO_ROOT,
    )
    passwords = dict(line.split(" ", 1) for line in run.stdout.strip().splitlines())
    return home, passwords


@pytest.fixture(scope="module")
def server(demo: tuple[Path, dict[str, str]]) -> Iterator[str]:
    home, _ = demo
    port = _free_port()
    env = {**os.environ, "ASR_HOME": str(home), "ASR_USER": "demo"}
    env.pop("ASR_DATABASE_URL", None)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(REPO_ROOT / "dashboard" / "server.py"),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        env=env,
        cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # polls until the server answers (not a timing assertion)
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "") from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _settled(page) -> None:
    """Wait until the script run is over and nothing is left to render."""
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000
    )
    page.wait_for_load_state("networkidle")


def _check(page, where: str) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, where
    body = page.inner_text("body")
    assert "Traceback" not in body, where


def _screenshot(page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main block, so grow the viewport to fit."""
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
        " return m ? m.scrollHeight : document.body.scrollHeight; }"
    )
    page.set_viewport_size({"width": 1440, "height": min(max(1000, int(height) + 40), 9000)})
    _settled(page)
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1440, "height": 1000})


def _drill_down(page) -> None:
    """Clicking the first row of the grouped table shows only its invoice lines."""
    grid = page.locator('[data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)  # the row's selection box
    page.get_by_text(t("explorer.drilled", "fr", what=""), exact=False).first.wait_for(
        timeout=60_000
    )
    _settled(page)
    _check(page, "explorer drill-down")
    _screenshot(page, SHOTS / "analyste-explorer-drill.png")


DEMO_ROLES = {
    "direction": "executive",
    "manager": "manager",
    "acheteur": "buyer",
    "analyste": "analyst",
    "admin": "admin",
    "facilitateur": "facilitator",
}


def _sign_in(page, username: str, password: str, lang: str) -> None:
    page.get_by_label(t("auth.username", lang), exact=True).fill(username)
    page.get_by_label(t("auth.password", lang), exact=True).fill(password)
    page.get_by_role("button", name=t("auth.submit", lang)).click()


def _heading(page, title: str) -> None:
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=60_000)
    _settled(page)


def _view(page, path: Path) -> None:
    """What the user sees on arrival (the window, not the whole page: the README shows it)."""
    _settled(page)
    page.screenshot(path=str(path))


def _cookie_gone(page, context) -> None:
    """The server deletes the session cookie (asr/sign_out) just after the sign-in form shows."""
    for _ in range(100):  # polls the browser's cookie jar (not a timing assertion)
        if not [c for c in context.cookies() if c["name"] == "asr_session"]:
            return
        page.wait_for_timeout(100)
    raise AssertionError("the session cookie is still there after sign-out")


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("username", list(DEMO_ROLES))
def test_each_demo_user_opens_each_page(server, demo, browser, username, lang):
    _, passwords = demo
    SHOTS.mkdir(parents=True, exist_ok=True)
    DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
    role = DEMO_ROLES[username]
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(server + ("/?lang=en" if lang == "en" else ""))
        _settled(page)
        _sign_in(page, username, passwords[username], lang)
        specs = nav.pages_for(role)
        _heading(page, t(specs[0].title_key, lang))
        nav_links = page.locator('[data-testid="stSidebarNav"] a')
        # The menu shows exactly the role's pages (Streamlit hides a menu of one page).
        assert nav_links.count() == (len(specs) if len(specs) > 1 else 0)
        for spec in specs:
            title = t(spec.title_key, lang)
            if len(specs) > 1:
                nav_bar = page.locator('[data-testid="stSidebarNav"]')
                nav_bar.get_by_role("link", name=title, exact=True).click()
            _heading(page, title)
            _check(page, f"{username} / {spec.page_id} / {lang}")
            _view(page, DOCS_SHOTS / f"{lang}-{role}-{spec.page_id}.png")
            if spec.page_id == "explorer" and username == "analyste" and lang == "fr":
                _screenshot(page, SHOTS / "analyste-explorer.png")
                _drill_down(page)
        # A reload keeps the user signed in, on the same page.
        page.reload()
        _heading(page, t(specs[-1].title_key, lang))
        assert page.get_by_label(t("auth.password", lang), exact=True).count() == 0
        # Signing out comes back to the sign-in form, and a reload does not sign back in.
        page.get_by_role("button", name=t("auth.sign_out", lang)).click()
        page.get_by_label(t("auth.password", lang), exact=True).wait_for(timeout=60_000)
        _cookie_gone(page, context)
        page.reload()
        _settled(page)
        page.get_by_label(t("auth.password", lang), exact=True).wait_for(timeout=60_000)
    finally:
        context.close()


def test_a_shared_link_opened_signed_out_leads_to_its_page_and_period(server, demo, browser):
    _, passwords = demo
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    try:
        page.goto(server + "/explorer?period=2025-Q2&lang=en")
        _settled(page)
        assert "Page not found" not in page.inner_text("body")
        page.get_by_label(t("auth.password", "en"), exact=True).wait_for(timeout=60_000)
        page.screenshot(path=str(SHOTS / "anonymous-explorer-link.png"))
        _sign_in(page, "analyste", passwords["analyste"], "en")
        _heading(page, t("page.explorer", "en"))
        assert "/explorer" in page.url and "period=2025-Q2" in page.url
        assert "Q2 2025" in page.inner_text("body")
        cookie = next(c for c in context.cookies() if c["name"] == "asr_session")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        assert cookie["value"] not in page.url
        assert passwords["analyste"] not in str(context.cookies())
        page.reload()
        _heading(page, t("page.explorer", "en"))
        assert "Q2 2025" in page.inner_text("body")
    finally:
        context.close()


def test_a_page_url_without_signing_in_shows_the_sign_in_form(server, browser):
    page = browser.new_page()
    try:
        page.goto(server + "/explorer")
        _settled(page)
        assert page.get_by_label(t("auth.password", "fr"), exact=True).count() == 1
        assert page.locator('[data-testid="stDataFrame"]').count() == 0
        page.screenshot(path=str(SHOTS / "anonymous-explorer-url.png"))
    finally:
        page.close()
