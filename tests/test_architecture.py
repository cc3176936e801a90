"""The one-way arrows between the project's packages (decision 0010), as import-linter contracts in .importlinter:

- nothing in `backend` imports `workers` (the backend enqueues by task name: backend/core/tasks.py);
- `search` imports neither Django nor the backend;
- the validity engine (backend/catalogue/validity.py) imports no Django;
- `backend.core` imports no app.

import-linter reads the source (imports inside functions and under TYPE_CHECKING count too). The run-time check
below also catches what a static graph cannot see: a package `__init__` that pulls Django in.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from importlinter import api

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / ".importlinter"
CONTRACTS = {
    "backend-never-imports-workers": ("backend", {"workers"}),
    "search-is-standalone": ("search", {"django", "backend", "workers"}),
    "legal-is-standalone": ("legal", {"django", "backend", "search", "workers"}),
    "validity-engine-is-pure": ("backend.catalogue.validity", {"django", "rest_framework"}),
    "core-imports-no-app": (
        "backend.core",
        {
            "backend.accounts",
            "backend.announcements",
            "backend.audit",
            "backend.catalogue",
            "backend.config",
            "backend.outbox",
            "backend.reviews",
            "backend.searching",
            "workers",
        },
    ),
}


def test_the_contracts_are_the_ones_the_architecture_promises() -> None:
    """Deleting or weakening a contract in .importlinter fails here, not silently."""
    found = {
        c["id"]: (_one(c["source_modules"]), set(c["forbidden_modules"]))
        for c in api.read_configuration(str(CONFIG))["contracts_options"]
    }
    assert found == CONTRACTS


def _one(sources: str | list[str]) -> str:
    return sources if isinstance(sources, str) else "|".join(sources)


def test_the_import_contracts_are_kept() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run(
        [str(lint), "--no-cache", "--no-logo", str(CONFIG)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stdout + run.stderr


PURE = """
import importlib, pkgutil, sys
import backend.catalogue.validity
import legal
import search
for package in (legal, search):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
print(sorted({name.split(".")[0] for name in sys.modules} & {"django", "rest_framework", "workers"}))
print(sorted(name for name in sys.modules if name.startswith("backend.") and name != "backend.catalogue.validity"
             and name != "backend.catalogue"))
"""


def test_search_legal_and_the_validity_engine_load_without_django_at_run_time() -> None:
    run = subprocess.run([sys.executable, "-c", PURE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n")[:2] == ["[]", "[]"], run.stdout
