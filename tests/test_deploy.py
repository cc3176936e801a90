"""The deployment files agree with the code: docker-compose.yml, Dockerfile, .dockerignore and the README.

None of this needs a Docker engine. `docker compose config` is run only where the docker CLI has the compose
plugin; everything else reads the files (PyYAML for the compose file, a small parser for the Dockerfile).
"""

from __future__ import annotations

import fnmatch
import importlib
import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
README = ROOT / "README.md"
SETTINGS = ROOT / "backend" / "config" / "settings.py"
ENV_MODULE = ROOT / "backend" / "config" / "env.py"

APP_SERVICES = ("web", "worker", "beat")
BACKING_SERVICES = ("db", "redis", "elasticsearch")
REQUIRED_APP_ENV = ("DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "SECRET_KEY")
# The probe each backing service's healthcheck must use.
HEALTH_PROBES = {"db": "pg_isready", "redis": "redis-cli", "elasticsearch": "_cluster/health"}
# module.path:attribute, e.g. backend.config.wsgi:application (not 0.0.0.0:8000).
WSGI_TARGET = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*:[A-Za-z_]\w*$")


# --- helpers ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    assert COMPOSE_FILE.is_file(), "docker-compose.yml is missing"
    data = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("services"), dict), "no services: mapping"
    return data


def _service(compose: dict[str, Any], name: str) -> dict[str, Any]:
    service = compose["services"].get(name)
    assert isinstance(service, dict), f"service {name!r} is missing from docker-compose.yml"
    return service


def _environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):  # the "- NAME=value" form
        return dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {str(key): "" if value is None else str(value) for key, value in env.items()}


def _tokens(command: Any) -> list[str]:
    """A command (string or list, possibly `sh -c "…"`) as one flat list of shell words."""
    if command is None:
        return []
    if isinstance(command, str):
        return shlex.split(command)
    words: list[str] = []
    for item in command:
        words.extend(shlex.split(item) if any(c.isspace() for c in item) else [item])
    return words


def _option(tokens: list[str], *names: str) -> str | None:
    """The value of a command-line option given as `-Q x`, `-Qx`, `--queues x` or `--queues=x`."""
    for i, token in enumerate(tokens):
        for name in names:
            if token == name and i + 1 < len(tokens):
                return tokens[i + 1]
            if name.startswith("--") and token.startswith(name + "="):
                return token.split("=", 1)[1]
            if not name.startswith("--") and token.startswith(name) and len(token) > len(name):
                return token[len(name) :]
    return None


def _celery_invocation(tokens: list[str]) -> tuple[str | None, list[str]]:
    """(the -A/--app value, the words after `celery`) for a `celery …` command."""
    assert "celery" in tokens, f"not a celery command: {tokens}"
    rest = tokens[tokens.index("celery") + 1 :]
    return _option(rest, "-A", "--app"), rest


def _wsgi_target(tokens: list[str]) -> str:
    assert "gunicorn" in tokens, f"no gunicorn in {tokens}"
    after = tokens[tokens.index("gunicorn") + 1 :]
    targets = [token for token in after if WSGI_TARGET.match(token)]
    assert targets, f"no module:attribute WSGI target after gunicorn in {tokens}"
    return targets[0]


