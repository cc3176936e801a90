"""Optimistic concurrency for workflow records (review tasks, recommendations, yearly lists), and file downloads.

A write names the version it read (If-Match or a "version" field); the row is locked and compared, so a stale
write is refused (412) instead of silently overwriting someone else's edit, and a write naming none is 428.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.db import models
from django.http import HttpResponse
from rest_framework.request import Request
from rest_framework.response import Response

from backend.core.errors import ApplicationError
from backend.core.text import whole_number

M = TypeVar("M", bound=models.Model)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def expected_version(request: Request, data: Mapping[str, Any]) -> int | None:
    """The version the client read: the If-Match header (an ETag "3", W/"3" or 3) or the body's "version"."""
    header = whole_number((request.headers.get("If-Match") or "").strip().removeprefix("W/").strip('"'))
    if header is not None:
        return header
    value = data.get("version") if hasattr(data, "get") else None
    if value is None or value == "":
        return None
    number = None if isinstance(value, bool) else whole_number(str(value))
    if number is None:
        raise ApplicationError(
            "invalid_version",
            "Phiên bản (version) phải là số nguyên dương.",
            "The version must be a positive whole number.",
            field="version",
        )
    return number


def lock_at_version(instance: M, expected: int | None) -> M:
    """`instance`'s row, locked for this transaction, if it is still at version `expected`."""
    locked = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if expected is None:
        raise ApplicationError(
            "version_required",
            "Cần gửi phiên bản đã đọc (If-Match hoặc 'version') để tránh ghi đè.",
            "Send the version you read (If-Match or 'version') so no one's edit is overwritten.",
            status=428,
        )
    current = int(locked.version)  # type: ignore[attr-defined]
    if current != expected:
        raise ApplicationError(
            "edit_conflict",
            "Bản ghi đã được người khác sửa; hãy tải lại rồi sửa tiếp.",
            "Someone else changed this record; reload it and try again.",
            status=412,
            extra={"current_version": current},
        )
    return locked


def download(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


CONTENT_TYPES = {"docx": DOCX, "xlsx": XLSX}


def in_format(fmt: str, stem: str, files: Mapping[str, Callable[[], bytes]], data: Any = None) -> HttpResponse:
    """The answer of a ?format= endpoint: `data` as JSON for "json" (when given), else the file `files[fmt]`
    makes, downloaded as `{stem}.{fmt}`; any other format is a 400 listing the accepted ones."""
    if fmt == "json" and data is not None:
        return Response(data)
    if fmt in files:
        return download(files[fmt](), f"{stem}.{fmt}", CONTENT_TYPES[fmt])
    accepted = (["json"] if data is not None else []) + list(files)
    listed_vi = ", ".join(accepted[:-1]) + " hoặc " + accepted[-1]
    listed_en = ", ".join(accepted[:-1]) + " or " + accepted[-1]
    raise ApplicationError(
        "invalid_format", f"Định dạng phải là {listed_vi}.", f"The format must be {listed_en}.", field="format"
    )
