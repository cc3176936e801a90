"""The search API's parameters (SearchParams, which validates them) and its answers' shapes, for the OpenAPI schema
(and so the web app's generated types): the selectors build the answers as plain dicts; these say field by field
what they hold. tests/test_schema_truth.py checks real answers against them."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from backend.catalogue.api.fields import CodeNameSerializer
from backend.catalogue.validity import Status
from search.types import Sort

STATUSES = [s.value for s in Status]

MAX_PAGE_SIZE = 100
MAX_OFFSET = 10_000
MAX_QUERY_CHARS = 4000


class SearchParams(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=MAX_QUERY_CHARS, trim_whitespace=False
    )
    type = serializers.ListField(child=serializers.CharField(max_length=60), required=False, default=list)
    issuer = serializers.ListField(child=serializers.CharField(max_length=40), required=False, default=list)
    with_predecessors = serializers.BooleanField(required=False, default=False)
    field = serializers.ListField(child=serializers.CharField(max_length=60), required=False, default=list)
    status = serializers.ListField(child=serializers.ChoiceField(choices=STATUSES), required=False, default=list)
    on = serializers.DateField(required=False, allow_null=True, default=None)
    issued_from = serializers.DateField(required=False, allow_null=True, default=None)
    issued_to = serializers.DateField(required=False, allow_null=True, default=None)
    effective_from = serializers.DateField(required=False, allow_null=True, default=None)
    effective_to = serializers.DateField(required=False, allow_null=True, default=None)
    sort = serializers.ChoiceField(choices=[s.value for s in Sort], required=False, default=Sort.RELEVANCE.value)
    page = serializers.IntegerField(required=False, default=1, min_value=1)
    page_size = serializers.IntegerField(required=False, default=20, min_value=1, max_value=MAX_PAGE_SIZE)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if (attrs["page"] - 1) * attrs["page_size"] > MAX_OFFSET:
            raise serializers.ValidationError(
                {
                    "page": [
                        f"Chỉ xem được {MAX_OFFSET} kết quả đầu; hãy lọc thêm / Only the first {MAX_OFFSET} "
                        "results can be paged; narrow the search."
                    ]
                }
            )
        return attrs


class HitArticleSerializer(serializers.Serializer):
    """The article whose text best matches the words searched for."""

    anchor = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF pops declared fields
    title = serializers.CharField()
    url = serializers.CharField()


class HitHighlightsSerializer(serializers.Serializer):
    """Snippets with the matched words in <mark>…</mark> (the only markup)."""

    title = serializers.ListField(child=serializers.CharField())
    text = serializers.ListField(child=serializers.CharField())


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    type = CodeNameSerializer()
    issuer = CodeNameSerializer()
    issued_on = serializers.DateField(allow_null=True)
    effective_from = serializers.DateField(allow_null=True)
    published = serializers.BooleanField()
    status = serializers.ChoiceField(choices=STATUSES, help_text="Tình trạng vào ngày `on` / the status on `on`")
    status_label = serializers.CharField()
    reason = serializers.CharField()
    score = serializers.FloatField()
    article = HitArticleSerializer(allow_null=True)
    highlights = HitHighlightsSerializer()


class SearchAnswerSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    on = serializers.DateField()
    results = SearchHitSerializer(many=True)
    facets = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField()),
        help_text="Số kết quả theo từng giá trị của mỗi bộ lọc / counts by value of each filter",
    )
    relaxed = serializers.BooleanField(
        help_text="Không đủ văn bản chứa đủ các từ: đây là kết quả gần đúng / too few documents had every word: "
        "these are near matches"
    )
    exact_count = serializers.IntegerField(
        allow_null=True,
        help_text="Khi `relaxed`: số văn bản chứa đủ các từ, đứng đầu danh sách / when `relaxed`: how many documents "
        "had every word (they come first)",
    )
    suggestion = serializers.CharField(
        allow_null=True, help_text="Có phải bạn muốn tìm: … / the query corrected (did you mean)"
    )


class SuggestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()


class SuggestAnswerSerializer(serializers.Serializer):
    results = SuggestionSerializer(many=True)


class RelatedDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    issuer = serializers.CharField()


class RelatedAnswerSerializer(serializers.Serializer):
    results = RelatedDocumentSerializer(many=True)
