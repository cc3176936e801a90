"""Serializer fields that accept the ways officers name things: codes, names, or numbers."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

from backend.catalogue import responsible, selectors
from backend.catalogue.models import Authority, Document, DocumentType, Field
from legal import numbers


class AuthorityField(serializers.Field):
    """An authority by its code (e.g. "UBND-AG")."""

    default_error_messages = {
        "unknown": "Không có cơ quan ban hành mã '{value}' / Unknown authority code '{value}'.",
        "invalid": "Cần mã cơ quan ban hành (chuỗi) / An authority code (string) is required.",
    }

    def to_internal_value(self, data: Any) -> Authority:
        if not isinstance(data, str) or not data.strip():
            self.fail("invalid")
        try:
            return Authority.objects.get(code=data.strip())
        except Authority.DoesNotExist:
            self.fail("unknown", value=data)
        raise AssertionError  # unreachable: fail() raises

    def to_representation(self, value: Authority) -> dict[str, str]:
        return {"code": value.code, "name": value.name}


class ResponsibleField(serializers.Field):
    """A document's responsible organisation by its code (e.g. "stc-ag"); null for none."""

    default_error_messages = {
        "unknown": "Không có cơ quan, đơn vị mã '{value}' / Unknown organisation code '{value}'.",
        "invalid": "Cần mã cơ quan, đơn vị (chuỗi) hoặc null / An organisation code (string) or null is required.",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            self.fail("invalid")
        if not data.strip():
            return None  # an emptied select clears it, as null does
        found = responsible.by_code(data.strip())
        if found is None:
            self.fail("unknown", value=data)
        return found

    def to_representation(self, value: Any) -> dict[str, str] | None:
        return responsible.brief(value)


class DocumentTypeField(serializers.Field):
    """A document type by code or Vietnamese name ("Quyết định")."""

    default_error_messages = {
        "unknown": "Không có loại văn bản '{value}' / Unknown document type '{value}'.",
        "invalid": "Cần loại văn bản (chuỗi) / A document type (string) is required.",
    }

    def to_internal_value(self, data: Any) -> DocumentType:
        if not isinstance(data, str) or not data.strip():
            self.fail("invalid")
        value = " ".join(data.split())
        found = DocumentType.objects.filter(Q(code=value) | Q(name__iexact=value)).first()
        if found is None:
            self.fail("unknown", value=data)
        return found  # type: ignore[return-value]

    def to_representation(self, value: DocumentType) -> dict[str, str]:
        return {"code": value.code, "name": value.name}


class FieldListField(serializers.ListField):
    """Fields (lĩnh vực) by code or name."""

    default_error_messages = {
        "unknown": "Không có lĩnh vực '{value}' / Unknown field '{value}'.",
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(child=serializers.CharField(max_length=150), **kwargs)

    def to_internal_value(self, data: Any) -> list[Field]:
        names = super().to_internal_value(data)
        found: list[Field] = []
        for name in names:
            value = " ".join(name.split())
            item = Field.objects.filter(Q(code=value) | Q(name__iexact=value)).first()
            if item is None:
                self.fail("unknown", value=name)
            found.append(item)  # type: ignore[arg-type]
        return found

    def to_representation(self, data: Any) -> list[str]:
        return [f.name for f in data.all()] if hasattr(data, "all") else [f.name for f in data]


class DocumentRefField(serializers.Field):
    """A document by id, by number (if unique), or by {"number": ..., "issuer": code}."""

    default_error_messages = {
        "invalid": "Cần id, số ký hiệu hoặc {{number, issuer}} / An id, a number or {{number, issuer}} is required.",
        "unknown": "Không tìm thấy văn bản '{value}' / Document '{value}' not found.",
        "ambiguous": "Số '{value}' thuộc nhiều cơ quan; hãy ghi thêm issuer / "
        "Number '{value}' exists under several issuers; add the issuer.",
        "bad_number": "Không đọc được số ký hiệu '{value}' / Cannot read the number '{value}'.",
    }

    def to_internal_value(self, data: Any) -> Document:
        if isinstance(data, bool):
            self.fail("invalid")
        if isinstance(data, int):
            doc = Document.objects.filter(pk=data).first()
            if doc is None:
                self.fail("unknown", value=data)
            return doc  # type: ignore[return-value]
        issuer = None
        if isinstance(data, dict):
            number, issuer = data.get("number"), data.get("issuer")
            if issuer is not None and not isinstance(issuer, str):
                self.fail("invalid")
        else:
            number = data
        if not isinstance(number, str) or not number.strip():
            self.fail("invalid")
        if number.strip().isdigit() and issuer is None:
            doc = Document.objects.filter(pk=int(number)).first()
            if doc is not None:
                return doc
        try:
            return selectors.document_by_number(number, issuer)
        except numbers.NumberError:
            self.fail("bad_number", value=number)
        except selectors.DocumentNotFound:
            self.fail("unknown", value=number if not issuer else f"{number} ({issuer})")
        except selectors.AmbiguousNumber:
            self.fail("ambiguous", value=number)
        raise AssertionError  # unreachable: fail() raises

    def to_representation(self, value: Document) -> dict[str, Any]:
        return {"id": value.pk, "number": value.number, "issuer": value.issuer.code, "title": value.title}


# --- what these fields look like in the OpenAPI schema ---------------------------------------------------------
# They read one shape and write another (a code in, {code, name} out), which drf-spectacular cannot infer: these
# extensions say so for each direction (request and response components are split, COMPONENT_SPLIT_REQUEST).


class CodeNameSerializer(serializers.Serializer):
    """An authority or a document type as answers show it."""

    code = serializers.CharField()
    name = serializers.CharField()


class DocumentRefSerializer(serializers.Serializer):
    """A document as DocumentRefField shows it."""

    id = serializers.IntegerField()
    number = serializers.CharField()
    issuer = serializers.CharField(help_text="Mã cơ quan ban hành / authority code")
    title = serializers.CharField()


class _CodeNameFieldSchema(OpenApiSerializerFieldExtension):
    target_class: type[serializers.Field] = AuthorityField
    request_description = "Mã cơ quan ban hành / authority code, e.g. UBND-AG"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        if direction == "request":
            return {"type": "string", "minLength": 1, "description": self.request_description}
        return auto_schema.resolve_serializer(CodeNameSerializer, direction).ref  # type: ignore[no-any-return]


class _ResponsibleFieldSchema(OpenApiSerializerFieldExtension):
    target_class = ResponsibleField

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        if direction == "request":
            return {
                "type": "string",
                "nullable": True,
                "description": "Mã cơ quan chủ trì soạn thảo; null để bỏ / the responsible organisation's code; "
                "null clears it",
            }
        ref = auto_schema.resolve_serializer(CodeNameSerializer, direction).ref
        return {"allOf": [ref], "nullable": True}


class _DocumentTypeFieldSchema(_CodeNameFieldSchema):
    target_class = DocumentTypeField
    request_description = "Mã hoặc tên loại văn bản / document type code or name, e.g. Quyết định"


class _DocumentRefFieldSchema(OpenApiSerializerFieldExtension):
    target_class = DocumentRefField

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        if direction == "response":
            return auto_schema.resolve_serializer(DocumentRefSerializer, direction).ref  # type: ignore[no-any-return]
        by_number_and_issuer = {
            "type": "object",
            "properties": {"number": {"type": "string"}, "issuer": {"type": "string"}},
            "required": ["number"],
        }
        return {
            "oneOf": [{"type": "integer"}, {"type": "string"}, by_number_and_issuer],
            "description": "Id, số ký hiệu, hoặc {number, issuer} / an id, a number, or {number, issuer}",
        }
