"""What the yearly list endpoints read and answer."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backend.announcements import compute
from backend.announcements.api.answers import ListDocumentSerializer
from backend.announcements.models import Announcement, AnnouncementRow
from backend.announcements.wording import row_reason
from backend.catalogue.models import Authority, Document
from backend.catalogue.validity import REASON_LABELS, Reason


class RowSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    document = serializers.SerializerMethodField()
    reason_label = serializers.SerializerMethodField()
    # The reason as the published .docx words it (with the causing documents, and the provisions of a partial row).
    reason_text = serializers.SerializerMethodField()

    class Meta:
        model = AnnouncementRow
        fields = [
            "id",
            "document",
            "scope",
            "status",
            "reason",
            "reason_label",
            "reason_text",
            "since",
            "caused_by",
            "provisions",
            "added_manually",
            "removed",
            "note",
        ]

    @extend_schema_field(ListDocumentSerializer)
    def get_document(self, obj: AnnouncementRow) -> dict[str, Any]:
        return compute.document_summary(obj.document)

    def get_reason_text(self, obj: AnnouncementRow) -> str:
        return row_reason(obj)

    def get_reason_label(self, obj: AnnouncementRow) -> str:
        try:
            return REASON_LABELS[Reason(obj.reason)]["vi"]
        except ValueError:
            return obj.reason


class AnnouncementSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    issuers = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)  # type: ignore[var-annotated]
    rows = serializers.SerializerMethodField()

    class Meta:
        model = Announcement
        fields = ["id", "year", "title", "issuers", "state", "published_on", "version", "rows"]

    @extend_schema_field(RowSerializer(many=True))
    def get_rows(self, obj: Announcement) -> list[dict[str, Any]]:
        rows = [row for row in obj.rows.all() if self.context.get("staff") or not row.removed]  # selectors.ROWS
        return list(RowSerializer(rows, many=True).data)


# A list's rows with the documents they show, read once for a whole page of lists (not once a list).


class CreateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    year = serializers.IntegerField(min_value=1945, max_value=9999)
    issuers = serializers.SlugRelatedField(
        slug_field="code", queryset=Authority.objects.all(), many=True, required=False
    )


class VersionSerializer(serializers.Serializer):  # type: ignore[type-arg]
    version = serializers.IntegerField(required=False, min_value=1)


class AddRowSerializer(VersionSerializer):
    document = serializers.PrimaryKeyRelatedField(queryset=Document.objects.all())
    scope = serializers.ChoiceField(choices=AnnouncementRow.Scope.values)
    note = serializers.CharField(max_length=2_000)


class RemoveRowSerializer(VersionSerializer):
    row = serializers.IntegerField()
    note = serializers.CharField(max_length=2_000)
