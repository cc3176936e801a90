"""The filters of the task and recommendation lists."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from backend.core.filters import StrictBooleanFilter
from backend.organisations import selectors as organisations
from backend.reviews import selectors, workflow
from backend.reviews.models import Recommendation, ReviewTask
from backend.reviews.workflow import Outcome


class TaskFilter(django_filters.FilterSet):
    document = django_filters.NumberFilter(field_name="document_id")
    reviewer = django_filters.CharFilter(field_name="reviewer__username")
    plan = django_filters.NumberFilter(field_name="plan_id")
    state = django_filters.MultipleChoiceFilter(choices=[(s.value, s.value) for s in workflow.State])
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte")
    due_after = django_filters.DateFilter(field_name="due_on", lookup_expr="gte")
    mine = StrictBooleanFilter(method="filter_mine", label="Việc của tôi: được giao cho tôi, hoặc chờ tôi duyệt")
    organisation = django_filters.CharFilter(
        method="filter_organisation", label="Mã cơ quan rà soát (gồm đơn vị trực thuộc và cơ quan tiền thân)"
    )
    awaiting_approval = StrictBooleanFilter(method="filter_awaiting", label="Chờ tôi duyệt")

    class Meta:
        model = ReviewTask
        fields: list[str] = []

    def filter_mine(self, queryset: QuerySet[ReviewTask], name: str, value: bool) -> QuerySet[ReviewTask]:
        if not value:
            return queryset
        user = self.request.user  # type: ignore[union-attr]
        return queryset.filter(Q(reviewer=user) | Q(pk__in=selectors.awaiting_approval_by(user).values("pk")))

    def filter_organisation(self, queryset: QuerySet[ReviewTask], name: str, value: str) -> QuerySet[ReviewTask]:
        return queryset.filter(organisation_id__in=organisations.subtree(value)) if value else queryset

    def filter_awaiting(self, queryset: QuerySet[ReviewTask], name: str, value: bool) -> QuerySet[ReviewTask]:
        if not value:
            return queryset
        return queryset.filter(pk__in=selectors.awaiting_approval_by(self.request.user).values("pk"))  # type: ignore[union-attr]


class RecommendationFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=[(s.value, s.value) for s in workflow.RecommendationStatus])
    action = django_filters.ChoiceFilter(choices=[(o.value, o.value) for o in Outcome if o != Outcome.KEEP])
    document = django_filters.NumberFilter(field_name="targets")
    deadline_before = django_filters.DateFilter(field_name="deadline", lookup_expr="lte")
    organisation = django_filters.CharFilter(
        method="filter_organisation", label="Mã cơ quan chủ trì soạn thảo (gồm đơn vị trực thuộc và tiền thân)"
    )

    def filter_organisation(
        self, queryset: QuerySet[Recommendation], name: str, value: str
    ) -> QuerySet[Recommendation]:
        return queryset.filter(drafting_organisation_id__in=organisations.subtree(value)) if value else queryset

    class Meta:
        model = Recommendation
        fields: list[str] = []
