"""The language of the request being answered: "vi" (the default) or "en".

LocaleMiddleware and core.middleware.QueryLanguageMiddleware activate it; everything that words an answer asks here.
"""

from __future__ import annotations

from django.utils import translation


def current_lang() -> str:
    return "en" if (translation.get_language() or "vi").startswith("en") else "vi"
