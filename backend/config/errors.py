"""One error type for expected failures, with Vietnamese and English messages.

Services raise ApplicationError (or a pure-module error converted by `as_application_error`);
the API's single exception handler turns it into a 400/404/409 answer.
"""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    def __init__(
        self,
        code: str,
        message_vi: str,
        message_en: str,
        *,
        field: str | None = None,
        status: int = 400,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_vi = message_vi
        self.message_en = message_en
        self.field = field
        self.status = status
        self.extra = extra or {}

    def message(self, lang: str) -> str:
        return self.message_en if lang.startswith("en") else self.message_vi


def as_application_error(exc: Exception, *, field: str | None = None, code: str | None = None) -> ApplicationError:
    """Convert an error from a pure module (numbers, validity, structure) that carries bilingual messages."""
    return ApplicationError(
        code or str(getattr(exc, "code", None) or "invalid"),
        getattr(exc, "message_vi", str(exc)),
        getattr(exc, "message_en", str(exc)),
        field=field or getattr(exc, "field", None),
    )


class NotFound(ApplicationError):
    def __init__(self, what_vi: str, what_en: str) -> None:
        super().__init__("not_found", f"Không tìm thấy {what_vi}.", f"{what_en} not found.", status=404)
