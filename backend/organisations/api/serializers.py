from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from rest_framework import serializers

from backend.catalogue.models import Field
from backend.organisations.models import Membership, Organisation


class OrganisationSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    parent = serializers.SlugRelatedField(  # type: ignore[assignment]  # the API names it "parent", as the model
        slug_field="code", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    succeeded_by = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    fields = serializers.SlugRelatedField(  # type: ignore[assignment]  # DRF pops declared fields
        slug_field="code", queryset=Field.objects.all(), many=True, required=False
    )
    version = serializers.IntegerField(read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "parent",
            "valid_from",
            "valid_until",
            "succeeded_by",
            "fields",
            "version",
        ]


class MembershipSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    user = serializers.SlugRelatedField(slug_field="username", queryset=get_user_model().objects.all())
    organisation = serializers.SlugRelatedField(slug_field="code", queryset=Organisation.objects.all())

    class Meta:
        model = Membership
        fields = ["id", "user", "organisation", "role", "created_at"]
        read_only_fields = ["id", "created_at"]
        validators: list[Any] = []  # one per (user, organisation): a second POST changes the role instead
