"""URLs of bench/lookup.py: the project's URLs plus `bench/bare/`, the baseline a lookup is compared with.

The bare view is a plain Django function view (no DRF, no database): it measures what the server, WSGI and
the project's middleware cost on their own, in the same gunicorn process as the lookup.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import path

from backend.config.urls import urlpatterns as project_urlpatterns


def bare(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/bare/", bare, name="bench-bare"), *project_urlpatterns]
