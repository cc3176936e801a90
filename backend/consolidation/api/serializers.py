"""Operations as the API shows and takes them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backend.accounts.roles import Role, has_role
from backend.catalogue.api.serializers import DocumentBriefSerializer
from backend.catalogue.models import Document
from backend.consolidation.models import EID_MAX_LENGTH, INSTRUCTION_MAX_LENGTH, WORDS_MAX_LENGTH, Operation
from backend.core.language import current_lang
from legal.operations import KINDS, reason_text
from legal.provisions import ProvisionError, eid_label


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


def provision_name(eid: str) -> str:
    """How a person names the provision an eId identifies: "Khoản 2 Điều 5", "Khoản 2 Điều 5 (Quy định)"; an
    annex or form by its identifier until its printed name is known."""
    if not eid:
        return ""
    try:
        return eid_label(eid)
    except ProvisionError:
        return eid


class OperationSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    source = DocumentBriefSerializer(read_only=True)  # type: ignore[assignment]  # DRF pops declared fields
    target = DocumentBriefSerializer(read_only=True, allow_null=True)
    reasons = serializers.SerializerMethodField()
    target_label = serializers.SerializerMethodField()
    anchor_label = serializers.SerializerMethodField()
    # The listed provisions of a words change, as a person names them (the web app words the change with them).
    scope_labels = serializers.SerializerMethodField()
    except_words = serializers.ListField(child=serializers.CharField(), read_only=True)
    scope_eids = serializers.ListField(child=serializers.CharField(), read_only=True)
    decided_by = serializers.SerializerMethodField()

    class Meta:
        model = Operation
        fields = [
            "id",
            "source",
            "target",
            "seq",
            "source_eid",
            "instruction",
            "kind",
            "target_eid",
            "target_label",
            "anchor_eid",
            "anchor_label",
            "new_text",
            "old_words",
            "new_words",
            "except_words",
            "scope_eids",
            "scope_labels",
            "applies_on",
            "ends_on",
            "state",
            "reasons",
            "precedence",
            "origin",
            "decided_by",
            "decided_at",
            "version",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_decided_by(self, obj: Operation) -> str | None:
        # Who decided is the staff's business: a citizen reading the confirmed operations is not told names.
        request = self.context.get("request")
        if request is None or not has_role(request.user, Role.REVIEWER) or obj.decided_by is None:
            return None
        return str(obj.decided_by.get_username())

    def get_target_label(self, obj: Operation) -> str:
        return provision_name(obj.target_eid)

    def get_anchor_label(self, obj: Operation) -> str:
        return provision_name(obj.anchor_eid)

    def get_scope_labels(self, obj: Operation) -> list[str]:
        return [provision_name(eid) for eid in obj.scope_eids]

    @extend_schema_field(ReasonSerializer(many=True))
    def get_reasons(self, obj: Operation) -> list[dict[str, str]]:
        lang = current_lang()
        return [{"code": code, "message": reason_text(code, lang)} for code in obj.reasons]


_WORDS = serializers.CharField(max_length=WORDS_MAX_LENGTH, allow_blank=True, trim_whitespace=False)


class OperationInputSerializer(serializers.Serializer):
    """What an officer adds or corrects. `source` is taken on creation only."""

    source = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]  # DRF pops declared fields
        queryset=Document.objects.all(), required=False
    )
    target = serializers.PrimaryKeyRelatedField(queryset=Document.objects.all(), allow_null=True)
    kind = serializers.ChoiceField(choices=[kind for kind in KINDS if kind != "unknown"])
    target_eid = serializers.CharField(max_length=EID_MAX_LENGTH, allow_blank=True, required=False, default="")
    anchor_eid = serializers.CharField(max_length=EID_MAX_LENGTH, allow_blank=True, required=False, default="")
    new_text = serializers.CharField(allow_blank=True, required=False, default="", trim_whitespace=False)
    old_words = serializers.CharField(
        max_length=WORDS_MAX_LENGTH, allow_blank=True, required=False, default="", trim_whitespace=False
    )
    new_words = serializers.CharField(
        max_length=WORDS_MAX_LENGTH, allow_blank=True, required=False, default="", trim_whitespace=False
    )
    except_words = serializers.ListField(child=_WORDS, required=False, default=list, max_length=50)
    scope_eids = serializers.ListField(
        child=serializers.CharField(max_length=EID_MAX_LENGTH), required=False, default=list, max_length=500
    )
    applies_on = serializers.DateField(allow_null=True, required=False, default=None)
    ends_on = serializers.DateField(allow_null=True, required=False, default=None)
    precedence = serializers.IntegerField(min_value=-100, max_value=100, required=False, default=0)
    instruction = serializers.CharField(max_length=INSTRUCTION_MAX_LENGTH, allow_blank=True, required=False, default="")
    version = serializers.IntegerField(required=False, min_value=1)
