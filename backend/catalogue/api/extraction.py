"""Upload a VBQPPL as .docx or .pdf: read it into a proposal, then catalogue what the officer confirmed."""

from __future__ import annotations

import json
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework import status as http
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import CanUpload
from backend.catalogue.api import serializers as s
from backend.catalogue.api.views import current_lang, document_input
from backend.catalogue.extraction import intake, proposal
from backend.catalogue.extraction.files import MAX_UPLOAD_BYTES, too_large
from backend.catalogue.validity import RelationKind
from backend.config.parsers import CheckedFormParser, CheckedMultiPartParser


def _upload_bytes(upload: Any) -> bytes:
    # Checked before reading, so an oversized upload is never loaded into memory.
    if (upload.size or 0) > MAX_UPLOAD_BYTES:
        raise proposal.refused(too_large())
    return bytes(upload.read())


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)


class ProposedRelationSerializer(s.RelationInputSerializer):
    source = None  # type: ignore[assignment]  # the new document is the source


@extend_schema_field({"type": "string", "description": "JSON, as text (a multipart form field)"})
class JSONText(serializers.Field):
    """A JSON value sent as a multipart form field (a string), or already decoded."""

    default_error_messages = {"invalid": "Không phải JSON hợp lệ / Not valid JSON: {error}"}

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str):
            try:
                return json.loads(data)
            except ValueError as exc:
                self.fail("invalid", error=str(exc)[:100])
        return data


class FromFileSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)
    document = JSONText()
    relations = JSONText(required=False, default=list)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        document = s.DocumentInputSerializer(data=attrs["document"])
        relations = ProposedRelationSerializer(data=attrs["relations"], many=True)
        errors: dict[str, Any] = {}
        if not isinstance(attrs["document"], dict):
            errors["document"] = ["Cần một đối tượng JSON / A JSON object is required."]
        elif not document.is_valid():
            errors["document"] = document.errors
        if not isinstance(attrs["relations"], list):
            errors["relations"] = ["Cần một danh sách JSON / A JSON list is required."]
        elif not relations.is_valid():
            errors["relations"] = relations.errors
        if errors:
            raise serializers.ValidationError(errors)
        return {**attrs, "document": document.validated_data, "relations": relations.validated_data}


class ExtractView(APIView):
    """Đọc tệp .docx/.pdf thành đề xuất / read a .docx or .pdf into a proposal. Nothing is saved."""

    permission_classes = [CanUpload]
    parser_classes = [CheckedMultiPartParser, CheckedFormParser]

    @extend_schema(request=UploadSerializer, responses=OpenApiTypes.OBJECT)
    def post(self, request: Request) -> Response:
        form = UploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        found = proposal.propose(_upload_bytes(form.validated_data["file"]), lang=current_lang())
        return Response(found.payload)


class FromFileView(APIView):
    """Nhập văn bản từ tệp đã xác nhận / catalogue a document from its file with the confirmed fields and
    relations, in one transaction; the text and structure are read from the file."""

    permission_classes = [CanUpload]
    parser_classes = [CheckedMultiPartParser, CheckedFormParser]

    @extend_schema(request=FromFileSerializer, responses=s.DocumentDetailSerializer)
    def post(self, request: Request) -> Response:
        form = FromFileSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        relations = [
            intake.ConfirmedRelation(
                target=item["target"],
                kind=RelationKind(item["kind"]),
                effective_on=item["effective_on"],
                ends_on=item.get("ends_on"),
                provisions=item.get("provisions"),
                note=item.get("note", ""),
            )
            for item in form.validated_data["relations"]
        ]
        doc = intake.document_create_from_file(
            actor=request.user,
            data=document_input(form.validated_data["document"]),
            relations=relations,
            content=_upload_bytes(upload),
            filename=upload.name or "",
        )
        detail = s.DocumentDetailSerializer(doc, context={"request": request, "lang": current_lang()})
        return Response(detail.data, status=http.HTTP_201_CREATED)
