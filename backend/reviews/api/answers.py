"""Shapes of the parts of review answers that the serializers build as plain dicts or keep as JSON columns, for the
OpenAPI schema (and so the web app's generated types). The serializers (serializers.py) stay the one place that
builds them."""

from __future__ import annotations

from rest_framework import serializers


class DocumentRefSerializer(serializers.Serializer):
    """A document a recommendation acts on, or that resolved it (issuer only for targets)."""

    id = serializers.IntegerField()
    number = serializers.CharField()
    issuer = serializers.CharField(help_text="Mã cơ quan ban hành / the issuer's code")


class ResolvedBySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()


class TaskDocumentSerializer(serializers.Serializer):
    """The document a review task is about."""

    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    issuer = serializers.CharField(help_text="Mã cơ quan ban hành / the issuer's code")


def provision_list() -> serializers.ListField:
    """Provisions as stored (a JSON list of labels such as "Điều 3"), read-only in answers."""
    return serializers.ListField(child=serializers.CharField(), read_only=True)


def _counts() -> serializers.DictField:
    return serializers.DictField(child=serializers.IntegerField())


class ReportIssuedSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    by_type = _counts()
    by_issuer = _counts()


class ReportOutcomesSerializer(serializers.Serializer):
    by_type = serializers.DictField(child=_counts(), help_text="Kết quả rà soát theo loại văn bản / by document type")
    by_action = _counts()


class ReportRecommendationsSerializer(serializers.Serializer):
    opened = serializers.IntegerField()
    resolved = serializers.IntegerField()
    overdue = serializers.IntegerField()
    by_status = _counts()


class ReviewReportSerializer(serializers.Serializer):
    """The yearly review report (report.yearly): every review figure counts a task in the year it is due."""

    year = serializers.IntegerField()
    issuers = serializers.ListField(child=serializers.CharField())
    issued = ReportIssuedSerializer()
    counted_by = serializers.ChoiceField(choices=["due_on"])
    reviewed = serializers.IntegerField()
    tasks_by_state = _counts()
    outcomes = ReportOutcomesSerializer()
    recommendations = ReportRecommendationsSerializer()
