"""Shapes of the list answers built as plain dicts (compute.document_summary, systematization.lists), for the
OpenAPI schema and so the web app's generated types. The builders stay the one place that makes them."""

from __future__ import annotations

from rest_framework import serializers

from backend.catalogue.validity import Status

STATUSES = [s.value for s in Status]


class ListDocumentSerializer(serializers.Serializer):
    """A document as a list's row shows it (compute.document_summary): the first four columns of every list."""

    id = serializers.IntegerField()
    number = serializers.CharField()
    type = serializers.CharField(help_text="Tên loại văn bản / the type's name")
    issuer = serializers.CharField(help_text="Mã cơ quan ban hành / the issuer's code")
    issued_on = serializers.DateField()
    effective_from = serializers.DateField(allow_null=True)
    title = serializers.CharField()


class ChangeRowSerializer(serializers.Serializer):
    """A row of list 1 or 2: a document that expired or was suspended (wholly or in part) in the period."""

    document = ListDocumentSerializer()
    status = serializers.CharField()
    reason = serializers.CharField()
    reason_label = serializers.CharField()
    reason_text = serializers.CharField(help_text="Lý do như văn bản .docx ghi / the reason as the .docx words it")
    since = serializers.DateField(allow_null=True)
    caused_by = serializers.JSONField()
    provisions = serializers.JSONField()


class InForceRowSerializer(serializers.Serializer):
    document = ListDocumentSerializer()
    status = serializers.ChoiceField(choices=STATUSES)
    status_label = serializers.CharField()


class NeedingActionRowSerializer(serializers.Serializer):
    document = ListDocumentSerializer()
    action = serializers.CharField()
    action_label = serializers.CharField()
    drafting_body = serializers.CharField()
    deadline = serializers.DateField(allow_null=True)
    recommendation = serializers.IntegerField()


class SystematizationSerializer(serializers.Serializer):
    """The four lists of a systematization period (systematization.lists); list 4 for staff only."""

    period = serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2)
    cutoff = serializers.DateField()
    issuers = serializers.ListField(child=serializers.CharField())
    expired_whole = ChangeRowSerializer(many=True)
    expired_partial = ChangeRowSerializer(many=True)
    in_force = InForceRowSerializer(many=True)
    needing_action = NeedingActionRowSerializer(many=True, required=False, help_text="Chỉ cho cán bộ / staff only")
