"""Thin API views: parse input, call one service or selector, shape the answer."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status as http
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from backend.accounts.roles import Role, has_role
from backend.catalogue import selectors, services
from backend.catalogue.api import serializers as s
from backend.catalogue.api.answers import TimelineSerializer, ValiditySerializer
from backend.catalogue.filters import DocumentFilter
from backend.catalogue.models import Authority, Document, DocumentType, Field, Relation
from backend.catalogue.validity import RelationKind
from backend.core.filters import parse_date_param
from backend.core.language import current_lang
from backend.core.parsers import CheckedMultiPartParser
from backend.core.schema import ErrorSerializer, download_responses
from backend.core.versioning import expected_version


def attachment_header(name: str) -> str:
    """Content-Disposition for a download keeping a Vietnamese name: RFC 6266 with the RFC 5987 ``filename*``,
    and an ASCII ``filename`` (the name without diacritics) for clients that do not read it."""
    from urllib.parse import quote

    from legal.numbers import fold

    fallback = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\' else "_" for ch in fold(name))
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


class ReferenceViewSet(viewsets.ModelViewSet):
    """CRUD for small reference tables, every write audited through the services."""

    lookup_field = "code"

    def perform_create(self, serializer: BaseSerializer) -> None:
        instance = serializer.Meta.model(**serializer.validated_data)  # type: ignore[attr-defined]
        serializer.instance = services.reference_save(instance, actor=self.request.user)

    def perform_update(self, serializer: BaseSerializer) -> None:
        instance = serializer.instance
        for key, value in serializer.validated_data.items():
            setattr(instance, key, value)
        serializer.instance = services.reference_save(instance, actor=self.request.user)

    def perform_destroy(self, instance: Any) -> None:
        services.reference_delete(instance, actor=self.request.user)


class AuthorityViewSet(ReferenceViewSet):
    queryset = Authority.objects.select_related("succeeded_by").prefetch_related("predecessors")
    serializer_class = s.AuthoritySerializer
    filterset_fields = ["level"]
    ordering_fields = ["code", "name"]


class DocumentTypeViewSet(ReferenceViewSet):
    queryset = DocumentType.objects.all()
    serializer_class = s.DocumentTypeSerializer
    ordering_fields = ["rank", "name"]


class FieldViewSet(ReferenceViewSet):
    queryset = Field.objects.all()
    serializer_class = s.FieldSerializer
    ordering_fields = ["name"]


def document_input(data: dict[str, Any]) -> services.DocumentInput:
    return services.DocumentInput(
        number=data["number"],
        doc_type=data["type"],
        issuer=data["issuer"],
        title=data["title"],
        issued_on=data["issued_on"],
        signer=data.get("signer", ""),
        effective_from=data.get("effective_from"),
        effective_until=data.get("effective_until"),
        fields=data.get("fields", []),
        text=data.get("text", ""),
        normative=data.get("normative", True),
        published=data.get("published", True),
        responsible=data["responsible"] if "responsible" in data else services.UNCHANGED,
    )


ON_PARAM = OpenApiParameter("on", OpenApiTypes.DATE, description="Ngày xét hiệu lực / date to answer for")


class DocumentViewSet(viewsets.ModelViewSet):
    filterset_class = DocumentFilter
    ordering_fields = ["number_key", "issued_on", "effective_from", "title", "status"]
    ordering = ["-issued_on", "number_key"]

    def get_queryset(self) -> QuerySet[Document]:
        return selectors.document_queryset(include_drafts=has_role(self.request.user, Role.REVIEWER))

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action in ("create", "update", "partial_update"):
            return s.DocumentInputSerializer
        if self.action == "retrieve":
            return s.DocumentDetailSerializer
        return s.DocumentListSerializer

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "lang": current_lang()}

    def _detail(self, doc: Document, code: int = http.HTTP_200_OK) -> Response:
        """The answer of a write: the document read again, as a reader would now see it."""
        return self._answer(self.get_queryset().get(pk=doc.pk), code)

    def _answer(self, doc: Document, code: int = http.HTTP_200_OK) -> Response:
        data = s.DocumentDetailSerializer(doc, context=self.get_serializer_context()).data
        return Response(data, status=code, headers={"ETag": f'"{doc.version}"'})

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._answer(self.get_object())  # read through get_queryset already

    @extend_schema(request=s.DocumentInputSerializer, responses=s.DocumentDetailSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = s.DocumentInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        doc = services.document_create(actor=request.user, data=document_input(form.validated_data))
        return self._detail(doc, http.HTTP_201_CREATED)

    @extend_schema(request=s.DocumentInputSerializer, responses=s.DocumentDetailSerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        doc = self.get_object()
        partial = kwargs.get("partial", False)
        if partial:
            current = {
                "number": doc.number,
                "type": doc.doc_type.code,
                "issuer": doc.issuer.code,
                "title": doc.title,
                "signer": doc.signer,
                "issued_on": doc.issued_on,
                "effective_from": doc.effective_from,
                "effective_until": doc.effective_until,
                "fields": [f.code for f in doc.fields.all()],
                "text": doc.text,
                "normative": doc.normative,
                "published": doc.published,
            }
            form = s.DocumentInputSerializer(data={**current, **request.data})
        else:
            form = s.DocumentInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        doc = services.document_update(
            actor=request.user,
            document=doc,
            data=document_input(form.validated_data),
            expected_version=expected_version(request, form.validated_data),
        )
        return self._detail(doc)

    @extend_schema(request=s.DocumentInputSerializer, responses=s.DocumentDetailSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().partial_update(request, *args, **kwargs)

    def perform_destroy(self, instance: Document) -> None:
        services.document_delete(
            actor=self.request.user,
            document=instance,
            expected_version=expected_version(self.request, self.request.data),
        )

    @extend_schema(parameters=[ON_PARAM], responses=ValiditySerializer)
    @action(detail=True, methods=["get"])
    def status(self, request: Request, pk: str | None = None) -> Response:
        """Tình trạng hiệu lực vào một ngày / the status on a date (default today)."""
        doc = self.get_object()
        on = parse_date_param(request.query_params.get("on")) or selectors.today()
        return Response(s.validity_payload(selectors.validity_on(doc, on), current_lang()))

    @extend_schema(responses=TimelineSerializer)
    @action(detail=True, methods=["get"])
    def timeline(self, request: Request, pk: str | None = None) -> Response:
        """Dòng thời gian hiệu lực / the status timeline, computed, plus the recorded status changes."""
        doc = self.get_object()
        lang = current_lang()
        return Response(
            {
                "document": doc.number,
                "timeline": [s.validity_payload(v, lang) for v in selectors.document_timeline(doc)],
                "history": s.StatusChangeSerializer(doc.status_changes.all(), many=True).data,
            }
        )

    @extend_schema(request=s.SourceFileSerializer, responses=s.DocumentDetailSerializer)
    @action(detail=True, methods=["post"], url_path="source-file", parser_classes=[CheckedMultiPartParser])
    def source_file(self, request: Request, pk: str | None = None) -> Response:
        """Tải lên tệp gốc (.docx, .pdf) / upload the source file."""
        form = s.SourceFileSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        doc = services.document_attach_source(
            actor=request.user, document=self.get_object(), upload=form.validated_data["file"]
        )
        return self._detail(doc)

    @extend_schema(
        responses={**download_responses(*selectors.SOURCE_CONTENT_TYPES.values()), 404: ErrorSerializer},
    )
    @action(detail=True, methods=["get"], url_path="file")
    def file(self, request: Request, pk: str | None = None) -> FileResponse:
        """Tải tệp gốc / download the source file: a published document's to everyone, others' to staff only
        (``get_object`` reads the same queryset as the rest of this view). Saved under its Vietnamese name
        (RFC 6266 ``filename*``)."""
        try:
            doc = self.get_object()
        except Http404 as exc:
            raise selectors.no_source_file() from exc
        stored = selectors.source_file_of(doc)
        response = FileResponse(stored.handle, content_type=stored.content_type)
        response["Content-Disposition"] = attachment_header(stored.name)
        return response

    # A plain list, not a page (the web app reads it whole): no paginator, so the schema says so too.
    @extend_schema(responses=s.RelationSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def relations(self, request: Request, pk: str | None = None) -> Response:
        doc = self.get_object()
        rels = selectors.relations_of(doc)
        if not has_role(request.user, Role.REVIEWER):
            rels = rels.filter(source__published=True, target__published=True)
        return Response(s.RelationSerializer(rels, many=True).data)


def _relation_input(data: dict[str, Any]) -> services.RelationInput:
    return services.RelationInput(
        source=data["source"],
        target=data["target"],
        kind=RelationKind(data["kind"]),
        effective_on=data["effective_on"],
        ends_on=data.get("ends_on"),
        provisions=data.get("provisions"),
        note=data.get("note", ""),
    )


class RelationViewSet(viewsets.ModelViewSet):
    filterset_fields = ["kind", "source", "target"]
    ordering_fields = ["effective_on", "id"]

    def get_queryset(self) -> QuerySet[Relation]:
        qs = Relation.objects.select_related("source__issuer", "target__issuer")
        if not has_role(self.request.user, Role.REVIEWER):
            qs = qs.filter(source__published=True, target__published=True)
        return qs

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action in ("create", "update", "partial_update"):
            return s.RelationInputSerializer
        return s.RelationSerializer

    @extend_schema(request=s.RelationInputSerializer, responses=s.RelationSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = s.RelationInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        rel = services.relation_add(actor=request.user, data=_relation_input(form.validated_data))
        return Response(s.RelationSerializer(rel).data, status=http.HTTP_201_CREATED)

    @extend_schema(request=s.RelationInputSerializer, responses=s.RelationSerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        rel = self.get_object()
        current = {
            "source": rel.source_id,
            "target": rel.target_id,
            "kind": rel.kind,
            "effective_on": rel.effective_on,
            "ends_on": rel.ends_on,
            "provisions": rel.provisions,
            "note": rel.note,
        }
        data = {**current, **request.data} if kwargs.get("partial") else request.data
        form = s.RelationInputSerializer(data=data)
        form.is_valid(raise_exception=True)
        rel = services.relation_update(
            actor=request.user,
            relation=rel,
            data=_relation_input(form.validated_data),
            expected_version=expected_version(request, form.validated_data),
        )
        return Response(s.RelationSerializer(rel).data, headers={"ETag": f'"{rel.version}"'})

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        rel = self.get_object()
        return Response(s.RelationSerializer(rel).data, headers={"ETag": f'"{rel.version}"'})

    @extend_schema(request=s.RelationInputSerializer, responses=s.RelationSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().partial_update(request, *args, **kwargs)

    def perform_destroy(self, instance: Relation) -> None:
        version = expected_version(self.request, self.request.data)
        services.relation_delete(actor=self.request.user, relation=instance, expected_version=version)
