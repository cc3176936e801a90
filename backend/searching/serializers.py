"""The search answers' shapes, for the OpenAPI schema (and so the web app's generated types): the views build the
answers as plain dicts; these say field by field what they hold. tests/test_schema_truth.py checks real answers
against them."""

from __future__ import annotations

from rest_framework import serializers

from backend.catalogue.api.fields import CodeNameSerializer
from backend.catalogue.validity import Status

STATUSES = [s.value for s in Status]


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
