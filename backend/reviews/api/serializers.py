"""What the review endpoints read and answer."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backend.accounts.roles import Role
from backend.catalogue.models import Document
from backend.reviews import selectors, services, workflow
from backend.reviews.api.answers import (
    DocumentRefSerializer,
    ResolvedBySerializer,
    TaskDocumentSerializer,
    provision_list,
)
from backend.reviews.models import Recommendation, RecommendationStep, ReviewPlan, ReviewTask
from backend.reviews.workflow import Outcome

User = get_user_model()


class UserField(serializers.SlugRelatedField):  # type: ignore[type-arg]
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="username", queryset=User.objects.filter(is_active=True), **kwargs)


class PlanSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    # null for the plans the service opens itself (triggered reviews): no one owns them.
    owner = serializers.CharField(source="owner.username", default=None, allow_null=True, read_only=True)
    reviewer = UserField(write_only=True, required=False, allow_null=True)
    due_on = serializers.DateField(write_only=True, required=False, allow_null=True)
    tasks = serializers.IntegerField(source="task_count", read_only=True)  # annotated by ReviewPlanViewSet

    class Meta:
        model = ReviewPlan
        fields = ["id", "title", "kind", "scope", "owner", "deadline", "reviewer", "due_on", "tasks", "created_at"]
        read_only_fields = ["id", "owner", "created_at"]


class ScopeSerializer(serializers.Serializer):  # type: ignore[type-arg]
    scope = serializers.JSONField(required=False)


class ScopePreviewSerializer(serializers.Serializer):  # type: ignore[type-arg]
    documents = serializers.IntegerField()


class AssigneeSerializer(serializers.Serializer):  # type: ignore[type-arg]
    username = serializers.CharField()
    name = serializers.CharField()
    role = serializers.ChoiceField(choices=[r.value for r in Role])


class TaskVersionSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class AssignSerializer(serializers.Serializer):  # type: ignore[type-arg]
    tasks = TaskVersionSerializer(many=True, allow_empty=False, max_length=2_000)  # type: ignore[call-arg]
    reviewer = UserField(allow_null=True)
    due_on = serializers.DateField(required=False)


class TaskSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    document = serializers.SerializerMethodField()
    reviewer = serializers.CharField(source="reviewer.username", default=None, allow_null=True, read_only=True)
    submitted_by = serializers.CharField(source="submitted_by.username", default=None, allow_null=True, read_only=True)
    decided_by = serializers.CharField(source="decided_by.username", default=None, allow_null=True, read_only=True)
    recommendation = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)  # type: ignore[var-annotated]
    # "" until the reviewer picks one.
    outcome = serializers.ChoiceField(choices=["", *(o.value for o in Outcome)], read_only=True)
    may_decide = serializers.SerializerMethodField(help_text="Người đọc có thể duyệt hoặc trả lại nhiệm vụ này.")
    provisions = provision_list()

    class Meta:
        model = ReviewTask
        fields = [
            "id",
            "plan",
            "document",
            "reviewer",
            "due_on",
            "state",
            "outcome",
            "findings",
            "legal_grounds",
            "provisions",
            "trigger",
            "submitted_by",
            "submitted_at",
            "decided_by",
            "decided_at",
            "comment",
            "recommendation",
            "may_decide",
            "version",
        ]
        read_only_fields = fields

    def get_may_decide(self, obj: ReviewTask) -> bool:
        request = self.context.get("request")
        return selectors.may_decide(getattr(request, "user", None), obj)

    @extend_schema_field(TaskDocumentSerializer)
    def get_document(self, obj: ReviewTask) -> dict[str, Any]:
        doc = obj.document
        return {"id": doc.pk, "number": doc.number, "title": doc.title, "issuer": doc.issuer.code}


class TaskWriteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    version = serializers.IntegerField(required=False, min_value=1)
    findings = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    legal_grounds = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    provisions = serializers.ListField(child=serializers.CharField(max_length=200), required=False, max_length=500)
    outcome = serializers.ChoiceField(choices=[o.value for o in Outcome], required=False)
    reviewer = UserField(required=False, allow_null=True)
    due_on = serializers.DateField(required=False)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5_000)


class StepSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = RecommendationStep
        fields = ["kind", "reference", "on", "note"]


class RecommendationSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    targets = serializers.SerializerMethodField()
    steps = StepSerializer(many=True, read_only=True)
    resolved_by = serializers.SerializerMethodField()
    provisions = provision_list()

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "task",
            "action",
            "targets",
            "target_text",
            "provisions",
            "drafting_body",
            "officer",
            "deadline",
            "status",
            "resolved_by",
            "resolved_on",
            "steps",
            "note",
            "version",
        ]

    @extend_schema_field(DocumentRefSerializer(many=True))
    def get_targets(self, obj: Recommendation) -> list[dict[str, Any]]:
        return [{"id": d.pk, "number": d.number, "issuer": d.issuer.code} for d in obj.targets.all()]

    @extend_schema_field(ResolvedBySerializer(allow_null=True))
    def get_resolved_by(self, obj: Recommendation) -> dict[str, Any] | None:
        doc = obj.resolved_by
        return {"id": doc.pk, "number": doc.number} if doc else None


class RecommendationWriteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    version = serializers.IntegerField(required=False, min_value=1)
    status = serializers.ChoiceField(choices=sorted(services.MANUAL_STATUSES), required=False)
    resolved_by = serializers.PrimaryKeyRelatedField(queryset=Document.objects.all(), required=False)
    drafting_body = serializers.CharField(required=False, allow_blank=True, max_length=300)
    officer = serializers.CharField(required=False, allow_blank=True, max_length=150)
    deadline = serializers.DateField(required=False, allow_null=True)
    provisions = serializers.ListField(child=serializers.CharField(max_length=200), required=False, max_length=500)
    note = serializers.CharField(required=False, allow_blank=True, max_length=20_000)


class StepWriteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    version = serializers.IntegerField(required=False, min_value=1)
    kind = serializers.ChoiceField(choices=[k.value for k in workflow.StepKind])
    reference = serializers.CharField(allow_blank=True, max_length=300)
    on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5_000)
