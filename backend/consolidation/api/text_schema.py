"""The shape of the point-in-time text answers, for the schema (and the web app's types). The text itself is
served as stored bytes; these serializers describe it and render the versions and compare answers."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from backend.consolidation.api.serializers import ReasonSerializer, provision_name
from backend.core.language import current_lang
from legal.consolidate import COMPARE_CHANGES
from legal.operations import KINDS, reason_text


class NoteSerializer(serializers.Serializer):
    """One change, as a footnote of a văn bản hợp nhất cites it."""

    applies_on = serializers.DateField()
    source = serializers.CharField(  # type: ignore[assignment]  # DRF pops declared fields
        help_text="id of the amending document (a key of `sources`)"
    )
    source_eid = serializers.CharField()
    source_label = serializers.CharField(help_text="the provision of the amending document, e.g. Khoản 3 Điều 1")
    seq = serializers.IntegerField()
    kind = serializers.CharField()
    target_eid = serializers.CharField()
    instruction = serializers.CharField()
    ends_on = serializers.DateField(allow_null=True)
    occurrences = serializers.IntegerField(allow_null=True)
    corrected_by = serializers.ListField(
        child=serializers.CharField(),
        help_text="ids of the documents whose corrections (đính chính) mended this wording (keys of `sources`)",
    )


class VersionNodeSerializer(serializers.Serializer):
    kind = serializers.CharField()
    number = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF pops declared fields
    title = serializers.CharField()
    text = serializers.CharField()
    anchor = serializers.CharField()
    eid = serializers.CharField()
    status = serializers.ChoiceField(choices=["in_force", "repealed", "suspended"])
    notes = NoteSerializer(many=True)
    future = NoteSerializer(many=True)


VersionNodeSerializer._declared_fields["children"] = VersionNodeSerializer(many=True)


class SourceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    type = serializers.CharField()
    title = serializers.CharField()
    issued_on = serializers.DateField()
    effective_from = serializers.DateField(allow_null=True)


class TextVersionSerializer(serializers.Serializer):
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=["in_force", "repealed"])
    tree = VersionNodeSerializer(many=True)
    changes = NoteSerializer(many=True)
    future = NoteSerializer(many=True)
    sources = serializers.DictField(child=SourceSerializer())


class TextAnswerSerializer(serializers.Serializer):
    document = serializers.IntegerField()
    on = serializers.DateField()
    version = TextVersionSerializer(allow_null=True, help_text="null: no text was in force yet on that date")


class VersionSummarySerializer(serializers.Serializer):
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=["in_force", "repealed"])
    changes = NoteSerializer(many=True)


class HeldOperationSerializer(serializers.Serializer):
    """The operation the applier held back, as much of it as an officer needs to find it and see what it does."""

    source = serializers.CharField(  # type: ignore[assignment]  # DRF pops declared fields
        help_text="id of the amending document (a key of `sources`)"
    )
    seq = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=KINDS)
    target_eid = serializers.CharField(allow_blank=True)
    target_label = serializers.SerializerMethodField()
    instruction = serializers.CharField(allow_blank=True)
    applies_on = serializers.DateField()

    def get_target_label(self, operation: dict[str, Any]) -> str:
        """The provision as an officer names it ("Khoản 2 Điều 5", "Phụ lục II"); "" for the whole document."""
        return provision_name(operation.get("target_eid") or "")


class HeldSerializer(serializers.Serializer):
    operation = HeldOperationSerializer()
    reasons = serializers.SerializerMethodField()

    @extend_schema_field(ReasonSerializer(many=True))
    def get_reasons(self, held: dict[str, Any]) -> list[dict[str, str]]:
        """Each reason with its one wording in the caller's language, as the operations API gives it."""
        lang = current_lang()
        return [{"code": code, "message": reason_text(code, lang)} for code in held["reasons"]]


class VersionsAnswerSerializer(serializers.Serializer):
    document = serializers.IntegerField()
    base_from = serializers.DateField()
    versions = VersionSummarySerializer(many=True)
    sources = serializers.DictField(child=SourceSerializer())
    held = HeldSerializer(many=True, help_text="operations not applied, and why (staff only)")


class WordRunSerializer(serializers.Serializer):
    op = serializers.ChoiceField(choices=["equal", "delete", "insert"])
    text = serializers.CharField()


class ProvisionChangeSerializer(serializers.Serializer):
    eid = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF pops declared fields
    changes = serializers.ListField(child=serializers.ChoiceField(choices=COMPARE_CHANGES))
    title = WordRunSerializer(many=True)
    text = WordRunSerializer(many=True)


class CompareAnswerSerializer(serializers.Serializer):
    document = serializers.IntegerField()
    first_on = serializers.DateField()
    second_on = serializers.DateField()
    first_version = serializers.DateField(allow_null=True)
    second_version = serializers.DateField(allow_null=True)
    changes = ProvisionChangeSerializer(many=True)


# One path answers two questions: ?on= (the text) and ?compare= (what changed). The schema names both answers, so
# the web app's types for each are generated, not written by hand.
TEXT_OR_COMPARE = PolymorphicProxySerializer(
    component_name="TextOrCompareAnswer",
    serializers=[TextAnswerSerializer, CompareAnswerSerializer],
    resource_type_field_name=None,
)
