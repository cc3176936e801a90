"""The API's request parsers: what every JSON, form and multipart body must be before a view sees it.

Checked once here, so no endpoint can forget it: a body within the size limit, a JSON body that is an object
(every endpoint takes named fields), nested no deeper than any real request, and no control characters (NUL
included, which PostgreSQL cannot store) in any key, value or uploaded file name. Each refusal is a 400 (413 for
size) in Vietnamese and English, naming the field where there is one.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.http.multipartparser import MultiPartParserError
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.parsers import DataAndFiles
from rest_framework.utils import json

from backend.core.errors import ApplicationError
from backend.core.text import check_text, check_tree, depth

# No request of this API nests deeper than a relation inside a document inside a form (about 4); 32 leaves
# room for any client's wrapping while keeping the work of a hostile body bounded.
MAX_JSON_DEPTH = 32


def body_too_large() -> ApplicationError:
    mib = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    return ApplicationError(
        "body_too_large",
        f"Dữ liệu gửi lên quá lớn (tối đa {mib} MB).",
        f"The request body is too large ({mib} MB max).",
        status=413,
    )


def _malformed(detail_vi: str, detail_en: str) -> ApplicationError:
    return ApplicationError("malformed_body", detail_vi, detail_en)


def _not_an_object() -> ApplicationError:
    return ApplicationError(
        "json_object_required",
        "Nội dung JSON phải là một đối tượng {…} gồm các trường.",
        "The JSON body must be an object {…} of named fields.",
    )


def _too_deep() -> ApplicationError:
    return ApplicationError(
        "json_too_deep",
        f"Nội dung JSON lồng nhau quá sâu (tối đa {MAX_JSON_DEPTH} cấp).",
        f"The JSON body is nested too deeply ({MAX_JSON_DEPTH} levels max).",
    )


def _declared_length(parser_context: Mapping[str, Any] | None) -> int:
    request = (parser_context or {}).get("request")
    meta = getattr(request, "META", {})
    try:
        return int(meta.get("CONTENT_LENGTH") or 0)
    except (TypeError, ValueError):
        return 0


def _read_bounded(stream: Any, parser_context: Mapping[str, Any] | None) -> bytes:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if _declared_length(parser_context) > limit:
        raise body_too_large()
    body = stream.read(limit + 1) if stream is not None else b""
    if len(body) > limit:
        raise body_too_large()
    return bytes(body)


class JSONObjectParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None) -> Any:
        body = _read_bounded(stream, parser_context)
        encoding = str((parser_context or {}).get("encoding") or settings.DEFAULT_CHARSET)
        try:
            text = codecs.decode(body, encoding)
            data = json.loads(text, parse_constant=json.strict_constant if self.strict else None)
        except RecursionError as exc:
            raise _too_deep() from exc
        except ValueError as exc:  # also UnicodeDecodeError
            raise _malformed(f"JSON không hợp lệ: {str(exc)[:200]}", f"Invalid JSON: {str(exc)[:200]}") from exc
        if not isinstance(data, dict):
            raise _not_an_object()
        if depth(data) > MAX_JSON_DEPTH:
            raise _too_deep()
        check_tree(data)
        return data


def _check_form(data: Any, files: Any = None) -> None:
    for key, values in data.lists():
        check_text(key, key)
        for value in values:
            check_text(value, key)
    for key, uploads in files.lists() if files is not None else ():
        for upload in uploads:
            check_text(str(upload.name or ""), key, multiline=False)


class CheckedFormParser(parsers.FormParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None) -> Any:
        body = _read_bounded(stream, parser_context)
        try:
            data = super().parse(io.BytesIO(body), media_type, parser_context)
        except TooManyFieldsSent as exc:
            raise _malformed("Biểu mẫu có quá nhiều trường.", "The form has too many fields.") from exc
        _check_form(data)
        return data


class CheckedMultiPartParser(parsers.MultiPartParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None) -> Any:
        try:
            result = super().parse(stream, media_type, parser_context)
        except RequestDataTooBig as exc:
            raise body_too_large() from exc
        except (MultiPartParserError, SuspiciousOperation) as exc:
            raise _malformed(
                "Dữ liệu multipart không hợp lệ.", f"The multipart body is not valid: {str(exc)[:200]}"
            ) from exc
        except ParseError as exc:
            raise _malformed("Dữ liệu multipart không hợp lệ.", f"The multipart body is not valid: {exc}") from exc
        _check_form(result.data, result.files)
        return DataAndFiles(result.data, result.files)
