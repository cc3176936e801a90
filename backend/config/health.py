"""/healthz: is the database, the broker and the search engine reachable?"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse


def _check_database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True, "vendor": connection.vendor}
    except Exception as exc:  # health checks report, never raise
        return {"ok": False, "error": str(exc)[:200]}


def _check_broker() -> dict[str, Any]:
    if not settings.REDIS_URL:
        return {"ok": True, "mode": "in-process"}
    try:
        import redis

        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2).ping()
        return {"ok": True, "mode": "redis"}
    except Exception as exc:
        return {"ok": False, "mode": "redis", "error": str(exc)[:200]}


def _check_search() -> dict[str, Any]:
    from backend.searching import engine

    try:
        return {"engine": settings.SEARCH_ENGINE, **engine.current().health()}
    except Exception as exc:
        return {"ok": False, "engine": settings.SEARCH_ENGINE, "error": str(exc)[:200]}


def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": _check_database(), "broker": _check_broker(), "search": _check_search()}
    ok = all(item["ok"] for item in checks.values())
    return JsonResponse({"ok": ok, **checks}, status=200 if ok else 503)
