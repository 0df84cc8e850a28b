"""AppTest per page and role: what appears, and what must not."""

from __future__ import annotations

from pathlib import Path

import dashboard_tiny_org as tiny
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import formatting as fmt
from dashboard.i18n import t

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


def signed_in(username: str, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.text_input(key="username").input(username)
    at.text_input(key="password").input(tiny.PASSWORD)
    at.button[0].click()
    at.run()
    assert not at.exception, at.exception
    return at


def table(at: AppTest, column: str):
    """The first dataframe with ``column`` (AppTest does not expose dataframe keys)."""
    for d in at.dataframe:
        if column in d.value.columns:
            return d.value
    raise AssertionError(f"no table with column {column!r}")


def texts(at: AppTest) -> str:
    """Everything rendered as text, tables included."""
    parts = [
        e.value
        for kind in (
            "title",
            "subheader",
            "caption",
            "markdown",
            "info",
            "warning",
            "error",
            "success",
        )
        for e in getattr(at, kind)
    ]
    parts += [f"{m.label} {m.value} {m.delta}" for m in at.metric]
    parts += [d.value.to_string() for d in at.dataframe]
    parts += [str(s.options) for s in at.selectbox]
    return "\n".join(str(p) for p in parts)


def test_buyer_sees_own_objective_and_nothing_of_other_buyers(tiny_org):
    at = signed_in("acheteur")
    assert at.title[0].value == "Mes objectifs"
    page = texts(at)
    assert "OBJ-B1" in page and "Paul Acheteur" in page
    for other in ("OBJ-B2", "OBJ-B3", "OBJ-M1", "OBJ-G", "ACH002", "ACH003", "Léa", "Omar"):
        assert other not in page, other
    assert not any(s.key == "objective_owner" for s in at.selectbox)  # no owner picker
    # The invoices that count are the buyer's: the ESAT (to confirm) and the EA lines.
    invoices = table(at, "Facture").to_string()
    assert "ATELIER ADAPTE" in invoices and "INSERTION PLUS" not in invoices
    assert "ESAT BUREAUTIQUE" in table(at, "Montant couvrable").to_string()


@pytest.mark.parametrize(
    "page",
    [
        "pages/explorer.py",
        "pages/overview.py",
        "pages/suppliers.py",
        "pages/loads.py",
        "pages/objectives_admin.py",
    ],
)
def test_buyer_cannot_open_other_pages(tiny_org, page):
    at = signed_in("acheteur")
    at.switch_page(page).run()
    assert not at.exception
    assert [t.value for t in at.title] in (["Mes objectifs"], [])
    assert "OBJ-B2" not in texts(at)


def test_manager_sees_the_team_only(tiny_org):
    at = signed_in("manager")
    assert at.title[0].value == "Vue d'ensemble"
    overview = texts(at)
    assert list(table(at, "Entité")["Entité"]) == ["ALPHA"]
    assert "3 501 €" in overview.replace("\u00a0", " ")  # 3 500,50 € of the ALPHA team
    at.switch_page("pages/my_objectives.py").run()
    owners = at.selectbox(key="objective_owner").options
    assert set(owners) == {
        "Marc Manager (DIR01)",
        "Paul Acheteur (ACH001)",
        "Léa Acheteuse (ACH002)",
    }
    assert "OBJ-B3" not in texts(at) and "OBJ-G" not in texts(at)


def test_executive_overview_figures_and_period_in_the_url(tiny_org):
    at = signed_in("direction", period="2025-Q1")
    assert not at.exception
    page = texts(at).replace("\u00a0", " ")
    assert "T1 2025" in page
    tiles = {m.label: m.value.replace("\u00a0", " ") for m in at.metric}
    assert tiles["Achats inclusifs"] == "7 501 €"  # Jan-Mar 2025: 1 500,50 + 2 000 + 4 000
    assert at.query_params["period"] == "2025-Q1"
    # Switching to a month keeps the choice in the URL.
    at.segmented_control(key="pp_granularity").set_value("month").run()
    at.selectbox(key="pp_month").set_value(2).run()
    assert at.query_params["period"] == "2025-02"
    tiles = {m.label: m.value.replace("\u00a0", " ") for m in at.metric}
    assert tiles["Achats inclusifs"] == "2 000 €"


def test_english_switch(tiny_org):
    at = signed_in("direction", lang="en")
    assert at.title[0].value == "Overview"
    assert any(m.label == "Inclusive spend" for m in at.metric)


def test_explorer_groups_filters_and_pages(tiny_org):
    at = signed_in("analyste")
    at.switch_page("pages/explorer.py").run()
    assert not at.exception
    grouped = table(at, "Lignes")
    assert list(grouped["Entité"]) == ["ALPHA", "BETA"]  # largest spend first
    at.selectbox(key="g_dim2").set_value("kind").run()
    assert len(table(at, "Lignes")) > 2
    at.text_input(key="f_search").input("ATELIER").run()
    lines = table(at, "Facture")
    assert set(lines["Fournisseur"]) == {"ATELIER ADAPTE"}
    assert any(d.key == "dl_lines_xlsx" for d in at.get("download_button"))


def test_review_queue_lists_the_probable_supplier(tiny_org):
    at = signed_in("analyste")
    at.switch_page("pages/suppliers.py").run()
    assert not at.exception
    assert "ESAT DES LILAS" in table(at, "Montant à revoir").to_string()


def test_loads_page_shows_history_and_quarantine(tiny_org):
    at = signed_in("analyste")
    at.switch_page("pages/loads.py").run()
    assert not at.exception
    assert "grand_livre_2025.csv" in table(at, "Chargées").to_string()
    assert "montant illisible" in table(at, "Motif").to_string()


def test_admin_sees_objectives_editor_and_closing(tiny_org):
    at = signed_in("admin")
    at.switch_page("pages/objectives_admin.py").run()
    assert not at.exception
    assert at.button(key="close_period") is not None
    at.text_input(key="curve_text").input("0.9:0.5 0.8:1").run()
    assert "Courbe illisible" in at.error[0].value


def test_upload_dry_run_then_load(tiny_org):
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "french_cp1252.csv"
    at = signed_in("analyste")
    at.switch_page("pages/loads.py").run()
    at.file_uploader(key="upload_file").upload(
        "export achats.csv", fixture.read_bytes(), "text/csv"
    ).run()
    assert not at.exception, at.exception
    preview = [m.value for m in at.markdown if "Essai à blanc" in m.value]
    assert preview, [m.value for m in at.markdown]
    assert "Colonne du fichier" in table(at, "Devient").columns
    before = len(table(at, "Chargées"))
    at.button(key="upload_load").click().run()
    assert not at.exception, at.exception
    assert "chargé" in at.success[0].value
    assert len(table(at, "Chargées")) == before + 1
    assert "export_achats.csv" in table(at, "Chargées").to_string()


def test_oidc_button_appears_when_configured_in_secrets(tiny_org):
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "asr",
        "client_secret": "secret",
        "server_metadata_url": "https://idp.example.org/.well-known/openid-configuration",
    }
    at.run()
    assert not at.exception
    assert at.button(key="oidc_login").label == "Se connecter avec le compte de l'organisation"


