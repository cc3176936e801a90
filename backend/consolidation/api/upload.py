"""The upload of an amending act with its operations (issue #14 §2): the proposal carries the operations read from
the file against the catalogue, and the save confirms, in its own transaction, those the officer ticked.

The catalogue's upload views (backend.catalogue.api.extraction) read the fields and relations; these extend them,
since the catalogue never imports the consolidation. Who may upload sees the operations; confirming them with the
save also needs what confirming on the document's page needs (documents.write)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework import status as http
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from backend.accounts.permissions import Capability, can
from backend.catalogue.api import extraction
from backend.catalogue.api import serializers as s
from backend.catalogue.api.views import document_input
from backend.catalogue.extraction import proposal
from backend.consolidation import intake, services
from backend.consolidation.api.serializers import OperationSerializer
from backend.consolidation.models import EID_MAX_LENGTH, WORDS_MAX_LENGTH, Operation
from backend.core.language import current_lang
from legal import numbers
from legal.operations import KINDS

MAX_NAMED = 2000  # operations one save may name (08/2023 has 303 in all: a bound, not a quota)
_KEY_FIELDS = ("source_eid", "kind", "target", "target_eid", "old_words")


class OperationKeySerializer(serializers.Serializer):
    """Which read operation: the instruction's place in the act, the kind, the document and provision acted on,
    and the words it changes (two word changes of one sentence, or two corrections of one letter, differ only
    there). Stable when the same file is read again (its text and order are neither)."""

    source_eid = serializers.CharField(allow_blank=True)
    kind = serializers.ChoiceField(choices=list(KINDS))
    target = serializers.IntegerField(allow_null=True)
    target_eid = serializers.CharField(allow_blank=True)
    old_words = serializers.CharField(allow_blank=True)


class ReadOperationSerializer(OperationSerializer):
    """An operation as read from the uploaded file, not stored: no id, version or decision yet."""

    key = serializers.SerializerMethodField()

    class Meta(OperationSerializer.Meta):
        fields = [
            name
            for name in OperationSerializer.Meta.fields
            if name not in ("id", "source", "precedence", "origin", "decided_by", "decided_at", "version")
        ] + ["key"]
        read_only_fields = fields

    @extend_schema_field(OperationKeySerializer)
    def get_key(self, obj: Operation) -> dict[str, Any]:
        return {
            "source_eid": obj.source_eid,
            "kind": obj.kind,
            "target": obj.target_id,
            "target_eid": obj.target_eid,
            "old_words": obj.old_words,
        }


class UploadProposalSerializer(extraction.ProposalSerializer):
    operations = ReadOperationSerializer(
        many=True,
        help_text="the amending instructions read against the catalogue, as they would be stored (nothing is)",
    )


def _both(vi: str, en: str) -> str:
    return f"{vi} / {en}"


def _keys(value: Any) -> list[services.OperationKey]:
    """The named operations, or a 400 on `confirm_operations` that says which item is wrong and how."""
    if not isinstance(value, list):
        raise serializers.ValidationError(_both("Cần một danh sách JSON.", "A JSON list is required."))
    if len(value) > MAX_NAMED:
        raise serializers.ValidationError(
            _both(f"Nhiều nhất {MAX_NAMED} thao tác.", f"At most {MAX_NAMED} operations.")
        )
    keys: list[services.OperationKey] = []
    for index, item in enumerate(value):
        where = f"[{index}]"
        if not isinstance(item, dict) or set(item) != set(_KEY_FIELDS):
            raise serializers.ValidationError(
                _both(
                    f"Mục {where} phải có đúng các trường {', '.join(_KEY_FIELDS)}.",
                    f"Item {where} must have exactly the fields {', '.join(_KEY_FIELDS)}.",
                )
            )
        source_eid, kind, target, target_eid, old_words = (item[name] for name in _KEY_FIELDS)
        texts_ok = all(isinstance(text, str) and len(text) <= EID_MAX_LENGTH for text in (source_eid, target_eid))
        texts_ok = texts_ok and isinstance(old_words, str) and len(old_words) <= WORDS_MAX_LENGTH
        # A null target is a listed operation's (its document unknown): accepted, and never confirmed.
        target_ok = target is None or (isinstance(target, int) and not isinstance(target, bool))
        if not texts_ok or kind not in KINDS or not target_ok:
            raise serializers.ValidationError(
                _both(
                    f"Mục {where} không hợp lệ: source_eid, target_eid là mã điều khoản; kind là loại thao tác;"
                    " target là id văn bản (hoặc null); old_words là cụm từ.",
                    f"Item {where} is not valid: source_eid and target_eid are provision ids; kind a kind of"
                    " operation; target a document id (or null); old_words the words changed.",
                )
            )
        keys.append(
            services.operation_key(
                target_id=target, kind=kind, target_eid=target_eid, source_eid=source_eid, old_words=old_words
            )
        )
    return keys


class FromFileConfirmingSerializer(extraction.FromFileSerializer):
    confirm_operations = extraction.JSONText(
        required=False,
        default=list,
        help_text="JSON list of the read operations to confirm, each its `key` in the proposal",
    )

    def validate_confirm_operations(self, value: Any) -> list[services.OperationKey]:
        return _keys(value)


class FromFileAnswerSerializer(s.DocumentDetailSerializer):
    operations_read = serializers.IntegerField(help_text="operations read from the file and stored")
    operations_confirmed = serializers.IntegerField(help_text="of those named, how many were read so and confirmed")

    class Meta(s.DocumentDetailSerializer.Meta):
        fields = [*s.DocumentDetailSerializer.Meta.fields, "operations_read", "operations_confirmed"]


class ExtractView(extraction.ExtractView):
    """Đọc tệp .docx/.pdf thành đề xuất / read a .docx or .pdf into a proposal, with the amending instructions read
    into operations against the catalogue. Nothing is saved."""

    @extend_schema(request=extraction.UploadSerializer, responses=UploadProposalSerializer)
    def post(self, request: Request) -> Response:
        form = extraction.UploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        found = proposal.propose(extraction.upload_bytes(form.validated_data["file"]), lang=current_lang())
        fields = found.payload["document"]
        issued_on = fields["issued_on"] or fields["effective_from"]
        read: list[Operation] = []
        if issued_on is not None:  # without a date nothing can be read "on" it; the save's reading will be
            read = services.operations_read_unsaved(
                services.Act(
                    text=fields["text"],
                    title=fields["title"] or "",
                    number_key=numbers.key_or_none(fields["number"] or ""),
                    issued_on=issued_on,
                    effective_from=fields["effective_from"],
                )
            )
        operations = ReadOperationSerializer(read, many=True, context={"request": request}).data
        return Response({**found.payload, "operations": operations})


class FromFileView(extraction.FromFileView):
    """Nhập văn bản từ tệp đã xác nhận / catalogue a document from its file with the confirmed fields, relations
    and operations, in one transaction; the text and structure are read from the file, the operations from the
    text. `confirm_operations` names the read operations to confirm (their `key`); one no longer read so is not
    confirmed, and the answer says how many were."""

    @extend_schema(request=FromFileConfirmingSerializer, responses={201: FromFileAnswerSerializer})
    def post(self, request: Request) -> Response:
        form = FromFileConfirmingSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        named = form.validated_data["confirm_operations"]
        if named and not can(request.user, Capability.DOCUMENTS_WRITE):
            raise PermissionDenied(
                _both(
                    "Chỉ người được xác nhận thao tác sửa đổi mới xác nhận được khi tải lên.",
                    "Only who may confirm amending operations may confirm them with the upload.",
                )
            )
        upload = form.validated_data["file"]
        done = intake.document_create_from_file(
            actor=request.user,
            data=document_input(form.validated_data["document"]),
            relations=extraction.confirmed_relations(form.validated_data),
            content=extraction.upload_bytes(upload),
            filename=upload.name or "",
            confirm=named,
        )
        detail = s.DocumentDetailSerializer(done.document, context={"request": request, "lang": current_lang()})
        answer = {**detail.data, "operations_read": done.read, "operations_confirmed": done.confirmed}
        return Response(answer, status=http.HTTP_201_CREATED)
