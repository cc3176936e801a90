"""/api/v1/recommendations/: tracked until carried out; legal officers edit them and import the tracking sheet."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from backend.accounts.permissions import Capability, StaffOnly, staff_read_writes_need
from backend.catalogue.api.imports import JOB_RESPONSES, job_answer
from backend.catalogue.importers import jobs
from backend.core.errors import ApplicationError
from backend.core.parsers import CheckedMultiPartParser
from backend.core.versioning import expected_version
from backend.reviews import selectors, services, tracker
from backend.reviews.api.filters import RecommendationFilter
from backend.reviews.api.serializers import (
    RecommendationSerializer,
    RecommendationWriteSerializer,
    StepWriteSerializer,
)
from backend.reviews.models import Recommendation

RecommendationWrites = staff_read_writes_need(Capability.RECOMMENDATIONS_WRITE)


class RecommendationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Kiến nghị xử lý / recommendations, tracked until the document that carries them out is issued.
    Staff read; legal officers edit (PATCH with If-Match or "version") and record drafting steps."""

    serializer_class = RecommendationSerializer
    permission_classes = [RecommendationWrites]
    filterset_class = RecommendationFilter

    def get_queryset(self) -> QuerySet[Recommendation]:
        return selectors.recommendations_for(self.request.user)

    def get_permissions(self) -> Any:
        # The drafting organisation's staff record its steps (a rule of the object: backend/reviews/rules.py).
        if self.action == "steps":
            return [StaffOnly()]
        return super().get_permissions()

    def _answer(self, pk: int) -> Response:
        """The answer of a write: the recommendation read again, with its related rows."""
        return self._respond(self.get_queryset().get(pk=pk))

    def _respond(self, rec: Recommendation) -> Response:
        return Response(
            RecommendationSerializer(rec, context={"request": self.request}).data, headers={"ETag": f'"{rec.version}"'}
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._respond(self.get_object())  # read through get_queryset already

    @extend_schema(request=RecommendationWriteSerializer, responses=RecommendationSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = RecommendationWriteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        version = expected_version(request, data)
        data.pop("version", None)
        rec = services.update_recommendation(
            actor=request.user, recommendation=self.get_object(), expected_version=version, changes=data
        )
        return self._answer(rec.pk)

    @extend_schema(
        request={
            "multipart/form-data": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
        },
        responses=JOB_RESPONSES,  # as POST /imports/ (job_answer)
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[CheckedMultiPartParser])
    def import_tracker(self, request: Request) -> Response:
        """Import the tracking sheet (.xlsx) as a job run by the worker, like POST /imports/: 202 and poll
        GET /imports/{id}/ (201 with the report when run in-process). Its rows become recommendations; the report
        lists the rows not imported."""

        upload = request.FILES.get("file")
        if upload is None:
            raise ApplicationError("file_required", "Cần gửi tệp .xlsx.", "An .xlsx file is required.", field="file")
        if upload.size and upload.size > tracker.MAX_BYTES:
            raise ApplicationError(
                "file_too_large", "Tệp quá lớn (tối đa 20 MB).", "The file is too large (20 MB at most).", field="file"
            )
        content = upload.read()
        tracker.check_is_xlsx(content)  # cheap: the rest (unpacking, reading, importing) is the worker's
        job = jobs.job_create(
            actor=request.user, filename=upload.name or "tracker.xlsx", content=content, kind=tracker.JOB_KIND
        )
        return job_answer(job)

    @extend_schema(request=StepWriteSerializer, responses=RecommendationSerializer)
    @action(detail=True, methods=["post"])
    def steps(self, request: Request, pk: str | None = None) -> Response:
        form = StepWriteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        rec = services.record_step(
            actor=request.user,
            recommendation=self.get_object(),
            expected_version=expected_version(request, data),
            kind=data["kind"],
            reference=data["reference"],
            on=data.get("on"),
            note=data.get("note", ""),
        )
        return self._answer(rec.pk)
