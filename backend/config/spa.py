"""Serve the web app (frontend/, built by Vite) for every page that is not the API, the admin or a file.

The built index.html is read on each request (it is small) and sent with no-cache, so browsers always get the
current names of the hashed assets under /assets/, which WhiteNoise serves from the same folder and caches for
good. WhiteNoise lists that folder when the service starts: restart it after a rebuild. Before the first build
the server answers the plain home page, which works without JavaScript.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def app(request: HttpRequest) -> HttpResponse:
    index = settings.FRONTEND_DIST / "index.html"
    try:
        body = index.read_bytes()
    except OSError:
        return render(request, "home.html")
    response = HttpResponse(body, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response
