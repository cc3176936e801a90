"""/api/v1/reviews/: review tasks, edited by their reviewer and moved along the workflow."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from backend.accounts.permissions import StaffOnly
from backend.accounts.roles import role_of
from backend.core.versioning import expected_version
from backend.reviews import selectors, services
from backend.reviews.api.filters import TaskFilter
from backend.reviews.api.plans import PlanWrites
from backend.reviews.api.serializers import (
    AssigneeSerializer,
    AssignSerializer,
    TaskSerializer,
    TaskWriteSerializer,
)
from backend.reviews.models import ReviewTask
from backend.reviews.workflow import Action


def _edit(data: dict[str, Any]) -> services.TaskEdit:
    return services.TaskEdit(
        findings=data.get("findings"),
        legal_grounds=data.get("legal_grounds"),
        provisions=data.get("provisions"),
        outcome=data.get("outcome"),
        reviewer=data.get("reviewer"),
        reviewer_set="reviewer" in data,
        due_on=data.get("due_on"),
        comment=data.get("comment", ""),
    )


class ReviewTaskViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Nhiệm vụ rà soát / review tasks. PATCH edits (with If-Match or "version"); POST …/{action}/ moves it."""

    serializer_class = TaskSerializer
    permission_classes = [StaffOnly]
    filterset_class = TaskFilter

    def get_queryset(self) -> QuerySet[ReviewTask]:
        return selectors.tasks_for(self.request.user)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        task = self.get_object()
        return Response(self.get_serializer(task).data, headers={"ETag": f'"{task.version}"'})

    @extend_schema(responses=AssigneeSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def assignees(self, request: Request) -> Response:
        """Who can be given review tasks: active reviewers, legal officers and admins."""
        users = selectors.assignees(request.user)
        return Response(
            [
                {"username": u.get_username(), "name": u.get_full_name() or u.get_username(), "role": role_of(u).value}
                for u in users
            ]
        )

    @extend_schema(request=AssignSerializer, responses=TaskSerializer(many=True))
    @action(detail=False, methods=["post"], permission_classes=[PlanWrites])
    def assign(self, request: Request) -> Response:
        """Giao hoặc giao lại nhiệm vụ / (re)assign several tasks at once (legal officers): each task names the
        version read; all are changed or none."""
        form = AssignSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        tasks = services.assign_tasks(
            actor=request.user,
            tasks=[(t["id"], t["version"]) for t in data["tasks"]],
            reviewer=data["reviewer"],
            due_on=data.get("due_on"),
        )
        fresh = self.get_queryset().filter(pk__in=[t.pk for t in tasks]).order_by("pk")
        return Response(self.get_serializer(fresh, many=True).data)

    @extend_schema(request=TaskWriteSerializer, responses=TaskSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = TaskWriteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        task = services.update_task(
            actor=request.user,
            task=self.get_object(),
            expected_version=expected_version(request, data),
            edit=_edit(data),
        )
        return Response(self.get_serializer(task).data, headers={"ETag": f'"{task.version}"'})

    def _move(self, request: Request, move: Action) -> Response:
        form = TaskWriteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        task = services.transition(
            actor=request.user,
            task=self.get_object(),
            action=move,
            expected_version=expected_version(request, data),
            edit=_edit(data),
        )
        task = self.get_queryset().get(pk=task.pk)
        return Response(self.get_serializer(task).data, headers={"ETag": f'"{task.version}"'})

    @extend_schema(request=TaskWriteSerializer, responses=TaskSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request: Request, pk: str | None = None) -> Response:
        return self._move(request, Action.START)

    @extend_schema(request=TaskWriteSerializer, responses=TaskSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        return self._move(request, Action.SUBMIT)

    @extend_schema(request=TaskWriteSerializer, responses=TaskSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        return self._move(request, Action.APPROVE)

    @extend_schema(request=TaskWriteSerializer, responses=TaskSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_task(self, request: Request, pk: str | None = None) -> Response:
        return self._move(request, Action.RETURN)

    @extend_schema(request=TaskWriteSerializer, responses=TaskSerializer)
    @action(detail=True, methods=["post"])
    def restart(self, request: Request, pk: str | None = None) -> Response:
        return self._move(request, Action.RESTART)
