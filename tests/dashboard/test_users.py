"""pipelines.users: argon2 hashing, roles, disable, audit."""

from __future__ import annotations

import pytest

from pipelines.errors import UserError
from pipelines.store.audit import list_events
from pipelines.store.db import session_scope
from pipelines.store.models import User
from pipelines.users import add_user, authenticate, disable, list_users, set_password, set_role


def test_add_user_generates_a_password_and_stores_only_an_argon2_hash(settings):
    password = add_user("claire", "executive", settings=settings, actor="admin")
    assert len(password) >= 12
    with session_scope(settings) as s:
        user = s.get(User, "claire")
        assert user.password_hash.startswith("$argon2")
        assert password not in user.password_hash
    assert authenticate("claire", password, settings).role == "executive"


@pytest.mark.parametrize(
    "username, password, expected",
    [
        ("bob", "correct-horse", True),
        ("bob", "wrong-horse", False),
        ("nobody", "correct-horse", False),
        ("bob", "", False),
        (" bob ", "correct-horse", True),
    ],
)
def test_authenticate(settings, username, password, expected):
    add_user("bob", "buyer", password="correct-horse", settings=settings)
    assert (authenticate(username, password, settings) is not None) is expected


def test_disabled_user_cannot_sign_in_and_every_change_is_audited(settings):
    add_user("bob", "buyer", password="correct-horse", settings=settings, actor="adm")
    set_role("bob", "analyst", settings=settings, actor="adm")
    disable("bob", settings=settings, actor="adm")
    assert authenticate("bob", "correct-horse", settings) is None
    with session_scope(settings) as s:
        events = list_events(s)
    assert [e.action for e in events] == ["user.add", "user.set_role", "user.disable"]
    assert events[1].before["role"] == "buyer" and events[1].after["role"] == "analyst"
    assert events[2].after["is_active"] is False
    assert all(e.actor == "adm" for e in events)
    assert all("password" not in str(e.after) for e in events)
    from pipelines.store.verify import verify_store

    assert verify_store(settings).events == 3 and verify_store(settings).ok
    assert [u.username for u in list_users(settings)] == ["bob"]


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda s: add_user("x", "boss", settings=s), "Rôle « boss » inconnu"),
        (lambda s: add_user("x", "buyer", password="short", settings=s), "trop court"),
        (lambda s: add_user("", "buyer", settings=s), "vide"),
        (lambda s: add_user("x", "buyer", person_id="P404", settings=s), "P404"),
        (lambda s: set_role("ghost", "buyer", settings=s), "ghost"),
        (lambda s: disable("ghost", settings=s), "ghost"),
    ],
)
def test_user_mistakes_are_named(settings, call, message):
    with pytest.raises(UserError) as err:
        call(settings)
    assert message in err.value.fr


def test_duplicate_user_is_refused(settings):
    add_user("bob", "buyer", settings=settings)
    with pytest.raises(UserError, match="existe déjà"):
        add_user("bob", "admin", settings=settings)


def test_set_password_replaces_the_old_one_and_is_audited(settings):
    old = add_user("reset-me", "analyst", settings=settings, actor="admin")
    new = set_password("reset-me", settings=settings, actor="admin")
    assert new != old
    assert authenticate("reset-me", old, settings) is None
    assert authenticate("reset-me", new, settings) is not None
    chosen = set_password("reset-me", "a-long-passphrase", settings=settings, actor="admin")
    assert chosen == "a-long-passphrase"
    with pytest.raises(UserError, match="court"):
        set_password("reset-me", "short", settings=settings)
    with session_scope(settings) as session:
        actions = [e.action for e in list_events(session) if e.object_id == "reset-me"]
        assert actions == ["user.add", "user.set_password", "user.set_password"]
        assert all("password" not in str(e.after) for e in list_events(session))


def test_the_last_active_admin_can_be_neither_disabled_nor_demoted(settings):
    add_user("root", "admin", settings=settings)
    add_user("bob", "buyer", settings=settings)
    with pytest.raises(UserError, match="dernier administrateur"):
        disable("root", settings=settings)
    with pytest.raises(UserError, match="dernier administrateur"):
        set_role("root", "analyst", settings=settings)
    with session_scope(settings) as s:
        assert s.get(User, "root").is_active and s.get(User, "root").role == "admin"
        assert [e.action for e in list_events(s)] == ["user.add", "user.add"]
    add_user("root2", "admin", settings=settings)
    disable("root", settings=settings)
    with pytest.raises(UserError, match="dernier administrateur"):
        set_role("root2", "buyer", settings=settings)


def test_the_first_user_bootstrap_is_refused_once_there_are_users(settings):
    add_user("first", "admin", settings=settings, only_if_first=True)
    with pytest.raises(UserError, match="déjà des utilisateurs"):
        add_user("second", "admin", settings=settings, only_if_first=True)
    assert [u.username for u in list_users(settings)] == ["first"]
