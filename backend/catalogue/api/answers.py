"""The shapes of the answers the catalogue's views build as plain dicts (a document's status on a date, its
timeline, the public lookup) and of its JSON columns (a document's structure, a relation's provisions), for the
OpenAPI schema and so for the web app's generated types. tests/test_schema_truth.py checks real answers against
them; the views and the validity engine's to_dict() stay the one place that builds them."""

from __future__ import annotations

from typing import get_args

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backend.catalogue.api.fields import CodeNameSerializer
from backend.catalogue.validity import Status
from legal.provisions import NodeKind

STATUSES = [s.value for s in Status]


class CauseSerializer(serializers.Serializer):
    """A relation that caused a status: the other document's number, the relation's kind and date."""

    number = serializers.CharField()
    kind = serializers.CharField()
    effective_on = serializers.DateField()
    source_id = serializers.IntegerField()
    relation_id = serializers.IntegerField()


class ProvisionStateSerializer(serializers.Serializer):
    provision = serializers.CharField()
    status = serializers.CharField(help_text="expired | suspended")
    reason = serializers.CharField()
    caused_by = CauseSerializer(many=True)


class ReviewFlagSerializer(serializers.Serializer):
    basis_number = serializers.CharField()
    basis_id = serializers.IntegerField()
    relation_kind = serializers.CharField()
    basis_status = serializers.ChoiceField(choices=STATUSES)
    caused_by = CauseSerializer(many=True)


class ValiditySerializer(serializers.Serializer):
    """The validity engine's answer for one document on one date (Validity.to_dict), with the status's label."""

    on = serializers.DateField()
    status = serializers.ChoiceField(choices=STATUSES)
    status_label = serializers.CharField()
    reason = serializers.CharField()
    since = serializers.DateField(allow_null=True)
    caused_by = CauseSerializer(many=True)
    provisions = ProvisionStateSerializer(many=True)
    notes = CauseSerializer(many=True)
    review_flags = ReviewFlagSerializer(many=True)
    effective_date_assumed = serializers.BooleanField()


class StatusChangeAnswerSerializer(serializers.Serializer):
    changed_on = serializers.DateField()
    previous_status = serializers.CharField()
    status = serializers.CharField()
    reason = serializers.CharField()
    caused_by = serializers.JSONField(help_text="Các quan hệ gây ra thay đổi / the relations that caused it")
    provisions = serializers.ListField(child=serializers.CharField())
    recorded_at = serializers.DateTimeField()


class TimelineSerializer(serializers.Serializer):
    document = serializers.CharField(help_text="Số ký hiệu / the document's number")
    timeline = ValiditySerializer(many=True)
    history = StatusChangeAnswerSerializer(many=True)


class LookupCauseSerializer(serializers.Serializer):
    number = serializers.CharField()
    kind = serializers.CharField()
    effective_on = serializers.DateField()


class LookupProvisionSerializer(serializers.Serializer):
    provision = serializers.CharField()
    status = serializers.CharField()
    caused_by = LookupCauseSerializer(many=True)


class LookupResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    issuer = CodeNameSerializer()
    type = serializers.CharField(help_text="Tên loại văn bản / the type's name")
    issued_on = serializers.DateField(allow_null=True)
    effective_from = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=STATUSES)
    status_label = serializers.CharField()
    reason = serializers.CharField()
    since = serializers.DateField(allow_null=True)
    caused_by = LookupCauseSerializer(many=True)
    provisions = LookupProvisionSerializer(many=True)
    on = serializers.DateField()


class LookupAnswerSerializer(serializers.Serializer):
    results = LookupResultSerializer(many=True)
    on = serializers.DateField()


class StructureNodeSerializer(serializers.Serializer):
    """One node of a document's structure, as legal.provisions.parse_structure stores it: the provisions (Phần,
    Chương, Mục, Điều, Khoản, Điểm), the preamble, an attached regulation (its own tree, eid "quy-dinh"), the
    signature block ("closing", "ket-thuc"), annexes and forms (leaves, "phu-luc-ii", "mau-so-01")."""

    kind = serializers.ChoiceField(choices=list(get_args(NodeKind)))
    number = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF pops declared fields
    title = serializers.CharField()
    text = serializers.CharField()
    anchor = serializers.CharField()
    # Stable provision identifier (decision 0018); structures stored before it have none until rebuilt.
    eid = serializers.CharField(required=False)


# A node's children are nodes: declared after the class, so the schema refers to the component itself.
StructureNodeSerializer._declared_fields["children"] = StructureNodeSerializer(many=True)


@extend_schema_field(StructureNodeSerializer(many=True))
class StructureField(serializers.JSONField):
    """The stored structure as it is (a JSON column), described node by node in the schema."""


@extend_schema_field(serializers.ListField(child=serializers.CharField()))
class ProvisionListField(serializers.JSONField):
    """A relation's provisions as stored (a JSON list of labels such as "Điều 3"), a list of strings in the schema."""


class ExportBundleSerializer(serializers.Serializer):
    """GET /exports/?format=json (export.bundle_dict): the catalogue in the import format, one list per table; the
    rows' columns are the import template's (GET /imports/template/)."""

    authorities = serializers.ListField(child=serializers.DictField())
    documents = serializers.ListField(child=serializers.DictField())
    relations = serializers.ListField(child=serializers.DictField())
