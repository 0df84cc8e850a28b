"""Pages that feel finished (issue 13): the Motif field is cleared after each decision and when
another supplier is picked; uploads live in a per-session folder removed after loading; the
overview's cumulative line stops at the last month with data; English pages carry no French."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from test_dashboard_pages import signed_in

from dashboard import uploads
from pipelines.store.audit import list_events
from pipelines.store.db import session_scope

SUPPLIERS = "pages/suppliers.py"


def test_the_motif_is_cleared_after_a_decision(tiny_org):
    at = signed_in("analyste")
    at.switch_page(SUPPLIERS).run()
    at.segmented_control(key="review_show").set_value("all").run()
    first = at.selectbox(key="review_supplier").value
    at.text_input(key="review_reason").input("Attestation reçue le 3 mars").run()
    at.button(key="review_reject").click().run()
    assert not at.exception, at.exception
    assert at.text_input(key="review_reason").value == ""
    with session_scope(tiny_org) as s:
        reasons = [e.reason for e in list_events(s, object_id=first)]
    assert reasons and reasons[-1] == "Attestation reçue le 3 mars"


def test_the_motif_is_cleared_when_another_supplier_is_picked(tiny_org):
    at = signed_in("analyste")
    at.switch_page(SUPPLIERS).run()
    at.segmented_control(key="review_show").set_value("all").run()
    options = at.selectbox(key="review_supplier").options
    assert len(options) >= 2
    at.text_input(key="review_reason").input("pour le premier").run()
    at.selectbox(key="review_supplier").select_index(1).run()
    assert at.text_input(key="review_reason").value == ""


# -- uploads: a folder per session, removed after loading ---------------------------------------
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "french_cp1252.csv"


def waiting_files(settings) -> list[Path]:
    root = settings.home / "uploads"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_two_sessions_uploading_the_same_name_do_not_share_a_file(tiny_org):
    first, second = signed_in("analyste"), signed_in("admin")
    for at, content in ((first, FIXTURE.read_bytes()), (second, b"autre;contenu\n1;2\n")):
        at.switch_page("pages/loads.py").run()
        at.file_uploader(key="upload_file").upload("achats.csv", content, "text/csv").run()
    files = waiting_files(tiny_org)
    assert len(files) == 2 and len({f.parent for f in files}) == 2
    assert {f.name for f in files} == {"achats.csv"}
    assert FIXTURE.read_bytes() in {f.read_bytes() for f in files}
    assert all(f.parent.name.startswith(uploads.PREFIX) for f in files)


def test_the_uploaded_file_is_removed_once_loaded(tiny_org):
    at = signed_in("analyste")
    at.switch_page("pages/loads.py").run()
    at.file_uploader(key="upload_file").upload("achats.csv", FIXTURE.read_bytes(), "text/csv")
    at.run()
    assert len(waiting_files(tiny_org)) == 1
    at.button(key="upload_load").click().run()
    assert not at.exception, at.exception
    assert at.success and waiting_files(tiny_org) == []
    assert [p for p in (tiny_org.home / "uploads").iterdir()] == []


def test_stale_uploads_are_removed(tmp_path):
    now = dt.datetime(2026, 3, 2, 12, 0, 0)
    old = uploads.new_session_folder(tmp_path)
    uploads.save(old, "vieux.csv", b"x")
    flat = uploads.uploads_root(tmp_path) / "ancien_partage.csv"  # the old shared layout
    flat.write_bytes(b"x")
    fresh = uploads.new_session_folder(tmp_path)
    stamp = (now - dt.timedelta(hours=9)).replace(tzinfo=dt.UTC).timestamp()
    for p in (old, flat):
        os.utime(p, (stamp, stamp))
    recent = (now - dt.timedelta(hours=1)).replace(tzinfo=dt.UTC).timestamp()
    os.utime(fresh, (recent, recent))
    removed = uploads.remove_stale(tmp_path, now=now, older_than=dt.timedelta(hours=8))
    assert removed == sorted([old, flat])
    assert fresh.exists() and not old.exists() and not flat.exists()


@pytest.mark.parametrize(
    ("name", "expected"),
    [("export achats.csv", "export_achats.csv"), ("../../etc/passwd", "passwd"), ("..", "fichier")],
)
def test_safe_name(name, expected):
    assert uploads.safe_name(name) == expected


# -- the overview's cumulative line ----------------------------------------------------------
def test_the_cumulative_line_stops_at_the_last_month_with_data():
    from decimal import Decimal

    from dashboard import charts

    months = [dt.date(2026, m, 1) for m in range(1, 13)]
    rows = [
        {
            "month_start": m,
            "insertion_spend_eur": Decimal(10) if m.month <= 3 else Decimal(0),
            "handicap_spend_eur": Decimal(5) if m.month <= 3 else Decimal(0),
            "cumulative_inclusive_eur": Decimal(15 * min(m.month, 3)),
        }
        for m in months
    ]
    fig = charts.monthly_spend(rows, "fr", last_month=dt.date(2026, 3, 1))
    bars = [d for d in fig.data if d.type == "bar"]
    line = next(d for d in fig.data if d.name == charts.t("chart.cumulative", "fr"))
    assert all(len(b.x) == 12 for b in bars)  # the months of the period are all there
    assert list(line.x) == months[:3] and list(line.y) == [15.0, 30.0, 45.0]
    whole = charts.monthly_spend(rows, "fr")  # no data range known: every month
    assert len(next(d for d in whole.data if d.name == line.name).x) == 12


# -- English pages carry no French -----------------------------------------------------------
FRENCH = ("trouvé", "Aucune correspondance", "valide du", "Entreprise adaptée", "à confirmer")


def test_the_english_suppliers_page_explains_in_english(tiny_org):
    at = signed_in("analyste", lang="en")
    at.switch_page(SUPPLIERS).run()
    at.segmented_control(key="review_show").set_value("all").run()
    shown = " ".join(d.value.to_string() for d in at.dataframe)
    shown += " ".join(c.value for c in at.caption)
    kinds = at.selectbox(key="review_kind")
    shown += " ".join(kinds.format_func(o) for o in kinds.options)
    assert not [w for w in FRENCH if w in shown], shown
    assert "Adapted enterprise (EA)" in shown


def test_the_french_suppliers_page_keeps_the_stored_explanation(tiny_org):
    at = signed_in("analyste")
    at.switch_page(SUPPLIERS).run()
    shown = " ".join(d.value.to_string() for d in at.dataframe)
    assert "trouvé" in shown or "Nom « " in shown


def test_the_objectives_grid_shows_labels_not_field_names(tiny_org):
    for lang, expected in (("fr", "Objectif"), ("en", "Objective")):
        at = signed_in("admin", lang=lang)
        at.switch_page("pages/objectives_admin.py").run()
        assert not at.exception, at.exception
        editor = next(d for d in at.dataframe if d.key == "objectives_editor")
        config = json.loads(editor.proto.columns)
        shown = {c: v.get("label") for c, v in config.items()}
        assert shown["objective_id"] == expected
        shown.pop("_index", None)  # the hidden index
        names = editor.value["owner_name"].tolist()
        assert "Paul Acheteur" in names or "Claire Directrice" in names, names
        assert not [c for c, label in shown.items() if not label or label == c], shown


def test_the_upload_box_is_in_french_in_french_mode(tiny_org):
    at = signed_in("analyste")
    at.switch_page("pages/loads.py").run()
    assert "Parcourir" in " ".join(c.value for c in at.caption)
    assert "Parcourir" in " ".join(str(h.proto) for h in at.get("html"))
    english = signed_in("analyste", lang="en")
    english.switch_page("pages/loads.py").run()
    assert not english.get("html")


def test_saving_the_grid_ignores_the_owners_name_column(tiny_org):
    from pipelines.objectives.definitions import export_rows

    before = export_rows(tiny_org)
    at = signed_in("admin")
    at.switch_page("pages/objectives_admin.py").run()
    at.button(key="objectives_save").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert export_rows(tiny_org) == before