def test_no_oidc_button_without_secrets(tiny_org):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not any(b.key == "oidc_login" for b in at.button)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_admin_page_in_both_languages(tiny_org, lang):
    from dashboard import nav

    at = signed_in("admin", lang=lang)
    for spec in nav.pages_for("admin"):
        at.switch_page(spec.path).run()
        assert not at.exception, (spec.page_id, at.exception)
        assert not at.error, (spec.page_id, [e.value for e in at.error])
        assert at.title[0].value == t(spec.title_key, lang)


SECRETS = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "asr",
    "client_secret": "secret",
    "server_metadata_url": "https://idp.example.org/.well-known/openid-configuration",
}


@pytest.mark.parametrize(
    "email, title",
    [
        ("claire@acme.fr", "Vue d'ensemble"),
        ("paul@acme.fr", "Mes objectifs"),
        ("inconnu@acme.fr", "Achats socialement responsables"),
    ],
)
def test_oidc_identity_maps_to_a_store_user(tiny_org, email, title):
    from pipelines.users import add_user

    add_user("claire@acme.fr", "executive", person_id="DG01", settings=tiny_org)
    add_user("paul@acme.fr", "buyer", person_id="ACH001", settings=tiny_org)
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = SECRETS
    at.user = {"is_logged_in": True, "email": email, "name": "Test"}
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == title
    if title.startswith("Achats"):  # an unknown identity is told why, and sees no data
        assert fmt.md("inconnu@acme.fr") in at.error[0].value  # shown as text, not a link
        assert "access" not in at.session_state


def _tamper_with_the_audit_log(settings) -> None:
    """A user.add event's role rewritten by hand (the update trigger dropped first)."""
    from tests.store.tamper import drop_triggers, run_sql

    drop_triggers(settings, "audit_log")
    run_sql(settings, "update audit_log set actor = 'mallory' where event_id = 1")


@pytest.mark.parametrize(
    ("username", "tampered", "banner"),
    [
        ("admin", False, False),
        ("admin", True, True),
        ("direction", True, True),
        ("analyste", True, False),
        ("acheteur", True, False),
    ],
)
def test_failed_verification_banner_for_admins_and_executives(
    tiny_org, username: str, tampered: bool, banner: bool
):
    if tampered:
        _tamper_with_the_audit_log(tiny_org)
    at = signed_in(username)
    shown = [e.value for e in at.error if "Registre d'audit altéré" in e.value]
    assert bool(shown) == banner
    if banner:
        assert "Événement 1" in shown[0]


def test_buyer_suggestions_show_the_category_once_and_what_each_covers(tiny_org):
    """Mes objectifs, « Fournisseurs inclusifs à solliciter »: the buyer's own ordinary spend by
    category once, then each supplier with the part of the gap to the next level it covers."""
    at = signed_in("acheteur")
    at.switch_page("pages/my_objectives.py").run()
    assert not at.exception, at.exception
    categories = table(at, "Achats ordinaires")
    assert len(categories) == len(set(categories["Catégorie"]))
    ideas = table(at, "Montant couvrable")
    assert list(ideas["Fournisseur"]) == ["ESAT BUREAUTIQUE"]
    assert list(
        ideas["Montant couvrable"].str.replace("\u202f", " ").str.replace("\u00a0", " ")
    ) == [
        "900 €"  # 899,50 to the threshold of OBJ-B1
    ]
    assert "Effet sur le versement" in ideas.columns
    assert "Achats ordinaires comparables" not in texts(at)
