"""Production hardening (issue #11, section 4): the secret key, `check --deploy`, HSTS and the CSP.

Production is DATABASE_URL set and HIEULUC_DEBUG off. These tests start fresh Python processes with such an
environment, since settings are read once per process.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rest_framework.test import APIClient

ROOT = Path(__file__).resolve().parents[1]
# A database that need not exist: starting and `check --deploy` do not connect.
UNREACHABLE_DB = "postgres://nobody@127.0.0.1:5432/hieuluc_never_created"
# The documented production set-up: behind a TLS-terminating proxy (README, docker-compose.yml).
PRODUCTION = {
    "DATABASE_URL": UNREACHABLE_DB,
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "hieuluc.example.gov.vn,testserver",
    "HIEULUC_BEHIND_TLS_PROXY": "1",
}
# Schema warnings from drf-spectacular's deploy check that belong to issue #11 section 3 ("schema drift"), not to
# this section: every other warning fails test_check_deploy_has_no_security_warnings.
SCHEMA_DRIFT = re.compile(r"\(drf_spectacular\.W001\)")


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {key: value for key, value in os.environ.items() if key not in ("SECRET_KEY", "HIEULUC_SECRET_KEY")}
    clean.pop("HIEULUC_DEBUG", None)
    clean["DJANGO_SETTINGS_MODULE"] = "backend.config.settings"
    clean.update(env)
    return subprocess.run(args, env=clean, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)


def start_web(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """What gunicorn does first: import the WSGI application (settings included)."""
    return run(env, sys.executable, "-c", "import backend.config.wsgi")


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    refused = start_web({"DATABASE_URL": UNREACHABLE_DB, "HIEULUC_DATA_DIR": str(tmp_path)})
    assert refused.returncode != 0
    assert "SECRET_KEY is not set" in refused.stderr and "production" in refused.stderr
    public_key = start_web({"DATABASE_URL": UNREACHABLE_DB, "SECRET_KEY": "hieuluc-insecure-development-key-change-me"})
    assert public_key.returncode != 0 and "SECRET_KEY" in public_key.stderr
    assert start_web({**PRODUCTION, "HIEULUC_DATA_DIR": str(tmp_path)}).returncode == 0


def test_the_zero_setup_default_and_debug_need_no_key(tmp_path: Path) -> None:
    embedded = start_web({"DATABASE_URL": "", "HIEULUC_DATA_DIR": str(tmp_path)})
    assert embedded.returncode == 0, embedded.stderr
    debug = start_web({"DATABASE_URL": UNREACHABLE_DB, "HIEULUC_DEBUG": "1", "HIEULUC_DATA_DIR": str(tmp_path)})
    assert debug.returncode == 0, debug.stderr


def deploy_check(tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    # `python -m django` with the checkout as working folder: the code under test, whatever is installed.
    return run(
        {**PRODUCTION, "HIEULUC_DATA_DIR": str(tmp_path)}, sys.executable, "-m", "django", "check", "--deploy", *options
    )


def test_check_deploy_has_no_security_warnings(tmp_path: Path) -> None:
    checked = deploy_check(tmp_path)
    assert checked.returncode == 0, checked.stderr
    issues = [line for line in (checked.stdout + checked.stderr).splitlines() if line.startswith("?:") or ": (" in line]
    assert [line for line in issues if not SCHEMA_DRIFT.search(line)] == []


def test_check_deploy_is_clean(tmp_path: Path) -> None:
    checked = deploy_check(tmp_path, "--fail-level", "WARNING")
    assert checked.returncode == 0, checked.stderr
    assert "System check identified no issues" in checked.stdout


def test_production_answers_carry_hsts_and_redirect_plain_http(tmp_path: Path) -> None:
    probe = textwrap.dedent(
        """
        import django
        django.setup()
        from django.test import Client
        client = Client()
        secure = client.get("/api/v1/docs/", HTTP_X_FORWARDED_PROTO="https")
        print("HSTS", secure.status_code, secure.get("Strict-Transport-Security"))
        plain = client.get("/api/v1/docs/")
        print("PLAIN", plain.status_code, plain.get("Location"))
        health = Client(raise_request_exception=False).get("/healthz")
        print("HEALTH", health.status_code)
        """
    )
    answer = run({**PRODUCTION, "HIEULUC_DATA_DIR": str(tmp_path)}, sys.executable, "-c", probe)
    assert answer.returncode == 0, answer.stderr
    assert "HSTS 200 max-age=31536000; includeSubDomains" in answer.stdout
    assert "PLAIN 301 https://testserver/api/v1/docs/" in answer.stdout
    assert "HEALTH 301" not in answer.stdout and "HEALTH" in answer.stdout  # the container's probe speaks HTTP


def policy_of(client: APIClient, path: str, accept: str = "text/html") -> dict[str, str]:
    policy = client.get(path, HTTP_ACCEPT=accept)["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


@pytest.mark.parametrize("path", ["/", "/can-bo/ra-soat", "/api/v1/docs/", "/admin/login/"])
def test_every_page_has_a_strict_content_security_policy(anon: APIClient, db: None, path: str) -> None:
    directives = policy_of(anon, path)
    assert directives["script-src"] == "'self'"  # no inline script, no eval
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in directives["style-src"]


def test_the_browsable_api_may_use_inline_styles_and_nothing_more(anon: APIClient, db: None) -> None:
    for path in ("/api/v1/documents/", "/api-auth/login/"):
        directives = policy_of(anon, path)
        assert directives["style-src"] == "'self' 'unsafe-inline'" and directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy_of(anon, "/api/v1/documents/", "application/json")["style-src"]


def test_the_swagger_page_loads_its_init_script_as_a_file(anon: APIClient) -> None:
    page = anon.get("/api/v1/docs/").content.decode()
    assert not re.search(r"<script>(?!</script>)", page), "inline script under a CSP without 'unsafe-inline'"
    script = anon.get("/api/v1/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()
