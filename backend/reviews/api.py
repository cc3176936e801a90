"""/api/v1/review-plans/, /api/v1/reviews/, /api/v1/recommendations/: staff only; writes go through services."""

from __future__ import annotations

from typing import Any

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import Capability, StaffOnly, staff_read_writes_need
from backend.accounts.roles import STAFF_ROLES, Role, role_of
from backend.catalogue.api.fields import issuer_codes
from backend.catalogue.api.imports import JOB_RESPONSES
from backend.catalogue.models import Document
from backend.core.errors import ApplicationError
from backend.core.filters import StrictBooleanFilter, bool_param
from backend.core.parsers import CheckedMultiPartParser
from backend.core.schema import download_responses
from backend.core.versioning import DOCX, XLSX, expected_version, in_format
from backend.reviews import services, workflow
from backend.reviews.answers import (
    DocumentRefSerializer,
    ResolvedBySerializer,
    ReviewReportSerializer,
    TaskDocumentSerializer,
    provision_list,
)
from backend.reviews.models import Notification, Recommendation, RecommendationStep, ReviewPlan, ReviewTask
from backend.reviews.workflow import Action, Outcome

User = get_user_model()


PlanWrites = staff_read_writes_need(Capability.REVIEWS_PLAN)
RecommendationWrites = staff_read_writes_need(Capability.RECOMMENDATIONS_WRITE)


class UserField(serializers.SlugRelatedField):  # type: ignore[type-arg]
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="username", queryset=User.objects.filter(is_active=True), **kwargs)


class PlanSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    # null for the plans the service opens itself (triggered reviews): no one owns them.
    owner = serializers.CharField(source="owner.username", default=None, allow_null=True, read_only=True)
    reviewer = UserField(write_only=True, required=False, allow_null=True)
    due_on = serializers.DateField(write_only=True, required=False, allow_null=True)
    tasks = serializers.IntegerField(source="tasks.count", read_only=True)

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
        return services.may_decide(getattr(request, "user", None), obj)

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


class TaskFilter(django_filters.FilterSet):
    document = django_filters.NumberFilter(field_name="document_id")
    reviewer = django_filters.CharFilter(field_name="reviewer__username")
    plan = django_filters.NumberFilter(field_name="plan_id")
    state = django_filters.MultipleChoiceFilter(choices=[(s.value, s.value) for s in workflow.State])
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte")
    due_after = django_filters.DateFilter(field_name="due_on", lookup_expr="gte")
    mine = StrictBooleanFilter(method="filter_mine", label="Việc của tôi: được giao cho tôi, hoặc chờ tôi duyệt")
    awaiting_approval = StrictBooleanFilter(method="filter_awaiting", label="Chờ tôi duyệt")

    class Meta:
        model = ReviewTask
        fields: list[str] = []

    def filter_mine(self, queryset: QuerySet[ReviewTask], name: str, value: bool) -> QuerySet[ReviewTask]:
        if not value:
            return queryset
        user = self.request.user  # type: ignore[union-attr]
        return queryset.filter(Q(reviewer=user) | Q(pk__in=services.awaiting_approval_by(user).values("pk")))

    def filter_awaiting(self, queryset: QuerySet[ReviewTask], name: str, value: bool) -> QuerySet[ReviewTask]:
        if not value:
            return queryset
        return queryset.filter(pk__in=services.awaiting_approval_by(self.request.user).values("pk"))  # type: ignore[union-attr]


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


class ReviewPlanViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Kế hoạch rà soát / review plans. Creating one opens a task for each document in its scope."""

    serializer_class = PlanSerializer
    permission_classes = [PlanWrites]
    queryset = ReviewPlan.objects.select_related("owner")

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
        )
        return Response(PlanSerializer(plan).data, status=201)

    @extend_schema(request=ScopeSerializer, responses=ScopePreviewSerializer)
    @action(detail=False, methods=["post"])
    def preview(self, request: Request) -> Response:
        """How many documents a scope covers (the tasks a plan with it would open); a bad scope is a 400, as on
        creation."""
        form = ScopeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        count = services.documents_in_scope(form.validated_data.get("scope") or {}).count()
        return Response({"documents": count})


class ReviewTaskViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Nhiệm vụ rà soát / review tasks. PATCH edits (with If-Match or "version"); POST …/{action}/ moves it."""

    serializer_class = TaskSerializer
    permission_classes = [StaffOnly]
    filterset_class = TaskFilter
    queryset = ReviewTask.objects.select_related(
        "document", "document__issuer", "reviewer", "submitted_by", "decided_by", "recommendation"
    )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        task = self.get_object()
        return Response(self.get_serializer(task).data, headers={"ETag": f'"{task.version}"'})

    @extend_schema(responses=AssigneeSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def assignees(self, request: Request) -> Response:
        """Who can be given review tasks: active reviewers, legal officers and admins."""
        users = (
            User.objects.filter(
                Q(groups__name__in=[r.value for r in STAFF_ROLES]) | Q(is_superuser=True), is_active=True
            )
            .distinct()
            .order_by("username")
        )
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


class RecommendationFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=[(s.value, s.value) for s in workflow.RecommendationStatus])
    action = django_filters.ChoiceFilter(choices=[(o.value, o.value) for o in Outcome if o != Outcome.KEEP])
    document = django_filters.NumberFilter(field_name="targets")
    deadline_before = django_filters.DateFilter(field_name="deadline", lookup_expr="lte")

    class Meta:
        model = Recommendation
        fields: list[str] = []


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


class RecommendationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Kiến nghị xử lý / recommendations, tracked until the document that carries them out is issued.
    Staff read; legal officers edit (PATCH with If-Match or "version") and record drafting steps."""

    serializer_class = RecommendationSerializer
    permission_classes = [RecommendationWrites]
    filterset_class = RecommendationFilter
    queryset = Recommendation.objects.select_related("resolved_by").prefetch_related("targets__issuer", "steps")

    def _answer(self, pk: int) -> Response:
        rec = self.get_queryset().get(pk=pk)
        return Response(RecommendationSerializer(rec).data, headers={"ETag": f'"{rec.version}"'})

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._answer(self.get_object().pk)

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
        from backend.catalogue.api.imports import job_answer
        from backend.catalogue.importers import jobs
        from backend.reviews import tracker

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


class NotificationSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    message = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "day", "message", "message_vi", "message_en", "link", "read_at", "closed_at"]

    def get_message(self, obj: Notification) -> str:
        from backend.core.language import current_lang

        return obj.message_en if current_lang() == "en" else obj.message_vi


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Thông báo / my notifications (staff). ?unread=true for the unread ones that still ask for something (a
    closed notice, about something already done, is not counted); POST …/{id}/read/ marks one read."""

    serializer_class = NotificationSerializer
    permission_classes = [StaffOnly]

    def get_queryset(self) -> QuerySet[Notification]:
        qs = Notification.objects.filter(user_id=int(self.request.user.pk or 0))  # staff only: a real user
        if bool_param(self.request, "unread"):
            qs = qs.filter(read_at__isnull=True, closed_at__isnull=True)
        return qs

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        notice = self.get_object()
        if notice.read_at is None:
            notice.read_at = timezone.now()
            notice.save(update_fields=["read_at"])
        return Response(NotificationSerializer(notice).data)


class ReviewReportView(APIView):
    """Báo cáo rà soát năm / the yearly review report: JSON, or ?format=docx|xlsx to download."""

    permission_classes = [StaffOnly]

    @extend_schema(
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, required=True),
            OpenApiParameter("issuer", OpenApiTypes.STR, description="Mã cơ quan, nhiều mã cách nhau bởi dấu phẩy"),
            OpenApiParameter("with_predecessors", OpenApiTypes.BOOL),
            OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "docx", "xlsx"]),
        ],
        responses=download_responses(DOCX, XLSX, json=ReviewReportSerializer),
    )
    def get(self, request: Request) -> Response | HttpResponse:
        from backend.reviews import report

        raw_year = request.query_params.get("year", "")
        if not raw_year.isdigit() or not 1 <= int(raw_year) <= 9999:
            raise ApplicationError(
                "year_required", "Cần năm báo cáo (1-9999).", "A report year (1-9999) is required.", field="year"
            )
        codes = [c for c in request.query_params.get("issuer", "").split(",") if c]
        issuers = issuer_codes(codes, with_predecessors=bool_param(request, "with_predecessors"))
        data = report.yearly(int(raw_year), issuers)
        return in_format(
            request.query_params.get("format", "json"),
            f"bao-cao-ra-soat-{raw_year}",
            {"docx": lambda: report.to_docx(data), "xlsx": lambda: report.to_xlsx(data)},
            data,
        )
