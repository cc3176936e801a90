"""/api/v1/announcements/: the yearly lists, drafted, edited and moved to publication through the services."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet, prefetch_related_objects
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from backend.accounts.permissions import Capability, anyone_reads_writes_need
from backend.accounts.roles import Role, has_role
from backend.announcements import export, selectors, services
from backend.announcements.api.serializers import (
    AddRowSerializer,
    AnnouncementSerializer,
    CreateSerializer,
    RemoveRowSerializer,
    VersionSerializer,
)
from backend.announcements.models import Announcement, AnnouncementRow
from backend.core.errors import ApplicationError
from backend.core.schema import download_responses
from backend.core.versioning import DOCX, XLSX, expected_version, in_format

Access = anyone_reads_writes_need(Capability.ANNOUNCEMENTS_WRITE)


class AnnouncementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Danh mục văn bản hết hiệu lực, ngưng hiệu lực năm … (?year=). The public sees published lists only."""

    serializer_class = AnnouncementSerializer
    permission_classes = [Access]

    def get_queryset(self) -> QuerySet[Announcement]:
        return selectors.announcements_for(
            self.request.user,
            year=self.request.query_params.get("year"),
            # Rows only where the answer shows them (the writes answer through _answer, the exports read their own).
            with_rows=self.action in ("list", "retrieve"),
        )

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "staff": has_role(self.request.user, Role.REVIEWER)}

    def _answer(self, ann: Announcement, status: int = 200) -> Response:
        prefetch_related_objects([ann], "issuers", selectors.ROWS)
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
