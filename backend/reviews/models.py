"""Review plans, review tasks, recommendations and their drafting steps (see backend/reviews/workflow.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.catalogue.models import Document
from backend.reviews.workflow import Outcome, RecommendationStatus, State, StepKind


class ShareBy(models.TextChoices):
    NONE = "", _("không phân công")
    FIELD = "field", _("theo lĩnh vực")
    RESPONSIBLE = "responsible", _("theo cơ quan chủ trì soạn thảo")


class ReviewPlan(models.Model):
    """A review campaign (kế hoạch rà soát): one task per document in its scope."""

    class Kind(models.TextChoices):
        PERIODIC = "periodic", _("định kỳ")
        THEMATIC = "thematic", _("theo chuyên đề, lĩnh vực, địa bàn")
        TRIGGERED = "triggered", _("theo căn cứ rà soát")
        POST_MERGER = "post_merger", _("sau sắp xếp đơn vị hành chính")

    title = models.CharField(_("tên kế hoạch"), max_length=300)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    # The document filter that chose the tasks (the /documents/ filter parameters), kept as it was given.
    scope = models.JSONField(_("phạm vi"), default=dict, blank=True)
    # None: opened by the system (a triggered review).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("phụ trách"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_plans",
    )
    deadline = models.DateField(_("thời hạn"))
    # Whose plan it is (None: the province's, made by the Sở Tư pháp or by the system). Decision 0023.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("cơ quan chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_plans",
    )
    # How the plan shares its tasks out to organisations: "" all to the plan's organisation, "field" to the
    # organisation managing the document's field, "responsible" to the document's responsible organisation.
    share_by = models.CharField(_("phân công theo"), max_length=12, choices=ShareBy.choices, blank=True, default="")
    # Approval by the task's organisation's legal officer, then by the Sở Tư pháp.
    needs_justice_approval = models.BooleanField(_("cần Sở Tư pháp duyệt"), default=False)
    # The event that opened a triggered plan ("relation:12:replaces:7", "expired:34:2026-07-01"): one plan per
    # event, so a re-run of the fan-out finds the plan it made before.
    trigger_key = models.CharField(max_length=80, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class ReviewTask(models.Model):
    plan = models.ForeignKey(ReviewPlan, on_delete=models.CASCADE, related_name="tasks")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="review_tasks")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="review_tasks"
    )
    # The organisation whose staff review it (None: the province's own, the Sở Tư pháp's coordinators).
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("cơ quan rà soát"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_tasks",
    )
    due_on = models.DateField(_("hạn rà soát"))
    state = models.CharField(max_length=12, choices=[(s.value, s.value) for s in State], default=State.ASSIGNED.value)
    outcome = models.CharField(max_length=12, choices=[(o.value, o.value) for o in Outcome], blank=True)
    findings = models.TextField(_("nhận xét, đánh giá"), blank=True)
    legal_grounds = models.TextField(_("căn cứ pháp lý"), blank=True)
    provisions = models.JSONField(_("điều khoản liên quan"), default=list, blank=True)
    # What opened a triggered review: {"event": "replaces"|"repeals"|…|"expired", "document": id, "number": …}.
    trigger = models.JSONField(default=dict, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The first of two approvals, by the organisation's legal officer, when the plan needs the Sở Tư pháp's too.
    org_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    org_approved_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(_("ý kiến người duyệt"), blank=True)
    # Bumped by every write: a write must name the version it read (If-Match or "version"), else 409/412.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "document"], name="one_task_per_document_per_plan")]
        indexes = [models.Index(fields=["state", "due_on"]), models.Index(fields=["organisation", "state"])]

    def __str__(self) -> str:
        return f"{self.plan_id}/{self.document_id} {self.state}"


class Recommendation(models.Model):
    """A recommendation (kiến nghị xử lý), tracked until the document that carries it out is issued."""

    task = models.OneToOneField(
        ReviewTask, null=True, blank=True, on_delete=models.PROTECT, related_name="recommendation"
    )
    action = models.CharField(max_length=12, choices=[(o.value, o.value) for o in Outcome if o != Outcome.KEEP])
    targets = models.ManyToManyField(Document, related_name="recommendations", blank=True)
    target_text = models.TextField(_("văn bản cần xử lý (như ghi trong sổ theo dõi)"), blank=True)
    provisions = models.JSONField(default=list, blank=True)
    drafting_body = models.CharField(_("cơ quan soạn thảo"), max_length=300, blank=True)
    # The drafting organisation, whose staff record the steps (decision 0023); `drafting_body` keeps the text as
    # a tracker sheet wrote it.
    drafting_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("cơ quan chủ trì soạn thảo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    officer = models.CharField(_("người xử lý"), max_length=150, blank=True)
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    status = models.CharField(
        max_length=12,
        choices=[(s.value, s.value) for s in RecommendationStatus],
        default=RecommendationStatus.OPEN.value,
    )
    resolved_by = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_out_recommendations"
    )
    resolved_on = models.DateField(null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    # Where an imported recommendation came from ("tracker:<sheet>:<row>"): a re-import updates it.
    source_ref = models.CharField(max_length=120, unique=True, null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return f"{self.action} #{self.pk}"


class RecommendationStep(models.Model):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=14, choices=[(k.value, k.value) for k in StepKind])
    reference = models.CharField(_("số văn bản"), max_length=300, blank=True)
    on = models.DateField(_("ngày"), null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["recommendation", "id"]
        constraints = [models.UniqueConstraint(fields=["recommendation", "kind"], name="one_step_of_each_kind")]

    def __str__(self) -> str:
        return f"{self.kind} {self.reference}"
