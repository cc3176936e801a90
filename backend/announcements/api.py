"""/api/v1/announcements/: published lists are public; staff see drafts; legal officers make and publish them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import Capability, anyone_reads_writes_need
from backend.accounts.roles import Role, has_role
from backend.announcements import compute, services
from backend.announcements.answers import ListDocumentSerializer, SystematizationSerializer
from backend.announcements.models import Announcement, AnnouncementRow
from backend.announcements.wording import row_reason
from backend.catalogue.api.fields import issuer_codes
from backend.catalogue.models import Authority, Document
from backend.catalogue.validity import REASON_LABELS, Reason
from backend.core import throttling
from backend.core.api import throttled
from backend.core.errors import ApplicationError
from backend.core.schema import ErrorSerializer, download_responses
from backend.core.versioning import DOCX, XLSX, expected_version, in_format

Access = anyone_reads_writes_need(Capability.ANNOUNCEMENTS_WRITE)


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
        rows = obj.rows.select_related("document__doc_type", "document__issuer")
        if not self.context.get("staff"):
            rows = rows.filter(removed=False)
        return list(RowSerializer(rows, many=True).data)


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


class AnnouncementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Danh mục văn bản hết hiệu lực, ngưng hiệu lực năm … (?year=). The public sees published lists only."""

    serializer_class = AnnouncementSerializer
    permission_classes = [Access]

    def get_queryset(self) -> QuerySet[Announcement]:
        qs = Announcement.objects.prefetch_related("issuers")
        if not has_role(self.request.user, Role.REVIEWER):
            qs = qs.filter(state=Announcement.State.PUBLISHED)
        year = self.request.query_params.get("year")
        if year is not None:
            if not year.isdigit():
                raise ApplicationError("invalid_year", "Năm không hợp lệ.", "The year is not valid.", field="year")
            qs = qs.filter(year=int(year))
        return qs

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "staff": has_role(self.request.user, Role.REVIEWER)}

    def _answer(self, ann: Announcement, status: int = 200) -> Response:
        data = AnnouncementSerializer(ann, context=self.get_serializer_context()).data
        return Response(data, status=status, headers={"ETag": f'"{ann.version}"'})

    @extend_schema(request=CreateSerializer, responses=AnnouncementSerializer)
    def create(self, request: Request) -> Response:
        form = CreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        ann = services.create_draft(
            actor=request.user, year=form.validated_data["year"], issuers=list(form.validated_data.get("issuers", []))
        )
        return self._answer(ann, 201)

    def _move(self, request: Request, move: str) -> Response:
        form = VersionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        ann = services.transition(
            actor=request.user,
            announcement=self.get_object(),
            action=move,
            expected_version=expected_version(request, dict(form.validated_data)),
        )
        return self._answer(ann)

    @extend_schema(request=VersionSerializer, responses=AnnouncementSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        return self._move(request, "submit")

    @extend_schema(request=VersionSerializer, responses=AnnouncementSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        return self._move(request, "approve")

    @extend_schema(request=VersionSerializer, responses=AnnouncementSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        return self._move(request, "publish")

    @extend_schema(request=VersionSerializer, responses=AnnouncementSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_list(self, request: Request, pk: str | None = None) -> Response:
        return self._move(request, "return")

    @extend_schema(
        parameters=[OpenApiParameter("format", OpenApiTypes.STR, enum=["docx", "xlsx"])],
        responses=download_responses(DOCX, XLSX),
    )
    @action(detail=True, methods=["get"])
    def export(self, request: Request, pk: str | None = None) -> HttpResponse:
        """?format=docx (the decision with its annex tables, official layout) or xlsx."""
        from backend.announcements import export

        ann = self.get_object()
        return in_format(
            request.query_params.get("format", "docx"),
            f"danh-muc-het-hieu-luc-{ann.year}",
            {"docx": lambda: export.to_docx(ann), "xlsx": lambda: export.to_xlsx(ann)},
        )

    @extend_schema(request=AddRowSerializer, responses=AnnouncementSerializer)
    @action(detail=True, methods=["post"], url_path="add-row")
    def add_row(self, request: Request, pk: str | None = None) -> Response:
        form = AddRowSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        ann = self.get_object()
        services.add_row(
            actor=request.user,
            announcement=ann,
            expected_version=expected_version(request, data),
            document=data["document"],
            scope=data["scope"],
            note=data["note"],
        )
        ann.refresh_from_db()
        return self._answer(ann)

    @extend_schema(request=RemoveRowSerializer, responses=AnnouncementSerializer)
    @action(detail=True, methods=["post"], url_path="remove-row")
    def remove_row(self, request: Request, pk: str | None = None) -> Response:
        form = RemoveRowSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        ann = self.get_object()
        row = AnnouncementRow.objects.filter(announcement=ann, pk=data["row"]).first()
        if row is None:
            raise ApplicationError("unknown_row", "Không có dòng này.", "No such row in this list.", field="row")
        services.remove_row(
            actor=request.user, row=row, expected_version=expected_version(request, data), note=data["note"]
        )
        ann.refresh_from_db()
        return self._answer(ann)


class SystematizationView(APIView):
    """Hệ thống hóa / systematization: the four lists of a period (?from=YYYY&to=YYYY, cut-off 31 December of
    `to`), as JSON or ?format=docx|xlsx. Public, throttled like the public lookup; list 4 (documents needing
    action, from the internal review workflow) only for staff."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("from", OpenApiTypes.INT, required=True),
            OpenApiParameter("to", OpenApiTypes.INT, required=True),
            OpenApiParameter("issuer", OpenApiTypes.STR),
            OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "docx", "xlsx"]),
        ],
        # 429: the view applies the public rate limit itself (to anonymous callers), not through a throttle class.
        responses={**download_responses(DOCX, XLSX, json=SystematizationSerializer), 429: ErrorSerializer},
    )
    def get(self, request: Request) -> Response | HttpResponse:
        from backend.announcements import systematization

        staff = has_role(request.user, Role.REVIEWER)
        if not staff:
            wait = throttling.check(request, "public")
            if wait is not None:
                raise throttled(wait)
        first, last = request.query_params.get("from", ""), request.query_params.get("to", "")
        if not (first.isdigit() and last.isdigit() and 1945 <= int(first) <= int(last) <= 9999):
            raise ApplicationError(
                "invalid_period",
                "Cần kỳ hệ thống hóa: from <= to (năm).",
                "A period is required: from <= to (years).",
                field="from",
            )
        codes = issuer_codes([c for c in request.query_params.get("issuer", "").split(",") if c])
        data = systematization.lists(int(first), int(last), codes, with_needing_action=staff)
        return in_format(
            request.query_params.get("format", "json"),
            f"he-thong-hoa-{first}-{last}",
            {"docx": lambda: systematization.to_docx(data), "xlsx": lambda: systematization.to_xlsx(data)},
            data,
        )
