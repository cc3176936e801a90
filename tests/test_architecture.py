"""The one-way arrows between the project's packages (decision 0010), as import-linter contracts in .importlinter:

- nothing in `backend` imports `workers` (the backend enqueues by task name: backend/core/tasks.py);
- `search` imports neither Django nor the backend;
- the validity engine (backend/catalogue/validity.py) imports no Django;
- `backend.core` imports no app, and no app imports `backend.config`;
- no import cycle between the backend's rooms (its direct sub-packages);
- services and selectors import neither DRF nor any app's API layer (decision 0017).

Each contract is also shown to fail on a copy of the tree with one back-import added.

import-linter reads the source (imports inside functions and under TYPE_CHECKING count too). The run-time check
below also catches what a static graph cannot see: a package `__init__` that pulls Django in.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from importlinter import api

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / ".importlinter"
# The backend's rooms, read from the disk: a new app is held to the contracts below without anyone remembering to.
ROOMS = sorted(
    f"backend.{p.name}" for p in (ROOT / "backend").iterdir() if (p / "__init__.py").is_file() and p.name != "templates"
)
APPS = [room for room in ROOMS if room not in ("backend.core", "backend.config")]
# The apps with an HTTP layer (an api/ package, or an api.py until it becomes one).
API_APPS = [app for app in APPS if any((ROOT / app.replace(".", "/") / name).exists() for name in ("api", "api.py"))]
# Every app's writes and reads, found on the disk: a new app's services and selectors join the HTTP-free contract.
SERVICES_AND_SELECTORS = [
    f"{app}.{name}"
    for app in APPS
    for name in ("services", "selectors")
    if (ROOT / app.replace(".", "/") / f"{name}.py").exists()
]
FORBIDDEN = {
    "backend-never-imports-workers": ({"backend"}, {"workers"}),
    "search-is-standalone": ({"search"}, {"django", "backend", "workers"}),
    "legal-is-standalone": ({"legal"}, {"django", "backend", "search", "workers"}),
    "validity-engine-is-pure": ({"backend.catalogue.validity"}, {"django", "rest_framework"}),
    "core-imports-no-app": ({"backend.core"}, {*APPS, "backend.config", "workers"}),
    "apps-never-import-config": ({*APPS, "backend.core"}, {"backend.config"}),
    "services-and-selectors-speak-no-http": (
        {*SERVICES_AND_SELECTORS, "backend.catalogue.filters", "backend.catalogue.lookup"},
        {"rest_framework", *(f"{app}.api" for app in API_APPS)},
    ),
}


def test_the_contracts_are_the_ones_the_architecture_promises() -> None:
    """Deleting or weakening a contract in .importlinter, or adding an app it does not name, fails here."""
    contracts = api.read_configuration(str(CONFIG))["contracts_options"]
    forbidden = {
        c["id"]: (_as_set(c["source_modules"]), set(c["forbidden_modules"]))
        for c in contracts
        if c["type"] == "forbidden"
    }
    assert forbidden == FORBIDDEN
    (acyclic,) = (c for c in contracts if c["type"] == "acyclic_siblings")
    assert (acyclic["id"], acyclic["ancestors"], acyclic["depth"]) == ("no-cycles-between-rooms", ["backend"], "1")


def _as_set(modules: str | list[str]) -> set[str]:
    return {modules} if isinstance(modules, str) else set(modules)


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


# One back-import per contract, each the kind of line a hurried change would add.
BACK_IMPORTS = {
    "backend-never-imports-workers": ("backend/catalogue/selectors.py", "import workers.tasks"),
    "search-is-standalone": ("search/analysis.py", "import django.db"),
    "legal-is-standalone": ("legal/numbers.py", "import backend.core.errors"),
    "validity-engine-is-pure": ("backend/catalogue/validity.py", "from django.utils import timezone"),
    "core-imports-no-app": ("backend/core/errors.py", "from backend.catalogue import models"),
    "apps-never-import-config": ("backend/reviews/services.py", "from backend.config import settings"),
    "no-cycles-between-rooms": ("backend/accounts/roles.py", "from backend.reviews import models"),
    "services-and-selectors-speak-no-http": ("backend/catalogue/services.py", "from rest_framework import serializers"),
}


def test_each_contract_fails_on_a_back_import(tmp_path: Path) -> None:
    """The contracts are not decoration: a copy of the tree with one back-import added breaks exactly that contract."""
    assert set(BACK_IMPORTS) == {c["id"] for c in api.read_configuration(str(CONFIG))["contracts_options"]}
    for package in ("backend", "legal", "search", "workers"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__", "*.json"))
    shutil.copy(CONFIG, tmp_path / ".importlinter")
    lint = Path(sys.executable).with_name("lint-imports")
    for contract, (path, line) in BACK_IMPORTS.items():
        source = tmp_path / path
        original = source.read_text()
        source.write_text(original + "\n" + line + "\n")
        try:
            run = subprocess.run(
                [str(lint), "--no-cache", "--no-logo", "--contract", contract],
                cwd=tmp_path,
                capture_output=True,
                text=True,
                timeout=120,
            )
        finally:
            source.write_text(original)
        assert run.returncode == 1 and "1 broken" in run.stdout, (contract, run.stdout + run.stderr)
