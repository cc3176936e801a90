"""What the review endpoints read and answer."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backend.accounts.roles import Role
from backend.catalogue.models import Document
from backend.organisations.models import Organisation
from backend.reviews import selectors, services, workflow
from backend.reviews.api.answers import (
    DocumentRefSerializer,
    ResolvedBySerializer,
    TaskDocumentSerializer,
    provision_list,
)
from backend.reviews.models import Recommendation, RecommendationStep, ReviewPlan, ReviewTask, ShareBy
from backend.reviews.workflow import Outcome

User = get_user_model()


class UserField(serializers.SlugRelatedField):  # type: ignore[type-arg]
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="username", queryset=User.objects.filter(is_active=True), **kwargs)


class OrganisationField(serializers.SlugRelatedField):  # type: ignore[type-arg]
    """An organisation named by its code."""

    def __init__(self, **kwargs: Any) -> None:
        if not kwargs.get("read_only"):
            kwargs["queryset"] = Organisation.objects.all()
        super().__init__(slug_field="code", **kwargs)


class OrganisationRefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField()
    name = serializers.CharField()


def organisation_ref(org: Organisation | None) -> dict[str, Any] | None:
    return {"code": org.code, "name": org.name} if org is not None else None


class PlanSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    # null for the plans the service opens itself (triggered reviews): no one owns them.
    owner = serializers.CharField(source="owner.username", default=None, allow_null=True, read_only=True)
    reviewer = UserField(write_only=True, required=False, allow_null=True)
    due_on = serializers.DateField(write_only=True, required=False, allow_null=True)
    tasks = serializers.IntegerField(source="task_count", read_only=True)  # annotated by ReviewPlanViewSet
    # null: the province's plan (the Sở Tư pháp's, or the system's).
    organisation = OrganisationField(required=False, allow_null=True, help_text="Mã cơ quan chủ trì kế hoạch")
    organisation_name = serializers.CharField(source="organisation.name", default=None, allow_null=True, read_only=True)
    share_by = serializers.ChoiceField(choices=ShareBy.choices, required=False, default="")
    needs_justice_approval = serializers.BooleanField(required=False, default=False)

    class Meta:
        model = ReviewPlan
        fields = [
            "id",
            "title",
            "kind",
            "scope",
            "owner",
            "organisation",
            "organisation_name",
            "share_by",
            "needs_justice_approval",
            "deadline",
            "reviewer",
            "due_on",
            "tasks",
            "created_at",
        ]
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
    organisation = serializers.SerializerMethodField(help_text="Cơ quan rà soát (null: của tỉnh, Sở Tư pháp).")
    org_approved_by = serializers.CharField(
        source="org_approved_by.username", default=None, allow_null=True, read_only=True
    )
    two_approvals = serializers.SerializerMethodField(
        help_text="Cần cơ quan duyệt rồi Sở Tư pháp duyệt / approved by the organisation, then the Sở Tư pháp."
    )

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
            "organisation",
            "two_approvals",
            "org_approved_by",
            "org_approved_at",
            "version",
        ]
        read_only_fields = fields

    @extend_schema_field(OrganisationRefSerializer(allow_null=True))
    def get_organisation(self, obj: ReviewTask) -> dict[str, Any] | None:
        return organisation_ref(obj.organisation)

    def get_two_approvals(self, obj: ReviewTask) -> bool:
        return selectors.needs_two_approvals(obj)

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
    drafting_organisation = serializers.SerializerMethodField()
    may_record_steps = serializers.SerializerMethodField(
        help_text="Người đọc ghi được bước xây dựng văn bản / the reader may record drafting steps"
    )
    may_edit = serializers.SerializerMethodField(
        help_text="Người đọc sửa được kiến nghị / the reader may edit the recommendation (status, deadline…)"
    )

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
            "drafting_organisation",
            "officer",
            "deadline",
            "status",
            "resolved_by",
            "resolved_on",
            "steps",
            "note",
            "may_record_steps",
            "may_edit",
            "version",
        ]

    def get_may_record_steps(self, obj: Recommendation) -> bool:
        return selectors.may_act_on_recommendation(self._reader(), obj, "record_step")

    def get_may_edit(self, obj: Recommendation) -> bool:
        return selectors.may_act_on_recommendation(self._reader(), obj, "manage_recommendation")

    def _reader(self) -> Any:
        request = self.context.get("request")
        return getattr(request, "user", None)

    @extend_schema_field(DocumentRefSerializer(many=True))
    def get_targets(self, obj: Recommendation) -> list[dict[str, Any]]:
        return [{"id": d.pk, "number": d.number, "issuer": d.issuer.code} for d in obj.targets.all()]

    @extend_schema_field(OrganisationRefSerializer(allow_null=True))
    def get_drafting_organisation(self, obj: Recommendation) -> dict[str, Any] | None:
        return organisation_ref(obj.drafting_organisation)

    @extend_schema_field(ResolvedBySerializer(allow_null=True))
    def get_resolved_by(self, obj: Recommendation) -> dict[str, Any] | None:
        doc = obj.resolved_by
        return {"id": doc.pk, "number": doc.number} if doc else None


class RecommendationWriteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    version = serializers.IntegerField(required=False, min_value=1)
    status = serializers.ChoiceField(choices=sorted(services.MANUAL_STATUSES), required=False)
    resolved_by = serializers.PrimaryKeyRelatedField(queryset=Document.objects.all(), required=False)
    drafting_body = serializers.CharField(required=False, allow_blank=True, max_length=300)
    drafting_organisation = OrganisationField(required=False, allow_null=True)
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
