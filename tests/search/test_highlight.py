"""search.highlight: snippets of the original text, marks on folded matches; the best article of a hit."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from search.highlight import best_article, highlight
from search.query import highlight_terms, parse
from tests.search.corpus import BOI_THUONG_AG_ARTICLES, art

TEXT = (
    "ỦY BAN NHÂN DÂN TỈNH AN GIANG. Căn cứ Luật Đất đai ngày 29 tháng 11 năm 2013. "
    + "Nội dung khác không liên quan đến câu hỏi. " * 12
    + "Điều 5. Hộ gia đình khi Nhà nước thu hồi đất nông nghiệp thì được hỗ trợ <ổn định> đời sống & sản xuất."
)


def _marked(snippet: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", snippet)


def test_marks_original_words_matched_on_folded_forms() -> None:
    snippets = highlight(TEXT, highlight_terms(parse("dat dai")))
    assert snippets
    assert "<mark>Đất</mark> <mark>đai</mark>" in snippets[0]
    assert all(m.lower() in {"đất", "đai"} for s in snippets for m in _marked(s))


def test_escapes_html_and_keeps_the_rest_of_the_text() -> None:
    snippets = highlight(TEXT, {"on", "dinh"})
    joined = " ".join(snippets)
    assert "&lt;<mark>ổn</mark> <mark>định</mark>&gt;" in joined
    assert "&amp;" in joined
    assert "<ổn" not in joined


def test_fragments_prefer_windows_with_more_distinct_terms_and_come_in_text_order() -> None:
    snippets = highlight(TEXT, highlight_terms(parse("thu hồi đất nông nghiệp hỗ trợ")), fragments=2, size=120)
    assert 1 <= len(snippets) <= 2
    best = max(snippets, key=lambda s: len({m.lower() for m in _marked(s)}))
    assert {"thu", "hồi", "đất", "nông", "nghiệp", "hỗ", "trợ"} <= {m.lower() for m in _marked(best)}
    positions = [TEXT.find(re.sub(r"</?mark>", "", s).strip("…")[:20]) for s in snippets]
    assert positions == sorted(positions)


def test_snippet_size_and_ellipses() -> None:
    (snippet,) = highlight(TEXT, {"nghiep"}, fragments=1, size=60)
    plain = re.sub(r"</?mark>", "", snippet)
    assert plain.startswith("…") and len(plain) <= 60 + 2 * 30 + 2
    assert "<mark>nghiệp</mark>" in snippet


def test_no_match_gives_the_beginning_and_empty_text_gives_nothing() -> None:
    (snippet,) = highlight(TEXT, {"karaoke"}, size=40)
    assert snippet.startswith("ỦY BAN NHÂN DÂN") and "<mark>" not in snippet
    assert highlight("", {"dat"}) == []
    assert highlight("   ", {"dat"}) == []


def test_decomposed_text_is_highlighted() -> None:
    nfd = unicodedata.normalize("NFD", "Luật Đất đai")
    (snippet,) = highlight(nfd, {"dat"})
    assert snippet == "Luật <mark>Đất</mark> đai"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.sets(st.text(alphabet="adđịnhtấ", min_size=1, max_size=4), max_size=4))
def test_highlight_never_fails_and_marks_only_real_matches(text: str, terms: set[str]) -> None:
    for snippet in highlight(text, terms, fragments=2, size=50):
        assert snippet.count("<mark>") == snippet.count("</mark>")


def test_best_article_is_the_one_with_most_distinct_terms() -> None:
    terms = highlight_terms(parse("Nhà nước thu hồi đất nông nghiệp thì hộ gia đình được hỗ trợ những gì"))
    best = best_article(BOI_THUONG_AG_ARTICLES, terms)
    assert best is not None and best.anchor == "dieu-5"


def test_best_article_ties_go_to_the_first_and_no_match_gives_none() -> None:
    first = art(1, "Lệ phí", "Mức thu lệ phí.")
    second = art(2, "Phí", "Lệ phí khác.")
    assert best_article([first, second], {"le", "phi"}) is first
    assert best_article([first, second], {"karaoke"}) is None
    assert best_article([], {"le"}) is None
    assert best_article([first], set()) is None


def test_the_form_typed_is_marked_where_the_text_has_it() -> None:
    text = "Cho thuê nhà; miễn thuế thu nhập."
    assert highlight(text, {"thue"}, exact={"thue": "thuế"}) == ["Cho thuê nhà; miễn <mark>thuế</mark> thu nhập."]
    assert highlight("Cho thuê nhà.", {"thue"}, exact={"thue": "thuế"}) == ["Cho <mark>thuê</mark> nhà."]
    assert highlight(text, {"thue"}) == ["Cho <mark>thuê</mark> nhà; miễn <mark>thuế</mark> thu nhập."]
