"""/api/v1/review-plans/: legal officers make plans; staff read them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from backend.accounts.permissions import Capability, staff_read_writes_need
from backend.reviews import selectors, services
from backend.reviews.api.serializers import PlanSerializer, ScopePreviewSerializer, ScopeSerializer
from backend.reviews.models import ReviewPlan

PlanWrites = staff_read_writes_need(Capability.REVIEWS_PLAN)


class ReviewPlanViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Kế hoạch rà soát / review plans. Creating one opens a task for each document in its scope."""

    serializer_class = PlanSerializer
    permission_classes = [PlanWrites]

    def get_queryset(self) -> QuerySet[ReviewPlan]:
        return selectors.plans_for(self.request.user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = PlanSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        plan = services.create_plan(
            actor=request.user,
            title=data["title"],
            kind=data["kind"],
            scope=data.get("scope") or {},
            deadline=data["deadline"],
            reviewer=data.get("reviewer"),
            due_on=data.get("due_on"),
            organisation=data.get("organisation"),
            share_by=data.get("share_by", ""),
            needs_justice_approval=data.get("needs_justice_approval", False),
        )
        return Response(PlanSerializer(self.get_queryset().get(pk=plan.pk)).data, status=201)

    @extend_schema(request=ScopeSerializer, responses=ScopePreviewSerializer)
    @action(detail=False, methods=["post"])
    def preview(self, request: Request) -> Response:
        """How many documents a scope covers (the tasks a plan with it would open); a bad scope is a 400, as on
        creation."""
        form = ScopeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        count = selectors.documents_in_scope(form.validated_data.get("scope") or {}).count()
        return Response({"documents": count})
