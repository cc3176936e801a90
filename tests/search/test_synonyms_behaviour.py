"""Synonyms and abbreviations on every engine (the same suite on each, as tests/search/test_behaviour.py):
the abbreviation finds the spelled-out form and back, multi-word forms, numbers untouched, exclusions literal."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from search.types import Engine, SearchRequest
from tests.search.corpus import doc
from tests.search.engines import ENGINE_FACTORIES

DOCUMENTS = [
    doc(101, "01/2024/QĐ-UBND", "Quy định về an toàn thực phẩm trên địa bàn tỉnh", "Bảo đảm an toàn thực phẩm."),
    doc(102, "55/KH-UBND", "Kế hoạch triển khai công tác ATTP năm 2024", "Kiểm tra ATTP tại các chợ."),
    doc(103, "02/2024/NQ-HĐND", "Nghị quyết của Hội đồng nhân dân tỉnh về học phí", "HĐND tỉnh quyết nghị."),
    doc(104, "1234/UBND-VX", "Về việc tổ chức khám sức khỏe cho học sinh", "Ủy ban nhân dân tỉnh đề nghị Sở GD&ĐT."),
    doc(105, "03/2024/QĐ-UBND", "Quy định chức năng của Sở Giáo dục và Đào tạo", "Sở giáo dục và đào tạo tham mưu."),
    doc(106, "88/TB-VPUB", "Thông báo kết luận về kinh tế - xã hội quý I", "Tình hình KT-XH ổn định."),
    doc(107, "04/2024/QĐ-UBND", "Quy định bảo đảm an toàn, vệ sinh thực phẩm", "Vệ sinh thực phẩm và an toàn."),
    doc(108, "77/KH-UBND", "Kế hoạch phòng cháy chữa cháy", "Công tác PCCC năm 2024 của UBND tỉnh."),
]


@pytest.fixture(scope="module", params=sorted(ENGINE_FACTORIES))
def synonyms_engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with ENGINE_FACTORIES[request.param](tmp_path_factory.mktemp(f"syn-{request.param}")) as created:
        created.upsert(DOCUMENTS)
        yield created


def ids(engine: Engine, query: str, **options: object) -> set[int]:
    return {hit.id for hit in engine.search(SearchRequest(query, limit=100, **options)).hits}  # type: ignore[arg-type]


def test_an_abbreviation_finds_the_spelled_out_title_and_back(synonyms_engine: Engine) -> None:
    assert ids(synonyms_engine, "ATTP") == {101, 102}
    assert ids(synonyms_engine, "an toàn thực phẩm") == {101, 102}
    assert ids(synonyms_engine, "an toan thuc pham") == {101, 102}
    assert ids(synonyms_engine, "HĐND") == ids(synonyms_engine, "hội đồng nhân dân") == {103}
    assert ids(synonyms_engine, "hdnd") == {103}


def test_multi_word_forms_in_longer_queries(synonyms_engine: Engine) -> None:
    assert ids(synonyms_engine, "kế hoạch ATTP") == {102}
    # Five words: a long query (any two of its clauses); the run counts as one clause, the plan with both first.
    ranked = [h.id for h in synonyms_engine.search(SearchRequest("kế hoạch an toàn thực phẩm")).hits]
    assert ranked[0] == 102 and set(ranked) == {102, 108}
    assert ids(synonyms_engine, "GD&ĐT") == {104, 105}
    assert ids(synonyms_engine, "giáo dục và đào tạo") == {104, 105}
    assert ids(synonyms_engine, "kinh tế - xã hội") == ids(synonyms_engine, "KTXH") == {106}
    assert ids(synonyms_engine, "phòng cháy chữa cháy UBND") == {108}


def test_the_spelled_out_words_apart_are_a_phrase(synonyms_engine: Engine) -> None:
    # As Elasticsearch's synonym graph does: a multi-word form typed in a query is read as that expression.
    assert 107 not in ids(synonyms_engine, "an toàn thực phẩm")
    assert 107 in ids(synonyms_engine, "an toàn, vệ sinh thực phẩm")


def test_numbers_are_not_expanded(synonyms_engine: Engine) -> None:
    assert ids(synonyms_engine, "1234/UBND-VX") == {104}
    # "văn bản" is in none of them: nothing has everything asked (only near matches, search.forgiving).
    page = synonyms_engine.search(SearchRequest("văn bản 1234/UBND-VX"))
    assert page.total == 0 or (page.relaxed and page.exact_total == 0)
    # VX is "văn xã" as a word; inside the number it stays a part of the number.
    assert ids(synonyms_engine, "văn xã") == {104}


def test_an_excluded_abbreviation_excludes_only_that_word(synonyms_engine: Engine) -> None:
    assert ids(synonyms_engine, "thực phẩm -ATTP") == {101, 107}
    assert ids(synonyms_engine, "an toàn thực phẩm -ATTP") == {101}
    assert ids(synonyms_engine, 'ATTP -"an toàn thực phẩm"') == {102}


def test_the_request_carries_its_own_groups(synonyms_engine: Engine) -> None:
    mine = (("VSTP", "vệ sinh thực phẩm"),)
    assert ids(synonyms_engine, "VSTP", synonyms=mine) == {107}
    assert ids(synonyms_engine, "VSTP") == set()
    assert ids(synonyms_engine, "ATTP", synonyms=mine) == {102}  # groups given: the shipped list is not added


def test_scores_of_both_forms_are_counted(synonyms_engine: Engine) -> None:
    hits = synonyms_engine.search(SearchRequest("ATTP")).hits
    assert {h.id for h in hits} == {101, 102} and all(h.score > 0 for h in hits)
