"""Build the demo organisation end to end through the product's own pipelines."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.demo.generator import DemoFiles, generate
from pipelines.settings import REFERENCE_DIR, Settings, load_settings

#: One demo account per role (DOMAIN.md section 9): username -> (role, person_id).
DEMO_USERS = {
    "direction": ("executive", "DG01"),
    "manager": ("manager", "DIR01"),
    "acheteur": ("buyer", "ACH002"),
    "analyste": ("analyst", "ANA01"),
    "admin": ("admin", "ADM01"),
}


@dataclass
class DemoResult:
    files: DemoFiles
    lines_loaded: int = 0
    passwords: dict[str, str] = field(default_factory=dict)


def _reset(settings: Settings) -> None:
    """The demo owns its ASR_HOME: start from empty warehouse and store files."""
    for name in ("warehouse.duckdb", "warehouse.duckdb.wal", "asr.sqlite"):
        (settings.home / name).unlink(missing_ok=True)
    if settings.database_url.startswith("sqlite:///"):
        Path(settings.database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    from pipelines.store.db import get_engine

    get_engine(settings).dispose()


def build_demo(
    *,
    lines: int = 200_000,
    seed: int = 42,
    settings: Settings | None = None,
    say: Callable[[str], None] = print,
    close_first_year: bool = True,
) -> DemoResult:
    """Generate files, then ingest, load directories, classify, load people, objectives, users."""
    from pipelines.classify import classify
    from pipelines.exclusions import add_exclusions
    from pipelines.ingest import ingest_files
    from pipelines.objectives import load_objectives, load_people
    from pipelines.reference import load_reference
    from pipelines.users import add_user
    from pipelines.wiring import ready

    settings = settings or load_settings()  # an entry point (asr demo, tests, benchmarks)
    settings.home.mkdir(parents=True, exist_ok=True)
    _reset(settings)
    folder = settings.home / "demo"
    shutil.rmtree(folder, ignore_errors=True)
    say(f"Génération de l'organisation de démonstration ({lines:,} lignes)…".replace(",", " "))
    files = generate(folder, lines=lines, seed=seed)
    result = DemoResult(files=files)
    ready(settings)  # the store was just reset: migrate it before loading

    assert files.people is not None
    say("Chargement des personnes et de l'organigramme…")
    load_people(files.people, settings=settings, actor="demo")
    say("Chargement des annuaires (Le marché de l'inclusion, EA/ESAT/TIH/ESS)…")
    load_reference([REFERENCE_DIR / "lemarche_siae_sample.csv"], "lemarche", settings=settings)
    assert files.reference_csv is not None
    load_reference([files.reference_csv], "csv", settings=settings)
    say("Chargement des grands livres d'achats…")
    for load in ingest_files(files.ledgers, settings=settings, quiet=True):
        result.lines_loaded += load.rows_loaded
        say(f"  {Path(load.file).name} : {load.rows_loaded} lignes chargées")
    add_exclusions(list(files.exclusions), settings=settings, actor="demo")
    say("Classification des fournisseurs…")
    classify(settings=settings)
    say("Chargement des objectifs…")
    assert files.objectives is not None
    load_objectives(files.objectives, settings=settings, actor="demo")
    for username, (role, person_id) in DEMO_USERS.items():
        result.passwords[username] = add_user(
            username, role, person_id=person_id, settings=settings, actor="demo"
        )
    if close_first_year:
        from pipelines.objectives import close_period

        say(f"Clôture de l'exercice {files.start.year}…")
        close_period(
            str(files.start.year), actor="admin", reason="Démo : exercice payé", settings=settings
        )
    return result
