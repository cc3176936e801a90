"""The catalogue: issuing authorities, document types, fields, documents, relations and status history."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.catalogue.validity import RelationKind, Status


class AuthorityLevel(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    PROVINCE = "province", _("Cấp tỉnh")
    COMMUNE = "commune", _("Cấp xã")


class Authority(models.Model):
    """An issuing body (cơ quan ban hành). A predecessor hands over to its successor on a date."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    level = models.CharField(_("cấp"), max_length=16, choices=AuthorityLevel.choices)
    succeeded_by = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan kế thừa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    succeeded_on = models.DateField(_("ngày kế thừa"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")

    def __str__(self) -> str:
        return self.name


class DocumentType(models.Model):
    """Loại văn bản: Luật, Nghị quyết, Nghị định, Quyết định, Chỉ thị, Thông tư, …"""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=100, unique=True)
    abbreviation = models.CharField(_("ký hiệu"), max_length=20, blank=True)
    rank = models.PositiveSmallIntegerField(_("thứ bậc"), default=100)

    class Meta:
        ordering = ["rank", "name"]
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")

    def __str__(self) -> str:
        return self.name


class Field(models.Model):
    """Lĩnh vực."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=150, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self) -> str:
        return self.name


# Text limits, for the API and every other way in (imports, files). A trích yếu runs to a few hundred characters
# (the longest seen in the corpus is under 1,000); the full text of a code with its annexes to a few MB.
TITLE_MAX_LENGTH = 3_000
TEXT_MAX_LENGTH = 5_000_000
NOTE_MAX_LENGTH = 5_000
PROVISION_MAX_LENGTH = 200
MAX_PROVISIONS = 500


class Document(models.Model):
    number = models.CharField(_("số ký hiệu"), max_length=80)
    # The normalised key from numbers.number_key; unique per issuer, so one number can exist under two issuers.
    number_key = models.CharField(max_length=80, db_index=True, editable=False)
    doc_type = models.ForeignKey(DocumentType, verbose_name=_("loại văn bản"), on_delete=models.PROTECT)
    issuer = models.ForeignKey(
        Authority, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="documents"
    )
    signer = models.CharField(_("người ký"), max_length=150, blank=True)
    title = models.TextField(_("trích yếu"))
    issued_on = models.DateField(_("ngày ban hành"))
    effective_from = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    effective_until = models.DateField(_("ngày hết hiệu lực (đến hết ngày)"), null=True, blank=True)
    fields = models.ManyToManyField(Field, verbose_name=_("lĩnh vực"), blank=True, related_name="documents")
    text = models.TextField(_("toàn văn"), blank=True)
    structure = models.JSONField(_("cấu trúc"), default=list, blank=True)
    source_file = models.FileField(_("tệp gốc"), upload_to="documents/%Y/", blank=True)
    normative = models.BooleanField(_("là văn bản QPPL"), default=True)
    # The organisation that drafted it or manages its field (decision 0023): review is shared out by it.
    responsible = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("cơ quan chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    published = models.BooleanField(_("đã ban hành"), default=True)

    # Stored answer of the validity engine for the last pass date, and when it must be recomputed.
    status = models.CharField(_("tình trạng hiệu lực"), max_length=24, choices=[(s.value, s.value) for s in Status])
    status_on = models.DateField(null=True, blank=True)
    next_transition_on = models.DateField(null=True, blank=True, db_index=True)

    # Raised by every write of the row: edits, imports, a new source file, a change of the stored status. It is
    # the ETag a client names in If-Match (optimistic locking), and the search index never lets an older snapshot
    # of a document replace a newer one (docs/reliability.md).
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-issued_on", "number_key"]
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "number_key"], name="document_number_unique_per_issuer"),
        ]
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["issued_on"]),
        ]

    def __str__(self) -> str:
        return self.number


class Relation(models.Model):
    """`source <kind> target`: the source document acts on (or is based on) the target."""

    source = models.ForeignKey(
        Document, verbose_name=_("văn bản tác động"), on_delete=models.CASCADE, related_name="outgoing"
    )
    target = models.ForeignKey(
        Document, verbose_name=_("văn bản bị tác động"), on_delete=models.CASCADE, related_name="incoming"
    )
    kind = models.CharField(_("loại quan hệ"), max_length=16, choices=[(k.value, k.value) for k in RelationKind])
    effective_on = models.DateField(_("ngày có hiệu lực"))
    ends_on = models.DateField(_("ngày chấm dứt"), null=True, blank=True)
    # Normalised provision labels ("Điều 3", "Khoản 2 Điều 5"); an empty list is the whole document.
    provisions = models.JSONField(_("điều khoản"), default=list, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    # Derived from the source's confirmed operations (decision 0018): edited there, never here, so that the status
    # the validity engine gives and the text on a date cannot disagree.
    derived = models.BooleanField(_("suy ra từ thao tác sửa đổi"), default=False)
    # Raised by every edit: the ETag a client names in If-Match, as for documents (optimistic locking).
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["effective_on", "id"]
        verbose_name = _("quan hệ văn bản")
        verbose_name_plural = _("quan hệ văn bản")
        constraints = [
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="relation_not_self"),
            models.UniqueConstraint(
                fields=["source", "target", "kind", "effective_on"], name="relation_unique_per_day"
            ),
        ]
        indexes = [models.Index(fields=["target", "kind"]), models.Index(fields=["effective_on"])]

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.target}"


class StatusChange(models.Model):
    """One change of a document's stored status, with its cause: the single status history."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="status_changes")
    changed_on = models.DateField(_("ngày thay đổi"))
    previous_status = models.CharField(max_length=24, blank=True)
    status = models.CharField(max_length=24)
    reason = models.CharField(max_length=24)
    caused_by = models.JSONField(default=list, blank=True)
    provisions = models.JSONField(default=list, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_on", "id"]
        constraints = [
            # A re-run of the daily pass must not record the same change twice.
            models.UniqueConstraint(fields=["document", "changed_on", "status"], name="status_change_once"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id}: {self.previous_status} → {self.status} ({self.changed_on})"


class ImportJob(models.Model):
    """An uploaded interchange file and the outcome of importing it; progress lives in the cache meanwhile."""

    class State(models.TextChoices):
        PENDING = "pending"
        RUNNING = "running"
        SUCCEEDED = "succeeded"
        FAILED = "failed"

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL)
    # What the file is imported as: "catalogue" (this app's interchange format) or a kind another app registers
    # with importers.jobs.register (the reviews app's tracking sheet, "tracker").
    kind = models.CharField(max_length=20, default="catalogue")
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    report = models.JSONField(default=dict, blank=True)
    # Written every few seconds by the worker running the job, outside the import's transaction: a job whose
    # heartbeat stops (its worker died) is queued again (jobs.stalled_jobs).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)  # runs started (jobs.MAX_ATTEMPTS at most)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.state})"
