"""Small input and output serializers. They validate and shape; services save."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from backend.catalogue import selectors
from backend.catalogue.api.answers import ProvisionListField, StructureField
from backend.catalogue.api.fields import (
    AuthorityField,
    DocumentRefField,
    DocumentTypeField,
    FieldListField,
    ResponsibleField,
)
from backend.catalogue.models import (
    MAX_PROVISIONS,
    NOTE_MAX_LENGTH,
    PROVISION_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Authority,
    Document,
    DocumentType,
    Field,
    Relation,
    StatusChange,
)
from backend.catalogue.validity import STATUS_LABELS, RelationKind, Status, Validity


class AuthoritySerializer(serializers.ModelSerializer):
    succeeded_by = serializers.SlugRelatedField(
        slug_field="code", queryset=Authority.objects.all(), required=False, allow_null=True
    )
    predecessors = serializers.SlugRelatedField(  # type: ignore[var-annotated]
        slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = Authority
        fields = ["id", "code", "name", "level", "succeeded_by", "succeeded_on", "predecessors"]


class DocumentTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = DocumentType
        fields = ["id", "code", "name", "abbreviation", "rank"]


class FieldSerializer(serializers.ModelSerializer):
    class Meta:
        model = Field
        fields = ["id", "code", "name"]


class DocumentInputSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=80)
    type = DocumentTypeField()
    issuer = AuthorityField()
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH)
    signer = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    issued_on = serializers.DateField()
    effective_from = serializers.DateField(required=False, allow_null=True, default=None)
    effective_until = serializers.DateField(required=False, allow_null=True, default=None)
    fields = FieldListField(required=False, default=list, max_length=100)  # type: ignore[assignment]  # DRF pops declared fields
    text = serializers.CharField(
        required=False, allow_blank=True, default="", trim_whitespace=False, max_length=TEXT_MAX_LENGTH
    )
    normative = serializers.BooleanField(required=False, default=True)
    published = serializers.BooleanField(required=False, default=True)
    # Left out: unchanged (none on a new document); null or "": none.
    responsible = ResponsibleField(required=False)
    # The version the client read (or send If-Match: "<version>"); needed to change an existing document.
    version = serializers.IntegerField(required=False, min_value=1, write_only=True)


def status_label(status: str, lang: str = "vi") -> str:
    return STATUS_LABELS[Status(status)][lang]


class DocumentListSerializer(serializers.ModelSerializer):
    type = DocumentTypeField(source="doc_type")
    issuer = AuthorityField()
    fields = FieldListField()  # type: ignore[assignment]  # DRF pops declared fields
    responsible = ResponsibleField(read_only=True)
    status_label = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "number",
            "number_key",
            "type",
            "issuer",
            "signer",
            "title",
            "issued_on",
            "effective_from",
            "effective_until",
            "fields",
            "responsible",
            "normative",
            "published",
            "status",
            "status_label",
            "status_on",
        ]

    def get_status_label(self, obj: Document) -> str:
        return status_label(obj.status, self.context.get("lang", "vi"))


class DocumentDetailSerializer(DocumentListSerializer):
    # The stored file's name, and where the API serves it (GET /documents/{id}/file/): /media/ is not served.
    # Both null when there is no file, or the storage no longer has it.
    source_file = serializers.SerializerMethodField()
    source_file_url = serializers.SerializerMethodField()
    structure = StructureField(required=False)

    def _has_file(self, obj: Document) -> bool:
        # Both fields ask whether the file is still in storage: ask the storage once per document.
        known: dict[int, bool] = self.__dict__.setdefault("_stored_files", {})
        if obj.pk not in known:
            known[obj.pk] = selectors.has_source_file(obj)
        return known[obj.pk]

    def get_source_file(self, obj: Document) -> str | None:
        return obj.source_file.name.rsplit("/", 1)[-1] if self._has_file(obj) else None

    def get_source_file_url(self, obj: Document) -> str | None:
        return f"/api/v1/documents/{obj.pk}/file/" if self._has_file(obj) else None

    class Meta(DocumentListSerializer.Meta):
        fields = [
            *DocumentListSerializer.Meta.fields,
            "text",
            "structure",
            "source_file",
            "source_file_url",
            "version",
            "created_at",
            "updated_at",
        ]


class RelationInputSerializer(serializers.Serializer):
    source = DocumentRefField()  # type: ignore[assignment]
    target = DocumentRefField()
    kind = serializers.ChoiceField(choices=[k.value for k in RelationKind])
    effective_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)
    provisions = serializers.JSONField(required=False, default=list)  # type: ignore[arg-type]
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=NOTE_MAX_LENGTH)
    # The version the client read (or If-Match: "<version>"); needed to change an existing relation.
    version = serializers.IntegerField(required=False, min_value=1, write_only=True)

    def validate_provisions(self, value: Any) -> Any:
        if value is None:
            return []
        if isinstance(value, str):
            if len(value) > PROVISION_MAX_LENGTH * 10:
                raise serializers.ValidationError(
                    f"Tối đa {PROVISION_MAX_LENGTH * 10} ký tự / {PROVISION_MAX_LENGTH * 10} characters at most."
                )
            return value
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise serializers.ValidationError(
                'Cần danh sách điều khoản, ví dụ ["Điều 3"] / A list of provisions is required, e.g. ["Điều 3"].'
            )
        if len(value) > MAX_PROVISIONS or any(len(v) > PROVISION_MAX_LENGTH for v in value):
            raise serializers.ValidationError(
                f"Tối đa {MAX_PROVISIONS} điều khoản, mỗi điều khoản {PROVISION_MAX_LENGTH} ký tự / "
                f"At most {MAX_PROVISIONS} provisions of {PROVISION_MAX_LENGTH} characters each."
            )
        return value


class DocumentBriefSerializer(serializers.ModelSerializer):
    issuer = serializers.CharField(source="issuer.code")

    class Meta:
        model = Document
        fields = ["id", "number", "issuer", "title", "issued_on", "status"]


class RelationSerializer(serializers.ModelSerializer):
    source = DocumentBriefSerializer()  # type: ignore[assignment]
    target = DocumentBriefSerializer()
    provisions = ProvisionListField(required=False)

    class Meta:
        model = Relation
        fields = [
            "id",
            "source",
            "target",
            "kind",
            "effective_on",
            "ends_on",
            "provisions",
            "note",
            "derived",
            "version",
            "created_at",
        ]
        read_only_fields = ["derived"]


class StatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatusChange
        fields = [
            "changed_on",
            "previous_status",
            "status",
            "reason",
            "caused_by",
            "provisions",
            "recorded_at",
        ]


class SourceFileSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)  # an empty file gets extract's own message


def validity_payload(answer: Validity, lang: str = "vi") -> dict[str, Any]:
    """The engine's answer as the API shows it, with labels in the caller's language."""
    data = answer.to_dict()
    data["status_label"] = answer.label(lang)
    return data
