"""The OpenAPI schema tells the truth about errors too.

drf-spectacular documents only the success answer of each operation. Every operation of this API can also answer
with the one error shape of backend/core/api.py (code, messages in Vietnamese and English, field errors), and a
client (or a schema fuzzer checking status-code conformance) must be able to read that from the schema. This
AutoSchema adds those answers, by what the view can actually do:

- 400 everywhere: any API request with a NUL in its query string is refused by RejectNulMiddleware, and every
  parameter and body is validated;
- 401 wherever a client can authenticate: a malformed or unknown `Authorization: Token …` header is refused
  before the view runs;
- 403 where a permission class can refuse (not for views open to anyone), and for writes (CSRF with sessions);
- 404 where the path names an object, or the answer is a page (`?page=` past the end);
- 409, 412 and 428 for writes (a conflict with stored data; a stale or missing version on versioned records);
- 415 where a request body is parsed;
- 429 where a throttle applies (views that limit the rate themselves say so in their own annotation);
- 414 everywhere, with no body of ours: the HTTP server in front (gunicorn: 4,094 bytes) refuses a longer request
  line before the application sees it.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import serializers
from rest_framework.permissions import AllowAny

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")

ERROR_DESCRIPTIONS = {
    "400": "Dữ liệu không hợp lệ / invalid input (field messages in `errors`)",
    "401": "Chưa đăng nhập hoặc token sai / not signed in, or a bad token",
    "403": "Không có quyền / not allowed for this role",
    "404": "Không tìm thấy / not found",
    "409": "Xung đột với dữ liệu đã lưu / conflicts with stored data",
    "412": "Phiên bản đã cũ (If-Match) / the version read is stale",
    "413": "Nội dung gửi lên quá lớn / request body too large",
    "415": "Kiểu nội dung không được hỗ trợ / unsupported media type",
    "428": "Cần gửi phiên bản đã đọc / the version read is required",
    "429": "Quá nhiều yêu cầu / too many requests (see Retry-After)",
}


URI_TOO_LONG = (
    "Địa chỉ quá dài / URI too long: the HTTP server's answer (gunicorn: a request line over 4,094 bytes), "
    "not the API's, so not in its error shape"
)


class ErrorSerializer(serializers.Serializer):
    """The one error shape (backend/core/api.py). Some errors add fields (e.g. `retry_after`, `current_version`)."""

    code = serializers.CharField()
    message = serializers.CharField()
    message_vi = serializers.CharField(required=False)
    message_en = serializers.CharField(required=False)
    errors = serializers.DictField(  # type: ignore[assignment]  # DRF pops declared fields
        required=False, help_text="Thông báo theo trường / messages by field"
    )


class AutoSchema(SpectacularAutoSchema):
    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code not in responses:
                answer = self._get_response_for_code(ErrorSerializer, code, ["application/json"], direction)
                answer["description"] = ERROR_DESCRIPTIONS[code]
                responses[code] = answer
        responses.setdefault("414", {"description": URI_TOO_LONG})
        return responses

    def _error_codes(self) -> list[str]:
        codes = ["400"]
        if getattr(self.view, "authentication_classes", None):
            codes.append("401")
        permissions = self.view.get_permissions()
        if self.method in UNSAFE or not all(isinstance(p, AllowAny) for p in permissions):
            codes.append("403")
        if "{" in self.path or (self._get_paginator() is not None and self._is_list_view()):
            codes.append("404")
        if self.method in UNSAFE:
            codes += ["409", "412", "428"]
        if self.method in ("POST", "PUT", "PATCH"):
            codes += ["413", "415"]  # 413: a body over DATA_UPLOAD_MAX_MEMORY_SIZE (backend/core/parsers.py)
        if getattr(self.view, "throttle_scope", None) or getattr(self.view, "throttle_classes", None):
            codes.append("429")
        return sorted(codes)


def download_responses(*content_types: str, json: Any = None) -> dict[tuple[int, str], Any]:
    """The 200 answers of a ?format= endpoint: `json` (a schema or serializer) as JSON, when given, and a file
    of each content type."""
    from drf_spectacular.types import OpenApiTypes

    responses: dict[tuple[int, str], Any] = {}
    if json is not None:
        responses[(200, "application/json")] = json
    for content_type in content_types:
        responses[(200, content_type)] = OpenApiTypes.BINARY
    return responses
