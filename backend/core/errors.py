"""One error type for expected failures, with Vietnamese and English messages.

Services raise ApplicationError (or a pure-module error converted by `as_application_error`);
the API's single exception handler turns it into a 400/404/409 answer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


# The message of a refusal whose detail is per field (`errors`), as a serializer's or a filter's refusal has it.
INVALID_VI = "Dữ liệu gửi lên không hợp lệ."
INVALID_EN = "The request is not valid."


def invalid(errors: Mapping[str, Sequence[str]]) -> ApplicationError:
    """A 400 naming each field with its messages, in the very shape the API gives a serializer's ValidationError
    (code "invalid", the general message, `errors`), for services and selectors, which raise no DRF error."""
    return ApplicationError(
        "invalid", INVALID_VI, INVALID_EN, extra={"errors": {name: list(messages) for name, messages in errors.items()}}
    )


def as_application_error(exc: Exception, *, field: str | None = None, code: str | None = None) -> ApplicationError:
    """Convert an error from a pure module (numbers, validity, structure) that carries bilingual messages."""
    return ApplicationError(
        code or str(getattr(exc, "code", None) or "invalid"),
        getattr(exc, "message_vi", str(exc)),
        getattr(exc, "message_en", str(exc)),
        field=field or getattr(exc, "field", None),
    )


def still_referenced(exc: Exception) -> ApplicationError:
    """The 409 for a delete that other records still hold (a Django ProtectedError or RestrictedError):
    which kinds of record hold it, and how many of each, so the officer knows what to remove first."""
    held: dict[str, int] = {}
    for obj in getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", None) or ():
        meta = obj._meta
        held[meta.label_lower] = held.get(meta.label_lower, 0) + 1
    names_vi = ", ".join(f"{count} {_VI_NAMES.get(label, label)}" for label, count in sorted(held.items()))
    names_en = ", ".join(f"{count} {_EN_NAMES.get(label, label)}" for label, count in sorted(held.items()))
    return ApplicationError(
        "in_use",
        f"Không thể xóa vì còn bản ghi tham chiếu đến: {names_vi}. Hãy xử lý các bản ghi đó trước.",
        f"Cannot delete: other records still refer to it: {names_en}. Deal with those first.",
        status=409,
        extra={"held_by": [{"model": label, "count": count} for label, count in sorted(held.items())]},
    )


_VI_NAMES = {
    "reviews.reviewtask": "nhiệm vụ rà soát",
    "reviews.recommendation": "kiến nghị",
    "announcements.announcementrow": "dòng danh mục công bố",
    "catalogue.document": "văn bản",
    "catalogue.authority": "cơ quan",
    "organisations.organisation": "đơn vị trực thuộc hoặc sáp nhập vào",
    "organisations.membership": "người làm việc",
    "reviews.reviewplan": "kế hoạch rà soát",
}
_EN_NAMES = {
    "reviews.reviewtask": "review task(s)",
    "reviews.recommendation": "recommendation(s)",
    "announcements.announcementrow": "announcement row(s)",
    "catalogue.document": "document(s)",
    "catalogue.authority": "authority(ies)",
    "organisations.organisation": "organisation(s) under it or merged into it",
    "organisations.membership": "member(s)",
    "reviews.reviewplan": "review plan(s)",
}


class NotFound(ApplicationError):
    def __init__(self, what_vi: str, what_en: str) -> None:
        super().__init__("not_found", f"Không tìm thấy {what_vi}.", f"{what_en} not found.", status=404)