def _dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with line continuations joined and comments dropped."""
    assert DOCKERFILE.is_file(), "Dockerfile is missing"
    instructions: list[tuple[str, str]] = []
    current = ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        keyword, _, rest = (current + line).strip().partition(" ")
        instructions.append((keyword.upper(), rest.strip()))
        current = ""
    assert not current, "Dockerfile ends inside a line continuation"
    return instructions


def _dockerfile_words(arguments: str) -> list[str]:
    return json.loads(arguments) if arguments.startswith("[") else shlex.split(arguments)


def _dockerignore_patterns() -> list[str]:
    if not DOCKERIGNORE.is_file():
        return []
    lines = (line.strip() for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith(("#", "!"))]


def _ignored(path: str, patterns: list[str]) -> str | None:
    path = path.strip("/").removeprefix("./")
    for pattern in patterns:
        bare = pattern.strip("/").removeprefix("./")
        if path == bare or fnmatch.fnmatch(path, bare) or fnmatch.fnmatch(path, bare.removeprefix("**/")):
            return pattern
    return None


# --- docker-compose.yml ----------------------------------------------------------------------------------------


def test_all_services_are_defined(compose: dict[str, Any]) -> None:
    missing = set(APP_SERVICES + BACKING_SERVICES) - set(compose["services"])
    assert not missing, f"docker-compose.yml lacks services: {sorted(missing)}"


def test_app_services_run_the_image_built_from_the_repo(compose: dict[str, Any]) -> None:
    def context(service: dict[str, Any]) -> str | None:
        build = service.get("build")
        raw = build.get("context", ".") if isinstance(build, dict) else build
        return None if raw is None else (str(raw).rstrip("/") or ".").removeprefix("./") or "."

    built_here = {
        service.get("image")
        for service in compose["services"].values()
        if context(service) == "." and service.get("image")
    }
    for name in APP_SERVICES:
        service = _service(compose, name)
        assert context(service) == "." or service.get("image") in built_here, (
            f"{name} neither builds from '.' nor uses the image built from '.'"
        )


def test_web_waits_for_healthy_backing_services(compose: dict[str, Any]) -> None:
    depends = _service(compose, "web").get("depends_on")
    assert isinstance(depends, dict), "web.depends_on must be a mapping with conditions, not a list"
    for name in BACKING_SERVICES:
        assert name in depends, f"web does not depend on {name}"
        assert (depends[name] or {}).get("condition") == "service_healthy", (
            f"web must wait for {name} with condition: service_healthy"
        )


@pytest.mark.parametrize("name", BACKING_SERVICES)
def test_backing_service_has_a_healthcheck(compose: dict[str, Any], name: str) -> None:
    healthcheck = _service(compose, name).get("healthcheck") or {}
    assert not healthcheck.get("disable"), f"{name}'s healthcheck is disabled"
    test = healthcheck.get("test")
    assert test, f"{name} has no healthcheck (service_healthy would never be reached)"
    probe = " ".join(test) if isinstance(test, list) else str(test)
    assert HEALTH_PROBES[name] in probe, f"{name}'s healthcheck should use {HEALTH_PROBES[name]}: {probe}"


def test_web_healthcheck_asks_healthz(compose: dict[str, Any]) -> None:
    test = (_service(compose, "web").get("healthcheck") or {}).get("test")
    assert test and "/healthz" in (" ".join(test) if isinstance(test, list) else str(test))


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_service_environment(compose: dict[str, Any], name: str) -> None:
    env = _environment(_service(compose, name))
    missing = [key for key in REQUIRED_APP_ENV if not env.get(key)]
    assert not missing, f"{name} lacks environment variables: {missing}"
    # The key must come from the operator, never from the file: ${SECRET_KEY:?…} stops compose when it is unset.
    assert env["SECRET_KEY"].startswith("${SECRET_KEY:?"), "SECRET_KEY must be ${SECRET_KEY:?message}"


def test_urls_point_at_the_compose_services(compose: dict[str, Any]) -> None:
    env = _environment(_service(compose, "web"))
    db_env = _environment(_service(compose, "db"))
    database = urlsplit(env["DATABASE_URL"])
    assert database.scheme in ("postgres", "postgresql", "postgis")
    assert database.hostname == "db"
    assert (database.port or 5432) == 5432
    assert database.username == db_env.get("POSTGRES_USER"), "DATABASE_URL user != db's POSTGRES_USER"
    assert database.password == db_env.get("POSTGRES_PASSWORD"), "DATABASE_URL password != db's POSTGRES_PASSWORD"
    assert database.path.lstrip("/") == db_env.get("POSTGRES_DB", db_env.get("POSTGRES_USER")), (
        "DATABASE_URL database != db's POSTGRES_DB"
    )
    assert urlsplit(env["REDIS_URL"]).hostname == "redis"
    assert urlsplit(env["ELASTICSEARCH_URL"]).hostname == "elasticsearch"


def test_worker_consumes_every_declared_queue(compose: dict[str, Any]) -> None:
    from workers.celery import app as celery_app
    from workers.schedules import BEAT_SCHEDULE

    declared = {queue.name for queue in celery_app.conf.task_queues}
    assert declared, "workers/celery.py declares no task_queues"
    app_name, rest = _celery_invocation(_tokens(_service(compose, "worker").get("command")))
    assert app_name == "workers" and "worker" in rest, f"worker must run `celery -A workers worker`: {rest}"
    queues_option = _option(rest, "-Q", "--queues")
    assert queues_option, "worker command names no queues (-Q)"
    consumed = {queue.strip() for queue in queues_option.split(",") if queue.strip()}
    assert consumed == declared, f"worker consumes {sorted(consumed)}, workers/celery.py declares {sorted(declared)}"
    scheduled = {
        entry.get("options", {}).get("queue", celery_app.conf.task_default_queue) for entry in BEAT_SCHEDULE.values()
    }
    assert scheduled <= consumed, f"beat sends to queues no worker consumes: {sorted(scheduled - consumed)}"


def test_beat_runs_the_workers_schedule_from_the_data_volume(compose: dict[str, Any]) -> None:
    beat = _service(compose, "beat")
    app_name, rest = _celery_invocation(_tokens(beat.get("command")))
    assert app_name == "workers" and "beat" in rest, f"beat must run `celery -A workers beat`: {rest}"
    schedule = _option(rest, "-s", "--schedule")
    assert schedule and schedule.startswith("/data/"), "beat's schedule file (-s) belongs in /data"
    mounts = [str(volume).split(":")[1] for volume in beat.get("volumes", []) if ":" in str(volume)]
    assert "/data" in mounts, "beat keeps its schedule in /data, so /data must be a volume"


def test_named_volumes_are_declared(compose: dict[str, Any]) -> None:
    declared = set(compose.get("volumes") or {})
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume.get("source") if isinstance(volume, dict) else str(volume).split(":")[0]
            if source and not source.startswith((".", "/", "~", "$")):
                assert source in declared, f"{name} mounts volume {source!r}, not declared under volumes:"


@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")  # WhiteNoise: no collectstatic in tests
def test_web_command_serves_an_importable_wsgi_application(compose: dict[str, Any]) -> None:
    from django.conf import settings

    target = _wsgi_target(_tokens(_service(compose, "web").get("command")))
    module_name, attribute = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        pytest.fail(f"web serves {target}, but {module_name} does not import: {exc}")
    assert callable(getattr(module, attribute, None)), f"{target} is not a WSGI callable"
    assert f"{module_name}.{attribute}" == settings.WSGI_APPLICATION, (
        f"web serves {target}, settings.WSGI_APPLICATION is {settings.WSGI_APPLICATION}"
    )


def _docker_compose_available() -> str:
    docker = shutil.which("docker")
    if docker is None:
        pytest.skip("no docker CLI on this machine; `docker compose config` not run")
    probe = subprocess.run([docker, "compose", "version"], capture_output=True, text=True, timeout=30, check=False)
    if probe.returncode != 0:
        reason = (probe.stderr or probe.stdout).strip().splitlines()
        pytest.skip(f"docker CLI present but the compose plugin is missing ({reason[0] if reason else 'no output'})")
    return docker


def test_docker_compose_config_accepts_the_file() -> None:
    docker = _docker_compose_available()
    env = {key: value for key, value in os.environ.items() if not key.startswith("COMPOSE_")}
    command = [docker, "compose", "--project-directory", str(ROOT), "-f", str(COMPOSE_FILE), "config", "--quiet"]
    accepted = subprocess.run(
        command, env={**env, "SECRET_KEY": "test-only"}, capture_output=True, text=True, timeout=60, check=False
    )
    assert accepted.returncode == 0, accepted.stderr
    if not (ROOT / ".env").exists() and "SECRET_KEY" not in env:
        refused = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=False)
        assert refused.returncode != 0 and "SECRET_KEY" in refused.stderr, "compose must refuse to run without a key"


# --- Dockerfile and .dockerignore -------------------------------------------------------------------------------


def test_dockerfile_base_install_and_data_dir() -> None:
    instructions = _dockerfile()
    froms = [args for keyword, args in instructions if keyword == "FROM"]
    assert froms and froms[-1].split()[0].startswith("python:3.11-slim"), (
        f"final stage is not python:3.11-slim: {froms}"
    )
    runs = " ".join(args for keyword, args in instructions if keyword == "RUN")
    assert re.search(r"pip install (?:[^&;]*\s)?\.(?:\s|$)", runs), "the project is not installed with `pip install .`"
    assert not re.search(r"pip install[^&;]*\s(?:-e|--editable)\b", runs), "an editable install needs the source tree"
    assert "collectstatic" in runs, "static files are not collected at build time"
    envs = " ".join(args for keyword, args in instructions if keyword == "ENV")
    assert re.search(r"\bHIEULUC_DATA_DIR[= ]/data\b", envs), "HIEULUC_DATA_DIR is not /data"
    healthchecks = [args for keyword, args in instructions if keyword == "HEALTHCHECK"]
    assert healthchecks and "/healthz" in healthchecks[-1] and "urllib" in healthchecks[-1]


def test_dockerfile_serves_the_same_wsgi_application_as_compose(compose: dict[str, Any]) -> None:
    words: list[str] = []
    for keyword, args in _dockerfile():
        if keyword in ("CMD", "ENTRYPOINT"):
            words.extend(_dockerfile_words(args))
    web_target = _wsgi_target(_tokens(_service(compose, "web").get("command")))
    assert _wsgi_target(words) == web_target, f"the image serves {_wsgi_target(words)}, compose's web {web_target}"


def test_dockerfile_runs_as_a_non_root_user() -> None:
    users = [args for keyword, args in _dockerfile() if keyword == "USER"]
    assert users, "the Dockerfile never sets USER, so the container runs as root"
    user = users[-1].split(":")[0].strip()
    assert user not in ("root", "0"), f"the final USER is {users[-1]!r}"


def test_dockerfile_copies_only_files_in_the_repo_and_the_build_context() -> None:
    patterns = _dockerignore_patterns()
    copied = 0
    for keyword, args in _dockerfile():
        if keyword not in ("COPY", "ADD"):
            continue
        words = _dockerfile_words(args)
        if any(word.startswith("--from") for word in words):
            continue  # from another stage, not from the repo
        sources = [word for word in words if not word.startswith("--")][:-1]
        for source in sources:
            matches = list(ROOT.glob(source)) if any(c in source for c in "*?[") else [ROOT / source]
            assert matches and all(path.exists() for path in matches), f"{keyword} {source}: not in the repo"
            for path in matches:
                if path.is_dir():  # git keeps no empty folders: an empty one is absent from a fresh clone
                    assert any(p.is_file() for p in path.rglob("*")), f"{keyword} {source}: the folder is empty"
            excluded_by = _ignored(source, patterns)
            assert excluded_by is None, f"{keyword} {source}: excluded by .dockerignore pattern {excluded_by!r}"
            copied += 1
    assert copied, "the Dockerfile copies nothing from the repo"


def test_dockerignore_keeps_local_state_out_of_the_build_context() -> None:
    patterns = _dockerignore_patterns()
    assert patterns, ".dockerignore is missing or empty"
    for path in (".venv", ".git", "backend/__pycache__", "node_modules", "var", ".env"):
        assert _ignored(path, patterns), f".dockerignore does not exclude {path}"


# --- README ----------------------------------------------------------------------------------------------------


def test_every_environment_variable_the_settings_read_is_in_the_readme() -> None:
    read = set(re.findall(r"\benv\.get_\w+\(\s*[\"']([A-Z][A-Z0-9_]*)[\"']", SETTINGS.read_text(encoding="utf-8")))
    # settings.py also reads some through helpers in env.py (HIEULUC_DATA_DIR via env.get_data_dir()).
    read |= set(re.findall(r"\bget_\w+\(\s*[\"']([A-Z][A-Z0-9_]*)[\"']", ENV_MODULE.read_text(encoding="utf-8")))
    assert {"DATABASE_URL", "SECRET_KEY", "HIEULUC_DATA_DIR"} <= read, f"the settings scan found too little: {read}"
    documented = set(re.findall(r"^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|", README.read_text(encoding="utf-8"), re.MULTILINE))
    missing = sorted(read - documented)
    assert not missing, f"README.md's variables table lacks: {missing}"


def test_the_image_copies_every_installed_package() -> None:
    """pyproject's package list and the Dockerfile's COPY lines must agree, or the image lacks a package."""
    import tomllib

    root = Path(__file__).resolve().parents[1]
    include = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]["include"]
    packages = {pattern.rstrip("*") for pattern in include}
    dockerfile = (root / "Dockerfile").read_text()
    missing = [p for p in sorted(packages) if f"COPY {p} ./{p}" not in dockerfile]
    assert not missing, f"Dockerfile does not COPY: {missing}"
