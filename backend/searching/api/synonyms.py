"""/api/v1/search/synonyms/: the shipped synonym list (read-only) and the admins' own groups.

Staff read; only admins write (capability synonyms.write): a group changes every search, for everyone. Writes go
through backend/searching/services.py (validated, audited, the cached groups forgotten).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from backend.accounts.permissions import Capability, staff_read_writes_need
from backend.searching import selectors, services
from backend.searching.models import SearchSynonym
from legal.synonyms import SHIPPED_SYNONYMS


def _both(vi: str, en: str) -> str:
    return f"{vi} / {en}"


_FORM_ERRORS: dict[str, Any] = {
    "invalid": _both("Cách viết phải là một chuỗi.", "A form must be a string."),
    "null": _both("Cách viết không được để trống.", "A form may not be null."),
    "blank": _both("Cách viết không được để trống.", "A form may not be blank."),
    "max_length": _both(
        f"Mỗi cách viết tối đa {services.MAX_FORM_CHARS} ký tự.",
        f"At most {services.MAX_FORM_CHARS} characters per form.",
    ),
}
_FORMS_ERRORS: dict[str, Any] = {
    "required": _both("Cần các cách viết của nhóm.", "The group's forms are required."),
    "null": _both("Cần các cách viết của nhóm.", "The group's forms are required."),
    "not_a_list": _both("Cần một danh sách các cách viết.", "A list of forms is required."),
    "empty": _both("Cần ít nhất hai cách viết.", "At least two forms are needed."),
    "min_length": _both("Cần ít nhất hai cách viết.", "At least two forms are needed."),
    "max_length": _both(f"Tối đa {services.MAX_FORMS} cách viết.", f"At most {services.MAX_FORMS} forms."),
}
_NOTE_ERRORS: dict[str, Any] = {
    "invalid": _both("Ghi chú phải là một chuỗi.", "The note must be a string."),
    "null": _both("Ghi chú không được là null.", "The note may not be null."),
    "max_length": _both("Ghi chú tối đa 300 ký tự.", "At most 300 characters in the note."),
}
_ACTIVE_ERRORS: dict[str, Any] = {
    "invalid": _both("Cần true hoặc false.", "true or false is required."),
    "null": _both("Cần true hoặc false.", "true or false is required."),
}


def _forms_field(*, required: bool) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=services.MAX_FORM_CHARS, error_messages=_FORM_ERRORS),
        min_length=2,
        max_length=services.MAX_FORMS,
        required=required,
        error_messages=_FORMS_ERRORS,
    )


class SynonymSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    forms = serializers.ListField(child=serializers.CharField(), read_only=True)
    created_by = serializers.SerializerMethodField()

    class Meta:
        model = SearchSynonym
        fields = ["id", "forms", "note", "active", "created_by", "created_at", "updated_at"]
        read_only_fields = fields

    def get_created_by(self, obj: SearchSynonym) -> str | None:
        user = obj.created_by
        return (user.get_full_name() or user.get_username()) if user is not None else None


class ShippedGroupSerializer(serializers.Serializer):  # type: ignore[type-arg]
    forms = serializers.ListField(child=serializers.CharField())


@extend_schema_serializer(many=False)  # the list action answers one object, not an array of them
class SynonymListSerializer(serializers.Serializer):  # type: ignore[type-arg]
    shipped = ShippedGroupSerializer(many=True, help_text="The list shipped with the service (read-only).")
    custom = SynonymSerializer(many=True, help_text="The admins' groups, newest first.")


class SynonymCreateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    forms = _forms_field(required=True)
    note = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default="", error_messages=_NOTE_ERRORS
    )


class SynonymUpdateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    forms = _forms_field(required=False)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, error_messages=_NOTE_ERRORS)
    active = serializers.BooleanField(required=False, error_messages=_ACTIVE_ERRORS)


class SynonymViewSet(
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    """Từ đồng nghĩa, viết tắt trong tìm kiếm / search synonyms and abbreviations: "ATTP" also finds "an toàn thực
    phẩm", and back. Staff read; admins add, change (deactivate) and delete their groups."""

    serializer_class = SynonymSerializer
    permission_classes = [staff_read_writes_need(Capability.SYNONYMS_WRITE)]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    pagination_class = None

    def get_queryset(self) -> Any:
        return selectors.admin_synonyms()

    @extend_schema(responses=SynonymListSerializer)
    def list(self, request: Request) -> Response:
        """The shipped list and every admin group (at most 500 groups: not paged)."""
        data = {
            "shipped": [{"forms": list(group)} for group in SHIPPED_SYNONYMS],
            "custom": SynonymSerializer(self.get_queryset(), many=True).data,
        }
        return Response(data)

    @extend_schema(request=SynonymCreateSerializer, responses={201: SynonymSerializer})
    def create(self, request: Request) -> Response:
        form = SynonymCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        synonym = services.add_synonym(actor=request.user, **form.validated_data)
        return Response(SynonymSerializer(synonym).data, status=201)

    @extend_schema(request=SynonymUpdateSerializer, responses=SynonymSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        form = SynonymUpdateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        synonym = services.update_synonym(actor=request.user, synonym=self.get_object(), **form.validated_data)
        return Response(SynonymSerializer(synonym).data)

    def perform_destroy(self, instance: SearchSynonym) -> None:
        services.delete_synonym(actor=self.request.user, synonym=instance)
