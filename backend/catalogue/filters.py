"""The document list's filters: GET /documents/'s parameters, and a review plan's scope, which means what the list
means (`documents_matching`). Outside the API for that reason; a bad value is the core's 400 naming it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.http import QueryDict

from backend.catalogue import responsible, selectors
from backend.catalogue.models import Authority, Document
from backend.catalogue.validity import Status
from backend.core.errors import ApplicationError, invalid
from backend.core.filters import StrictBooleanFilter, parse_date_param


class DocumentFilter(django_filters.FilterSet):
    type = django_filters.CharFilter(field_name="doc_type__code", label="Loại văn bản (mã)")
    issuer = django_filters.CharFilter(method="filter_issuer", label="Cơ quan ban hành (mã)")
    with_predecessors = StrictBooleanFilter(method="noop", label="Gồm cả văn bản của các cơ quan tiền nhiệm")
    field = django_filters.CharFilter(field_name="fields__code", label="Lĩnh vực (mã)")
    responsible = django_filters.CharFilter(
        method="filter_responsible",
        max_length=40,
        label="Cơ quan chủ trì (mã), gồm các đơn vị trực thuộc và cơ quan tiền nhiệm",
    )
    year = django_filters.NumberFilter(method="filter_year", label="Năm ban hành")
    issued_from = django_filters.DateFilter(field_name="issued_on", lookup_expr="gte")
    issued_to = django_filters.DateFilter(field_name="issued_on", lookup_expr="lte")
    published = StrictBooleanFilter()
    number = django_filters.CharFilter(method="filter_number", label="Số ký hiệu (mọi cách viết)")
    q = django_filters.CharFilter(
        method="filter_text", max_length=300, label="Số ký hiệu (mọi cách viết) hoặc chữ trong trích yếu / số"
    )
    status = django_filters.MultipleChoiceFilter(
        choices=[(s.value, s.value) for s in Status], method="filter_status", label="Tình trạng hiệu lực"
    )
    on = django_filters.CharFilter(method="noop", label="Ngày xét tình trạng (YYYY-MM-DD)")

    class Meta:
        model = Document
        fields: list[str] = []

    def noop(self, queryset: QuerySet[Document], name: str, value: Any) -> QuerySet[Document]:
        return queryset

    def filter_issuer(self, queryset: QuerySet[Document], name: str, value: str) -> QuerySet[Document]:
        authority = Authority.objects.filter(code=value).first()
        if authority is None:
            raise invalid({"issuer": [f"Không có cơ quan mã '{value}' / Unknown authority code '{value}'."]})
        if self.form.cleaned_data.get("with_predecessors"):
            return queryset.filter(issuer_id__in=selectors.authority_lineage_ids(authority))
        return queryset.filter(issuer=authority)

    def filter_responsible(self, queryset: QuerySet[Document], name: str, value: str) -> QuerySet[Document]:
        # The organisation's documents with those of its units and of the bodies merged into it (2025).
        try:
            ids = responsible.subtree(value)
        except ApplicationError as exc:
            raise invalid({"responsible": [f"{exc.message_vi} / {exc.message_en}"]}) from exc
        return queryset.filter(responsible_id__in=ids)

    def filter_year(self, queryset: QuerySet[Document], name: str, value: Any) -> QuerySet[Document]:
        # Django's year lookup builds a date, so year 0 or 10000 would fail inside the query.
        if value != int(value) or not 1 <= value <= 9999:
            raise invalid({"year": ["Năm phải từ 1 đến 9999 / The year must be 1 to 9999."]})
        return queryset.filter(issued_on__year=int(value))

    def filter_number(self, queryset: QuerySet[Document], name: str, value: str) -> QuerySet[Document]:
        from legal import numbers

        try:
            return queryset.filter(number_key=numbers.number_key(value))
        except numbers.NumberError as exc:
            raise invalid({"number": [f"{exc.message_vi} / {exc.message_en}"]}) from exc

    def filter_text(self, queryset: QuerySet[Document], name: str, value: str) -> QuerySet[Document]:
        """The officers' list box: a number in any spelling, or words of the title or number, as typed."""
        from legal import numbers

        text = " ".join(value.split())
        if not text:
            return queryset
        condition = Q(title__icontains=text) | Q(number__icontains=text)
        try:
            condition |= Q(number_key=numbers.number_key(text))
        except numbers.NumberError:
            pass  # not a number: words only
        return queryset.filter(condition)

    def filter_status(self, queryset: QuerySet[Document], name: str, value: list[str]) -> QuerySet[Document]:
        if not value:
            return queryset
        on = parse_date_param(self.data.get("on")) or selectors.today()
        return selectors.filter_by_status_on(queryset, value, on)


def filter_names() -> frozenset[str]:
    """The names the document list filters by (the parameters of GET /documents/)."""
    return frozenset(DocumentFilter.base_filters)


def documents_matching(params: Mapping[str, Any]) -> QuerySet[Document]:
    """The documents, drafts too, that the document list's filters select with these parameters (names from
    `filter_names`, others ignored; each a value or a list of values, as a review plan's scope keeps them).

    They are read as the list's query string would be, so each filter means here what it means there, "status"
    included; a bad value is the core's 400 with its message under the filter's own name, as GET /documents/
    answers (errors.year, errors.status, …)."""
    data = QueryDict(mutable=True)
    for key, value in params.items():
        for item in value if isinstance(value, list) else [value]:
            if item is not None:
                data.appendlist(str(key), "true" if item is True else "false" if item is False else str(item))
    found = DocumentFilter(data=data, queryset=Document.objects.order_by("pk"))
    if not found.is_valid():
        # Each message as plain text: an ErrorList printed whole is HTML.
        raise invalid({name: [str(m) for m in messages] for name, messages in found.errors.items()})
    return found.qs.distinct()
