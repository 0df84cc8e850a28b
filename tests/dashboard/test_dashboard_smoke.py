"""AppTest smoke test: every page of every role renders without an exception."""

from __future__ import annotations

from pathlib import Path

import dashboard_tiny_org as tiny
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import nav

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


def signed_in(username: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.text_input(key="username").input(username)
    at.text_input(key="password").input(tiny.PASSWORD)
    at.button[0].click()  # the form's submit button
    at.run()
    return at


def test_sign_in_page_is_all_a_stranger_sees(tiny_org):
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == "Achats socialement responsables"
    assert at.text_input(key="username") is not None


def test_wrong_password_is_refused(tiny_org):
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.text_input(key="username").input("direction")
    at.text_input(key="password").input("mauvais-mot-de-passe")
    at.button[0].click()
    at.run()
    assert "incorrect" in at.error[0].value
    assert "access" not in at.session_state


@pytest.mark.parametrize("username", sorted(tiny.USERS))
def test_every_page_of_every_role_renders(tiny_org, username):
    at = signed_in(username)
    assert not at.exception, at.exception
    role = tiny.USERS[username][0]
    for spec in nav.pages_for(role):
        at.switch_page(spec.path).run()
        assert not at.exception, (spec.page_id, at.exception)
        assert not at.error, (spec.page_id, [e.value for e in at.error])
