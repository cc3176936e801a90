"""Shapes of the parts of review answers that the serializers build as plain dicts or keep as JSON columns, for the
OpenAPI schema (and so the web app's generated types). The serializers in api.py stay the one place that builds
them."""

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
