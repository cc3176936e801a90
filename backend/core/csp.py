"""The one exception to the Content-Security-Policy: inline styles on DRF's browsable API pages.

DRF's HTML templates (the browsable API under /api/ and its sign-in page under /api-auth/) carry inline
`style` attributes and a `<style>` block that we do not own. Those pages, and only those, may apply inline
styles. Scripts stay 'self' everywhere, so no inline script runs on them either. Pages that use the per-request
nonce (the Swagger UI, the home page) keep the strict policy.
"""

from __future__ import annotations

from collections.abc import Callable

from csp.constants import SELF, UNSAFE_INLINE
from django.http import HttpRequest, HttpResponse

_BROWSABLE_API_PREFIXES = ("/api/", "/api-auth/")


class BrowsableApiStylesMiddleware:
    """Placed after csp.middleware.CSPMiddleware, so it marks the answer before the policy is written."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith(_BROWSABLE_API_PREFIXES)
            and response.get("Content-Type", "").startswith("text/html")
            and getattr(request, "_csp_nonce", None) is None
        ):
            response._csp_replace = {"style-src": [SELF, UNSAFE_INLINE]}  # type: ignore[attr-defined]
        return response
