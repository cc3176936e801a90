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


def _check_outbox(database_ok: bool) -> dict[str, Any]:
    if not database_ok:
        return {"ok": False, "error": "database unavailable"}
    from backend.outbox import relay

    try:
        waiting = relay.pending()
    except Exception as exc:
        return {"ok": False, "error": str(exc)[:200]}
    # Rows wait only while a consumer fails (the broker or the engine is down): a minute of backlog is degraded.
    return {"ok": waiting["oldest_seconds"] < 60, **waiting}


def healthz(request: HttpRequest) -> JsonResponse:
    """200 while the database answers: "ok", or "degraded" when the broker, the search engine or the outbox's
    delivery is failing (lookups and writes still work, answered from the database); 503 without the database."""
    database = _check_database()
    checks = {
        "database": database,
        "broker": _check_broker(),
        "search": _check_search(),
        "outbox": _check_outbox(database["ok"]),
    }
    ok = all(item["ok"] for item in checks.values())
    status = "ok" if ok else "degraded" if database["ok"] else "down"
    return JsonResponse({"ok": ok, "status": status, **checks}, status=503 if status == "down" else 200)
