"""Upload a VBQPPL as .docx or .pdf: read it into a proposal, then catalogue what the officer confirmed."""

from __future__ import annotations

import json
from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework import status as http
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import CanUpload
from backend.catalogue import intake
from backend.catalogue.api import serializers as s
from backend.catalogue.api.fields import ResponsibleField
from backend.catalogue.api.views import document_input
from backend.catalogue.extraction import proposal
from backend.catalogue.extraction.files import MAX_UPLOAD_BYTES, too_large
from backend.catalogue.validity import RelationKind, Status
from backend.core.language import current_lang
from backend.core.parsers import CheckedFormParser, CheckedMultiPartParser


def upload_bytes(upload: Any) -> bytes:
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


def confirmed_relations(validated: dict[str, Any]) -> list[intake.ConfirmedRelation]:
    """The relations a valid FromFileSerializer names, as the intake service takes them."""
    return [
        intake.ConfirmedRelation(
            target=item["target"],
            kind=RelationKind(item["kind"]),
            effective_on=item["effective_on"],
            ends_on=item.get("ends_on"),
            provisions=item.get("provisions"),
            note=item.get("note", ""),
        )
        for item in validated["relations"]
    ]


# --- the proposal's shape (for the schema; the payload is built by extraction.proposal) -------------------------

_KINDS = [k.value for k in RelationKind]
_STATUSES = [st.value for st in Status]


class ProposalBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    issuer = serializers.CharField(help_text="authority code")
    issuer_name = serializers.CharField()
    type = serializers.CharField(help_text="document type code")
    title = serializers.CharField()
    issued_on = serializers.DateField()


class ProposalEffectSerializer(serializers.Serializer):
    """What confirming does to the document acted on, as the validity engine answers it."""

    target = ProposalBriefSerializer()
    on = serializers.DateField(help_text="the day the relation applies (today if that is past)")
    status_now = serializers.ChoiceField(choices=_STATUSES)
    status_now_label = serializers.CharField()
    status_after = serializers.ChoiceField(choices=_STATUSES, help_text="the status on `on` once it is recorded")
    status_after_label = serializers.CharField()


class ProposalRelationSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=_KINDS)
    target = serializers.IntegerField()
    provisions = serializers.ListField(child=serializers.CharField())
    effective_on = serializers.DateField(allow_null=True)
    note = serializers.CharField(allow_blank=True)
    number = serializers.CharField(required=False, help_text="as cited in the text (relations read from it)")
    candidates = ProposalBriefSerializer(many=True, required=False)
    effect = ProposalEffectSerializer()


class ProposalUnmatchedRelationSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=_KINDS)
    number = serializers.CharField()
    provisions = serializers.ListField(child=serializers.CharField())
    effective_on = serializers.DateField(allow_null=True)
    note = serializers.CharField(allow_blank=True)
    candidates = ProposalBriefSerializer(many=True)
    reason = serializers.ChoiceField(choices=["not_in_catalogue", "ambiguous"])


class ProposalWarningSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=list(proposal.WARNINGS))
    message = serializers.CharField()
    message_vi = serializers.CharField()
    message_en = serializers.CharField()


class ProposalSerializer(serializers.Serializer):
    file = serializers.DictField()
    document = serializers.DictField(help_text="the shape POST /documents/ takes")
    responsible = ResponsibleField(
        read_only=True,
        help_text="the organisation the preamble's “Theo đề nghị của …” names, if it is in the list"
        " (document.responsible holds its code)",
    )
    found = serializers.DictField()
    structure = serializers.ListField(child=serializers.DictField())
    provisions = serializers.ListField(child=serializers.CharField())
    bases = serializers.ListField(child=serializers.DictField())
    unmatched_bases = serializers.ListField(child=serializers.CharField())
    relations = ProposalRelationSerializer(many=True)
    unmatched_relations = ProposalUnmatchedRelationSerializer(many=True)
    existing = ProposalBriefSerializer(many=True)
    warnings = ProposalWarningSerializer(many=True)


# "from": where a relation was read ("basis": a Căn cứ line; "text": a sentence). A Python keyword, so set here.
for _serializer in (ProposalRelationSerializer, ProposalUnmatchedRelationSerializer):
    _serializer._declared_fields["from"] = serializers.ChoiceField(choices=["basis", "text"])


class ExtractView(APIView):
    """Đọc tệp .docx/.pdf thành đề xuất / read a .docx or .pdf into a proposal. Nothing is saved."""

    permission_classes = [CanUpload]
    parser_classes = [CheckedMultiPartParser, CheckedFormParser]

    @extend_schema(request=UploadSerializer, responses=ProposalSerializer)
    def post(self, request: Request) -> Response:
        form = UploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        found = proposal.propose(upload_bytes(form.validated_data["file"]), lang=current_lang())
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
        doc = intake.document_create_from_file(
            actor=request.user,
            data=document_input(form.validated_data["document"]),
            relations=confirmed_relations(form.validated_data),
            content=upload_bytes(upload),
            filename=upload.name or "",
        )
        detail = s.DocumentDetailSerializer(doc, context={"request": request, "lang": current_lang()})
        return Response(detail.data, status=http.HTTP_201_CREATED)
