"""An amending document's operations on the documents it amends (decision 0018, §2).

The operations are the one source of truth of what an amending document changes: the provision-level `amends`,
`supplements`, `repeals` and `suspends` relations the validity engine reads are derived from the confirmed ones
(services.derive_relations), and the text on a date is built from the same ones (legal.consolidate).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from legal.operations import KINDS, STATES

INSTRUCTION_MAX_LENGTH = 4_000
EID_MAX_LENGTH = 200
WORDS_MAX_LENGTH = 2_000


class Operation(models.Model):
    """One change of one provision of `target` by `source`, as read from `source`'s text or added by an officer.

    `state`: `proposed` (read with confidence, awaiting an officer), `confirmed` (applied to the text and to the
    relations), `listed` (the reader could not read it with confidence: `reasons` say why; an officer corrects and
    confirms it, or rejects it), `rejected` (kept, so that reading the document again does not bring it back)."""

    class Origin(models.TextChoices):
        READER = "reader", _("đọc từ văn bản")
        OFFICER = "officer", _("cán bộ nhập")

    source = models.ForeignKey(
        "catalogue.Document", verbose_name=_("văn bản sửa đổi"), on_delete=models.CASCADE, related_name="operations"
    )
    # Null while the reader could not tell which document an instruction amends (reason target_document_unknown).
    target = models.ForeignKey(
        "catalogue.Document",
        verbose_name=_("văn bản được sửa đổi"),
        on_delete=models.CASCADE,
        related_name="operations_received",
        null=True,
        blank=True,
    )
    seq = models.PositiveIntegerField(_("thứ tự"))
    source_eid = models.CharField(_("vị trí trong văn bản sửa đổi"), max_length=EID_MAX_LENGTH, blank=True)
    instruction = models.TextField(_("câu sửa đổi"), blank=True)
    kind = models.CharField(_("loại thao tác"), max_length=20, choices=[(k, k) for k in KINDS])
    target_eid = models.CharField(_("điều khoản được sửa đổi"), max_length=EID_MAX_LENGTH, blank=True)
    anchor_eid = models.CharField(_("vị trí bổ sung"), max_length=EID_MAX_LENGTH, blank=True)
    new_text = models.TextField(_("nội dung mới"), blank=True)
    old_words = models.CharField(_("cụm từ cũ"), max_length=WORDS_MAX_LENGTH, blank=True)
    new_words = models.CharField(_("cụm từ mới"), max_length=WORDS_MAX_LENGTH, blank=True)
    except_words = models.JSONField(_("trừ cụm từ"), default=list, blank=True)
    scope_eids = models.JSONField(_("phạm vi"), default=list, blank=True)
    # Null while the reader could not tell the date (reason date_unclear).
    applies_on = models.DateField(_("ngày áp dụng"), null=True, blank=True)
    ends_on = models.DateField(_("ngày kết thúc ngưng hiệu lực"), null=True, blank=True)
    # An officer gave the date (added the operation, or corrected its date): reading the act again keeps it. A
    # date read from the act follows the act when it is edited (its effective date moved, a date clause reworded).
    dated_by_officer = models.BooleanField(_("ngày do cán bộ nhập"), default=False)
    state = models.CharField(_("trạng thái"), max_length=10, choices=[(s, s) for s in STATES], default="proposed")
    reasons = models.JSONField(_("lý do cần kiểm tra"), default=list, blank=True)
    precedence = models.SmallIntegerField(_("thứ tự ưu tiên"), default=0)
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.READER)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Raised by every edit: the ETag a client names in If-Match (optimistic locking, as for documents).
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["source", "seq"]
        verbose_name = _("thao tác sửa đổi")
        verbose_name_plural = _("thao tác sửa đổi")
        constraints = [
            models.UniqueConstraint(fields=["source", "seq"], name="operation_seq_unique_per_source"),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="operation_not_self"),
        ]
        indexes = [models.Index(fields=["target", "state"])]

    def __str__(self) -> str:
        return f"{self.source_id}#{self.seq} {self.kind} {self.target_eid}"


class TextBuild(models.Model):
    """The point-in-time text of one document, built once from its structure and the confirmed operations acting
    on it (legal.consolidate) and kept until either changes: then the build is deleted (with its versions) in the
    writing transaction or by the consumer of the catalogue's events, and the next request builds it again."""

    document = models.OneToOneField(
        "catalogue.Document", on_delete=models.CASCADE, primary_key=True, related_name="text_build"
    )
    base_from = models.DateField()
    # [{"valid_from", "valid_until", "status", "changes": [note, …]}, …]: the versions list as the API gives it.
    versions = models.JSONField(default=list)
    # Operations the applier held back ({"operation", "reasons"}), for the officer.
    held = models.JSONField(default=list)
    # The amending documents the notes cite, by id: number, type, title, dates (what a footnote prints).
    sources = models.JSONField(default=dict)
    built_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"text of {self.document_id}"


class TextVersion(models.Model):
    """One version of a document's text, as the API serves it: JSON bytes, written once, served as they are."""

    build = models.ForeignKey(TextBuild, on_delete=models.CASCADE, related_name="text_versions")
    valid_from = models.DateField()
    valid_until = models.DateField(null=True, blank=True)
    body = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["build", "valid_from"], name="text_version_unique_start")]

    def __str__(self) -> str:
        return f"text of {self.build_id} from {self.valid_from}"
