"""Organisations (cơ quan, đơn vị) and who works in which: where review is shared out (decision 0023).

An organisation is not an issuing authority: the Sở Tư pháp drafts and checks but issues nothing, and the UBND
issues what a Sở drafted. The tree is the province (HĐND, UBND), the Sở Tư pháp, the specialised departments
(Sở, ban, ngành) and the communes (cấp xã, since 1 July 2025). The 2025 mergers renamed and merged departments as
they did issuers: an organisation names its successor, and its successor inherits its documents and tasks.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh (HĐND, UBND)")
    JUSTICE = "justice", _("Sở Tư pháp")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    COMMUNE = "commune", _("Cấp xã")


class Organisation(models.Model):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=12, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hoạt động từ ngày"), null=True, blank=True)
    valid_until = models.DateField(_("hoạt động đến ngày"), null=True, blank=True)
    succeeded_by = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan kế thừa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    # The fields (lĩnh vực) whose documents this organisation manages: a plan shared out "by field" gives it
    # the tasks of those documents.
    fields = models.ManyToManyField(
        "catalogue.Field", verbose_name=_("lĩnh vực quản lý"), blank=True, related_name="organisations"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="organisation_valid_until_after_from",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in an organisation: the role says what they may do, the organisation where."""

    class Role(models.TextChoices):
        REVIEWER = "reviewer", _("Người rà soát")
        LEGAL_OFFICER = "legal_officer", _("Cán bộ pháp chế")
        ADMIN = "admin", _("Quản trị")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__code", "user__username"]
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_organisation")]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.organisation_id}:{self.role}"
