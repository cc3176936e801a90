"""Thao tác sửa đổi / amending operations: what an amending document changes in the documents it amends.

Read: staff see every operation (proposed, listed for them, confirmed, rejected); anyone else the confirmed ones
between published documents. Write (legal officers): add one the reader missed, correct one (PATCH, If-Match),
confirm, reject or restore it (POST …/confirm/, …/reject/, …/restore/, If-Match)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from backend.accounts.permissions import Capability, anyone_reads_writes_need
from backend.consolidation import selectors, services
from backend.consolidation.api.filters import OperationFilter
from backend.consolidation.api.serializers import OperationInputSerializer, OperationSerializer
from backend.consolidation.models import Operation
from backend.core.errors import invalid
from backend.core.versioning import expected_version

_ETAG = "ETag"


def _answer(request: Request, op: Operation, code: int = status.HTTP_200_OK) -> Response:
    data = OperationSerializer(op, context={"request": request}).data
    return Response(data, status=code, headers={_ETAG: f'"{op.version}"'})


def _input(data: dict[str, Any]) -> services.OperationInput:
    fields = {name: value for name, value in data.items() if name not in ("source", "version")}
    return services.OperationInput(**fields)


@extend_schema(
    parameters=[
        OpenApiParameter("source", int, description="Văn bản sửa đổi / the amending document"),
        OpenApiParameter("target", int, description="Văn bản được sửa đổi / the amended document"),
        OpenApiParameter("state", str, enum=["proposed", "confirmed", "listed", "rejected"]),
    ]
)
class OperationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    permission_classes = [anyone_reads_writes_need(Capability.DOCUMENTS_WRITE)]
    serializer_class = OperationSerializer
    filterset_class = OperationFilter

    def get_queryset(self) -> QuerySet[Operation]:
        return selectors.operations_for(self.request.user)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return _answer(request, self.get_object())

    @extend_schema(request=OperationInputSerializer, responses={201: OperationSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = OperationInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        source = form.validated_data.get("source")
        if source is None:
            raise invalid({"source": ["Cần chọn văn bản sửa đổi. / The amending document is required."]})
        op = services.operation_add(actor=request.user, source=source, data=_input(form.validated_data))
        return _answer(request, op, status.HTTP_201_CREATED)

    @extend_schema(request=OperationInputSerializer, responses=OperationSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        op = self.get_object()
        current = {
            "target": op.target_id,
            "kind": op.kind if op.kind != "unknown" else None,
            "target_eid": op.target_eid,
            "anchor_eid": op.anchor_eid,
            "new_text": op.new_text,
            "old_words": op.old_words,
            "new_words": op.new_words,
            "except_words": op.except_words,
            "scope_eids": op.scope_eids,
            "applies_on": op.applies_on,
            "ends_on": op.ends_on,
            "precedence": op.precedence,
        }
        if not isinstance(request.data, Mapping):
            raise invalid({"non_field_errors": ["Cần một đối tượng JSON / A JSON object is needed."]})
        form = OperationInputSerializer(data={**current, **request.data})
        form.is_valid(raise_exception=True)
        op = services.operation_correct(
            actor=request.user,
            operation=op,
            data=_input(form.validated_data),
            expected_version=expected_version(request, request.data),
        )
        return _answer(request, op)

    def _decide(self, request: Request, decide: Any) -> Response:
        op = decide(
            actor=request.user, operation=self.get_object(), expected_version=expected_version(request, request.data)
        )
        return _answer(request, op)

    @extend_schema(request=None, responses=OperationSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str | None = None) -> Response:
        return self._decide(request, services.operation_confirm)

    @extend_schema(request=None, responses=OperationSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        return self._decide(request, services.operation_reject)

    @extend_schema(request=None, responses=OperationSerializer)
    @action(detail=True, methods=["post"])
    def restore(self, request: Request, pk: str | None = None) -> Response:
        return self._decide(request, services.operation_restore)
