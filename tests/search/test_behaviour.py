"""The one behaviour suite of search: every engine in tests/search/engines.py must pass all of it.

``loaded`` is an engine holding tests/search/corpus.py (shared by the read-only tests of this module); ``engine`` is
a fresh, empty one for the tests that write.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from search import analysis, rerank
from search import query as search_query
from search.highlight import best_article
from search.query import highlight_terms, parse
from search.types import (
    FACETS,
    Engine,
    Filters,
    IndexedDocument,
    Page,
    SearchRequest,
    SearchSyntaxError,
    Sort,
    Suggestion,
)
from tests.search.corpus import BY_ID, CORPUS, PUBLISHED, doc


def search(engine: Engine, query: str = "", **options: object) -> Page:
    return engine.search(SearchRequest(query, **options))  # type: ignore[arg-type]


def ids(engine: Engine, query: str = "", **options: object) -> list[int]:
    options.setdefault("limit", 100)
    return [hit.id for hit in search(engine, query, **options).hits]


def _folded(document: IndexedDocument) -> str:
    return " ".join(analysis.syllables(document.title + " . " + analysis.document_body(document)))


def having(*words: str, documents: list[IndexedDocument] = PUBLISHED) -> set[int]:
    """Ids of the documents whose title or text has every one of these folded syllables."""
    return {d.id for d in documents if set(words) <= set(_folded(d).split())}


# --- diacritics, exact forms, adjacency ---


def test_diacritics_are_optional_including_d(loaded: Engine) -> None:
    results = [
        set(ids(loaded, q))
        for q in (
            "quyet dinh dat dai",
            "QUYẾT ĐỊNH ĐẤT ĐAI",
            "Quyết định đất đai",
            "Quyết định Ðất Ðai",
            "quyết dinh đat đài",
        )
    ]
    assert results[0] == having("quyet", "dinh", "dat", "dai")
    assert {1, 4} <= results[0]
    assert all(r == results[0] for r in results)


def test_exact_diacritics_rank_above_folded_matches(loaded: Engine) -> None:
    dat = ids(loaded, "dat")
    assert set(dat) == having("dat") and 3 in dat and len(dat) > 5
    assert ids(loaded, "đạt")[0] == 3  # "đạt chuẩn": the only document with đạt, among many with đất
    assert set(ids(loaded, "đạt")) == set(dat)
    top = BY_ID[ids(loaded, "đất")[0]]
    assert "đất" in (top.title + top.text).lower()


def test_adjacent_syllables_rank_above_scattered_ones(loaded: Engine) -> None:
    hits = ids(loaded, "đất đai")
    # 4: "quản lý đất đai"; 5: "đường vành đai ... thu hồi đất" (both words, apart)
    assert {4, 5} <= set(hits)
    assert hits.index(4) < hits.index(5)
    assert ids(loaded, "dat dai").index(4) < ids(loaded, "dat dai").index(5)


def test_the_title_counts_more_than_the_text(loaded: Engine) -> None:
    hits = ids(loaded, "ma túy")
    assert hits[0] == 11


def test_article_texts_are_searchable(loaded: Engine) -> None:
    # Only in the articles of documents 1 and 10, not in their text.
    assert ids(loaded, "thủy sản") == [1]
    assert ids(loaded, "giấy chứng sinh") == [10]


# --- numbers ---


@pytest.mark.parametrize(
    "query",
    [
        "15/2017/QĐ-UBND",
        "15/2017/QD-UBND",
        "15/2017/QÐ-UBND",
        "15/2017/qđ-ubnd",
        "Số 015 / 2017 / qđ-ubnd",
        "số 15/2017/QĐ-UBND",
        "QD 15/2017",
        "QĐ 15/2017",
        "15/2017/QĐ",
        "15/2017",
        "QĐ-UBND 15/2017",
    ],
)
def test_numbers_in_every_spelling_and_prefix(loaded: Engine, query: str) -> None:
    hits = ids(loaded, query)
    assert hits[0] == 1  # its own number first...
    assert 15 in hits  # ...then the document that cites it ("sửa đổi ... Quyết định số 15/2017/QĐ-UBND")


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("19/2022", 2),
        ("19/2022/NQ-HĐND", 2),
        ("19/2022/nq-hdnd", 2),
        ("NQ 19/2022", 2),
        ("1234/QĐ-UBND", 3),
        ("1234/qd-ubnd", 3),
        ("05/2017/NQ-HĐND", 6),
        ("5/2017/NQ-HDND", 6),
        ("47/2014/NĐ-CP", 8),
        ("88/QĐ-UBND", 20),
    ],
)
def test_number_queries_find_their_document_first(loaded: Engine, query: str, first: int) -> None:
    assert ids(loaded, query)[0] == first


def test_a_number_finds_the_documents_citing_it(loaded: Engine) -> None:
    hits = ids(loaded, "47/2014/NĐ-CP")
    assert hits[0] == 8 and {1, 9} <= set(hits)


def test_a_number_with_words(loaded: Engine) -> None:
    assert ids(loaded, "15/2017/QĐ-UBND sửa đổi") == [15]


# --- query syntax ---


def test_short_queries_need_every_term(loaded: Engine) -> None:
    assert set(ids(loaded, "bồi thường Kiên Giang")) == having("boi", "thuong", "kien", "giang") == {9}
    assert set(ids(loaded, "lệ phí")) == having("le", "phi")


def test_a_citizens_question_finds_the_article(loaded: Engine) -> None:
    question = "Tôi muốn hỏi khi Nhà nước thu hồi đất nông nghiệp thì hộ gia đình được hỗ trợ những gì?"
    hits = ids(loaded, question)
    assert 1 in hits[:3]
    article = best_article(BY_ID[1].articles, highlight_terms(parse(question)))
    assert article is not None and article.anchor == "dieu-5"


def test_common_words_of_a_question_are_dropped_on_large_indices(
    loaded: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = "Tôi muốn hỏi khi Nhà nước thu hồi đất nông nghiệp thì hộ gia đình được hỗ trợ những gì?"
    everything = search(loaded, question, limit=100)
    monkeypatch.setattr(search_query, "COMMON_MIN_DOCUMENTS", 10)  # as if the corpus were large
    fewer = search(loaded, question, limit=100)
    assert 1 in [h.id for h in fewer.hits][:3]
    assert {h.id for h in fewer.hits} <= {h.id for h in everything.hits}
    assert fewer.total < everything.total


def test_another_question_without_every_word(loaded: Engine) -> None:
    hits = ids(loaded, "cha mẹ chưa đăng ký kết hôn thì làm giấy khai sinh cho con như thế nào")
    assert hits[0] == 10
    hits = ids(loaded, "cha me chua dang ky ket hon thi lam giay khai sinh cho con nhu the nao")
    assert hits[0] == 10


def test_a_what_is_question_ranks_the_definition_article_first(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    worker = "người lao động làm việc theo hợp đồng lao động, được trả lương và chịu sự quản lý của người sử dụng"
    engine.upsert(
        [
            doc(
                1, "1/2019/QH14", "Giải thích từ ngữ", f"1. Người lao động là {worker}. 2. Đình công là sự ngừng việc."
            ),
            doc(2, "2/2019/QH14", "Người lao động là thành viên công đoàn", f"Người lao động là {worker}. " * 3),
            doc(3, "3/2019/QH14", "Hợp đồng lao động", f"Hợp đồng giữa người lao động và người sử dụng. {worker}."),
        ]
    )
    for question in ("Người lao động là gì?", "Định nghĩa người lao động?", "nguoi lao dong duoc hieu nhu the nao?"):
        assert ids(engine, question)[0] == 1, question
    monkeypatch.setattr(search_query, "DEFINITION_TITLES", ())  # without the hint, the title naming it wins
    assert ids(engine, "Người lao động là gì?")[0] != 1
    assert parse("Người lao động có quyền gì khi bị nợ lương tháng này?").title_hints == ()


def test_a_question_is_reranked_towards_the_article_covering_its_words(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """search/rerank.py: an article that repeats three of the question's words has the higher BM25; the one that
    has all of them (who, how many days), at a lower BM25 because it is long, answers the question."""
    filler = "Hợp đồng được giao kết bằng văn bản, có chữ ký của các bên, lưu giữ tại nơi làm việc theo quy định. "
    repeats = doc(
        101,
        "101/2019/QH14",
        "Nghỉ hằng năm",
        "Nghỉ hằng năm. " * 3 + "Thời điểm nghỉ hằng năm do người sử dụng quyết định.",
    )
    answers = doc(
        102,
        "102/2019/QH14",
        "Quyền của người lao động",
        "Người lao động có quyền được biết mình được nghỉ bao nhiêu ngày mỗi năm: ngày nghỉ hằng năm tính theo "
        "tháng làm việc. " + filler * 8,
    )
    engine.upsert([*CORPUS, repeats, answers])
    question = "Người lao động được nghỉ hằng năm bao nhiêu ngày?"
    assert ids(engine, question)[:2] == [102, 101]
    assert [h.id for h in search(engine, question, limit=1, offset=1).hits] == [101]  # the page is cut after
    assert search(engine, question).total == search(engine, question, limit=1).total
    # The first pass alone (a model that keeps its order) ranks the repeating article first.
    monkeypatch.setattr(rerank, "load_model", lambda: rerank.Model(("first_score",), (1.0,)))
    assert ids(engine, question)[:2] == [101, 102]


def test_quoted_phrases(loaded: Engine) -> None:
    expected = {d.id for d in PUBLISHED if " thu hoi dat " in f" {_folded(d)} "}
    assert set(ids(loaded, '"thu hồi đất"')) == expected and {1, 5, 8, 9} <= expected
    assert ids(loaded, '"hồi thu"') == []
    assert set(ids(loaded, '"thu hoi dat')) == expected  # unclosed


def test_exclusions(loaded: Engine) -> None:
    hits = set(ids(loaded, "bồi thường -kiên"))
    assert hits == having("boi", "thuong") - having("kien") and {1, 8} <= hits
    assert set(ids(loaded, 'bồi thường -"Kiên Giang"')) == hits
    assert 1 not in ids(loaded, "bồi thường -15/2017/QĐ-UBND")


def test_or(loaded: Engine) -> None:
    assert set(ids(loaded, 'karaoke OR "học phí"')) == {6, 17}
    assert set(ids(loaded, "karaoke OR 19/2022")) == {2, 17}


@pytest.mark.parametrize("query", ["-đất", "đất OR", "OR đất", "đất OR -đai", '""', 'đất "!!"'])
def test_malformed_queries_raise_syntax_errors(loaded: Engine, query: str) -> None:
    with pytest.raises(SearchSyntaxError):
        search(loaded, query)


@pytest.mark.parametrize("query", ["", "   ", "!!!"])
def test_empty_query_browses_everything_newest_first(loaded: Engine, query: str) -> None:
    page = search(loaded, query, limit=100)
    assert page.total == len(PUBLISHED)
    expected = sorted(PUBLISHED, key=lambda d: (d.issued_on, d.id), reverse=True)
    assert [h.id for h in page.hits] == [d.id for d in expected]


def test_huge_queries_are_truncated_not_errors(loaded: Engine) -> None:
    assert 4 in ids(loaded, "đất đai " * 2000)
    many = " ".join(["quản lý đất đai"] + [f"từ{i}" for i in range(300)])
    search(loaded, many)
    search(loaded, "a OR " * 1000)
    search(loaded, '"' + "thu hồi đất " * 500)


query_alphabet = st.sampled_from(list('"-OR /:.()_*?\\') + list("aăđĐÐeôơuyQ0123456789 \u00a0"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=query_alphabet, max_size=60) | st.text(max_size=40))
@example("15/2017/")
@example('-"')
@example("Số")
def test_no_query_raises_anything_but_a_syntax_error(loaded: Engine, text: str) -> None:
    try:
        page = search(loaded, text, limit=5)
    except SearchSyntaxError:
        return
    assert page.total >= len(page.hits)


# --- filters ---

FILTER_CASES: list[tuple[Filters, Callable[[IndexedDocument], bool]]] = [
    (Filters(doc_types=("nghi-dinh",)), lambda d: d.doc_type == "nghi-dinh"),
    (Filters(doc_types=("nghi-quyet", "chi-thi")), lambda d: d.doc_type in ("nghi-quyet", "chi-thi")),
    (Filters(issuers=("UBND-KG",)), lambda d: d.issuer == "UBND-KG"),
    (Filters(fields=("dat-dai",)), lambda d: "dat-dai" in d.fields),
    (Filters(fields=("tai-chinh", "giao-duc")), lambda d: bool({"tai-chinh", "giao-duc"} & set(d.fields))),
    (Filters(statuses=("expired", "suspended")), lambda d: d.status in ("expired", "suspended")),
    (Filters(ids=(1, 2, 14, 999)), lambda d: d.id in (1, 2)),
    (Filters(ids=()), lambda d: False),
    (
        Filters(issued_from=dt.date(2017, 1, 1), issued_to=dt.date(2017, 12, 31)),
        lambda d: d.issued_on.year == 2017,
    ),
    (Filters(issued_from=dt.date(2023, 6, 15)), lambda d: d.issued_on >= dt.date(2023, 6, 15)),
    (
        Filters(effective_from=dt.date(2020, 1, 1), effective_to=dt.date(2021, 4, 15)),
        lambda d: d.effective_from is not None and dt.date(2020, 1, 1) <= d.effective_from <= dt.date(2021, 4, 15),
    ),
    (
        Filters(effective_to=dt.date(2015, 1, 1)),
        lambda d: d.effective_from is not None and d.effective_from.year < 2015,
    ),
    (Filters(published_only=False), lambda d: True),
    (
        Filters(issuers=("UBND-AG", "UBND-KG"), fields=("dat-dai",), statuses=("in_force",), published_only=False),
        lambda d: d.issuer in ("UBND-AG", "UBND-KG") and "dat-dai" in d.fields and d.status == "in_force",
    ),
]


@pytest.mark.parametrize(("filters", "keep"), FILTER_CASES)
def test_filters(loaded: Engine, filters: Filters, keep: Callable[[IndexedDocument], bool]) -> None:
    pool = CORPUS if not filters.published_only else PUBLISHED
    expected = {d.id for d in pool if keep(d)}
    page = search(loaded, "", filters=filters, limit=100)
    assert {h.id for h in page.hits} == expected
    assert page.total == len(expected)
    with_query = set(ids(loaded, "đất", filters=filters))
    assert with_query == expected & having("dat", documents=pool)


def test_published_only_is_the_default_everywhere(loaded: Engine) -> None:
    assert ids(loaded, '"đào tạo nghề"') == []
    assert ids(loaded, '"đào tạo nghề"', filters=Filters(published_only=False)) == [14]
    assert [s.id for s in loaded.suggest("chính sách hỗ trợ đào")] == []
    assert [s.id for s in loaded.suggest("chính sách hỗ trợ đào", published_only=False)] == [14]
    assert 14 not in [h.id for h in loaded.more_like_this(10, limit=50)]


# --- facets ---


def _expected_facets(documents: list[IndexedDocument]) -> dict[str, dict[str, int]]:
    return {
        "type": dict(Counter(d.doc_type for d in documents)),
        "issuer": dict(Counter(d.issuer for d in documents)),
        "field": dict(Counter(f for d in documents for f in d.fields)),
        "status": dict(Counter(d.status for d in documents)),
        "year": dict(Counter(str(d.issued_on.year) for d in documents)),
    }


def test_facets_count_all_matches_not_just_the_page(loaded: Engine) -> None:
    page = search(loaded, "", limit=3)
    assert set(page.facets) == set(FACETS)
    assert page.facets == _expected_facets(PUBLISHED)
    page = search(loaded, "đất", limit=1)
    matching = [d for d in PUBLISHED if d.id in having("dat")]
    assert page.total == len(matching) > 1 and len(page.hits) == 1
    assert page.facets == _expected_facets(matching)


def test_facets_follow_the_filters_and_can_be_skipped(loaded: Engine) -> None:
    filters = Filters(fields=("dat-dai",), published_only=False)
    page = search(loaded, "", filters=filters, limit=0)
    matching = [d for d in CORPUS if "dat-dai" in d.fields]
    assert page.hits == [] and page.total == len(matching)
    assert page.facets == _expected_facets(matching)
    assert search(loaded, "", facets=False).facets == {}
    empty = search(loaded, "karaoke", filters=Filters(doc_types=("luat",)))
    assert empty.total == 0 and empty.hits == [] and all(empty.facets.get(name, {}) == {} for name in FACETS)


# --- sorting and paging ---

_NO_DATE = dt.date.max


def _sort_key(sort: Sort) -> Callable[[IndexedDocument], tuple[object, ...]]:
    if sort in (Sort.ISSUED_ASC, Sort.ISSUED_DESC):
        return lambda d: (d.issued_on, d.id)
    return lambda d: (d.effective_from is None, d.effective_from or _NO_DATE, d.id)


def _expected_order(sort: Sort, documents: list[IndexedDocument]) -> list[int]:
    if sort in (Sort.ISSUED_DESC, Sort.RELEVANCE):
        return [d.id for d in sorted(documents, key=lambda d: (d.issued_on, d.id), reverse=True)]
    if sort == Sort.ISSUED_ASC:
        return [d.id for d in sorted(documents, key=lambda d: (d.issued_on, d.id))]
    dated = [d for d in documents if d.effective_from is not None]
    undated = [d for d in documents if d.effective_from is None]
    if sort == Sort.EFFECTIVE_ASC:
        order = sorted(dated, key=lambda d: (d.effective_from, d.id))
        return [d.id for d in order] + [d.id for d in sorted(undated, key=lambda d: d.id)]
    order = sorted(dated, key=lambda d: (d.effective_from, d.id), reverse=True)
    return [d.id for d in order] + [d.id for d in sorted(undated, key=lambda d: d.id, reverse=True)]


@pytest.mark.parametrize("sort", list(Sort))
def test_sorts_with_id_tie_breaks_and_undated_last(loaded: Engine, sort: Sort) -> None:
    everything = Filters(published_only=False)
    assert ids(loaded, "", sort=sort, filters=everything) == _expected_order(sort, CORPUS)
    matching = [d for d in CORPUS if d.id in having("quyet", "dinh", documents=CORPUS)]
    if sort != Sort.RELEVANCE:
        assert ids(loaded, "quyết định", sort=sort, filters=everything) == _expected_order(sort, matching)


def _pages(engine: Engine, query: str, sort: Sort, limit: int) -> Iterator[list[int]]:
    offset = 0
    while True:
        page = search(engine, query, sort=sort, offset=offset, limit=limit, filters=Filters(published_only=False))
        yield [h.id for h in page.hits]
        offset += limit
        if offset >= page.total:
            return


@pytest.mark.parametrize("sort", list(Sort))
@pytest.mark.parametrize("query", ["", "quyết định", "tỉnh"])
def test_deep_pages_are_stable_and_complete(loaded: Engine, sort: Sort, query: str) -> None:
    whole = ids(loaded, query, sort=sort, filters=Filters(published_only=False))
    paged = [i for page in _pages(loaded, query, sort, 7) for i in page]
    assert paged == whole
    assert len(set(paged)) == len(paged)
    if not query:
        assert sorted(paged) == sorted(BY_ID)


def test_relevance_ties_are_broken_by_id(loaded: Engine) -> None:
    page = search(loaded, "tỉnh", limit=100, filters=Filters(published_only=False))
    pairs = [(-h.score, h.id) for h in page.hits]
    assert pairs == sorted(pairs)
    assert len({h.score for h in page.hits}) < len(page.hits)  # the generated documents do tie


def test_offsets_past_the_end_and_zero_limits(loaded: Engine) -> None:
    page = search(loaded, "đất", offset=1000)
    assert page.hits == [] and page.total == len(having("dat"))
    assert search(loaded, "đất", limit=0).hits == []
    for sort in (Sort.RELEVANCE, Sort.ISSUED_DESC):
        far = search(loaded, "đất", offset=10**12, limit=10**12, sort=sort)  # past the result window: no error
        assert far.hits == [] and far.total == len(having("dat"))
        everything = search(loaded, "đất", limit=10**12, sort=sort)
        assert len(everything.hits) == everything.total
        assert search(loaded, "đất", offset=-5, limit=-1, sort=sort).hits == []


# --- suggest and more like this ---


def test_suggest_title_words_with_or_without_diacritics(loaded: Engine) -> None:
    plain = loaded.suggest("quyet dinh ban ha")
    accented = loaded.suggest("Quyết định ban hà")
    assert [s.id for s in plain] == [s.id for s in accented]
    assert 1 in [s.id for s in plain] and len(plain) <= 10
    first = plain[0]
    assert isinstance(first, Suggestion) and first.title == BY_ID[first.id].title
    assert first.number == BY_ID[first.id].number
    bt = [s.id for s in loaded.suggest("bồi thườ", limit=50)]
    assert set(bt) == having("boi") & {d.id for d in PUBLISHED if "thuo" in analysis.fold(d.title)}


def test_suggest_numbers(loaded: Engine) -> None:
    assert loaded.suggest("15/20")[0].id == 1
    assert loaded.suggest("15/2017/QĐ-U")[0].id == 1
    assert loaded.suggest("Số 015/2017")[0].id == 1
    assert loaded.suggest("19/2022/nq")[0] == Suggestion(2, "19/2022/NQ-HĐND", BY_ID[2].title)
    assert loaded.suggest("1234")[0].id == 3
    assert loaded.suggest("") == [] and loaded.suggest("   ") == []
    assert len(loaded.suggest("quyết định", limit=3)) == 3


def test_more_like_this(loaded: Engine) -> None:
    similar = [h.id for h in loaded.more_like_this(1, limit=5)]
    assert 1 not in similar
    assert set(similar[:2]) == {8, 9}  # the other "bồi thường, hỗ trợ khi Nhà nước thu hồi đất" documents
    assert loaded.more_like_this(9999) == []
    assert len(loaded.more_like_this(1, limit=2)) == 2


# --- writing ---


def test_upsert_replaces_without_duplicates(engine: Engine) -> None:
    original = BY_ID[1]
    engine.upsert([original, BY_ID[2]])
    changed = dataclasses.replace(original, title="Quyết định về phí tham quan karaoke", text="", articles=())
    engine.upsert([changed])
    engine.upsert([changed])
    assert ids(engine, "karaoke") == [1]
    assert ids(engine, "bồi thường") == []
    assert search(engine, "").total == 2
    assert engine.fingerprints() == {1: changed.fingerprint(), 2: BY_ID[2].fingerprint()}
    health = engine.health()
    assert (health["ok"], health["engine"], health["documents"]) == (True, engine.name, 2)


def test_upsert_of_a_batch_keeps_the_last_version_of_a_document(engine: Engine) -> None:
    first = doc(5, "1/2020/QĐ-UBND", "Lệ phí karaoke")
    second = dataclasses.replace(first, title="Lệ phí vũ trường")
    engine.upsert([first, second])
    assert ids(engine, "karaoke") == [] and ids(engine, "vũ trường") == [5]
    assert engine.fingerprints() == {5: second.fingerprint()}


def test_an_older_version_never_replaces_a_newer_one(engine: Engine) -> None:
    """Issue #11: a task that read the row before an unpublish reached the index after the unpublish's task."""
    published = doc(6, "2/2020/QĐ-UBND", "Lệ phí karaoke")
    published = dataclasses.replace(published, version=4)
    unpublished = dataclasses.replace(published, published=False, version=5)
    engine.upsert([unpublished])
    engine.upsert([published])  # the stale snapshot arrives last
    assert ids(engine, "karaoke") == []
    assert engine.suggest("2/2020") == []
    assert engine.fingerprints() == {6: unpublished.fingerprint()}
    # The same version is written again (a re-analysis after an upgrade); a newer one replaces it.
    engine.upsert([dataclasses.replace(unpublished, title="Lệ phí vũ trường")])
    assert ids(engine, "vũ trường", filters=Filters(published_only=False)) == [6]
    engine.upsert([dataclasses.replace(published, version=6)])
    assert ids(engine, "karaoke") == [6]


def test_delete(engine: Engine) -> None:
    engine.upsert([BY_ID[1], BY_ID[2], BY_ID[3]])
    engine.delete([2, 999])
    engine.delete([])
    assert set(ids(engine, "")) == {1, 3}
    assert ids(engine, "19/2022") == []
    assert set(engine.fingerprints()) == {1, 3}
    assert engine.suggest("19/2022") == []


def test_fingerprints_and_rebuild(engine: Engine) -> None:
    assert engine.fingerprints() == {}
    engine.upsert(CORPUS[:5])
    assert engine.fingerprints() == {d.id: d.fingerprint() for d in CORPUS[:5]}
    fresh = CORPUS[10:13]
    assert engine.rebuild(d for d in fresh) == 3  # any iterable, consumed once
    assert engine.fingerprints() == {d.id: d.fingerprint() for d in fresh}
    assert set(ids(engine, "", filters=Filters(published_only=False))) == {d.id for d in fresh}
    assert engine.rebuild([]) == 0
    assert engine.fingerprints() == {} and search(engine, "").total == 0


def test_a_failing_rebuild_changes_nothing(engine: Engine) -> None:
    engine.upsert(CORPUS[:3])

    def broken() -> Iterator[IndexedDocument]:
        yield CORPUS[5]
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        engine.rebuild(broken())
    assert set(engine.fingerprints()) == {d.id for d in CORPUS[:3]}


def test_an_empty_engine_answers(engine: Engine) -> None:
    page = search(engine, "đất")
    assert page.total == 0 and page.hits == []
    assert search(engine, "").total == 0
    assert engine.suggest("đất") == [] and engine.more_like_this(1) == []
    assert engine.health()["ok"] is True and engine.health()["documents"] == 0
