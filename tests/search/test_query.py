"""search.query: the user's syntax, parsed into the engine-neutral tree."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from search import scoring
from search.query import (
    COMMON_KEEP,
    MAX_QUERY_CHARS,
    MAX_TERMS,
    Number,
    Or,
    Phrase,
    Query,
    Term,
    common_candidates,
    drop_common_terms,
    highlight_terms,
    more_like_this_query,
    parse,
)
from search.scoring import SuggestPlan, suggest_plan
from search.types import SearchSyntaxError


def test_words_are_terms_with_their_exact_and_folded_forms() -> None:
    query = parse("Quyết định ĐẤT đai")
    assert query.must == (
        Term("quyet", "quyết"),
        Term("dinh", "định"),
        Term("dat", "đất"),
        Term("dai", "đai"),
    )
    assert query.pairs == ("quyet_dinh", "dinh_dat", "dat_dai")
    assert not query.long and query.min_should_match == 0


def test_without_diacritics_the_exact_form_is_the_folded_one() -> None:
    (term,) = parse("dat").must
    assert term == Term("dat", "dat") and not isinstance(term, Phrase)
    assert not term.has_diacritics  # type: ignore[union-attr]


def test_short_and_long_queries() -> None:
    assert len(parse("a b c d").must) == 4
    long = parse("Tôi muốn hỏi khi Nhà nước thu hồi đất nông nghiệp thì được hỗ trợ những gì?")
    assert long.long and not long.must
    folded = [c.folded for c in long.should if isinstance(c, Term)]
    assert "toi" not in folded and "gi" not in folded  # function words dropped (accented text)
    assert {"nha", "nuoc", "thu", "hoi", "dat", "nong", "nghiep", "ho", "tro"} <= set(folded)
    assert 2 <= long.min_should_match < len(long.should)
    assert "thu_hoi" in long.pairs and "hoi_dat" in long.pairs
    assert "ho_tro" in long.pairs and "duoc_ho" in long.pairs  # pairs keep function words ("được hỗ trợ")
    # A short question still ranks: "gì" must not be required.
    question = parse("Việc làm là gì?")
    assert question.long and not question.must and question.min_should_match == 2
    assert len(parse("Việc làm là gì").must) == 4  # without "?", a keyword query needs every word
    # Syllables that fold alike count once ("cán bộ" and "từ bỏ").
    folded_once = parse("Cán bộ cố ý từ bỏ nhiệm vụ công tác thì bị phạt như thế nào?")
    assert [c.folded for c in folded_once.should if isinstance(c, Term)].count("bo") == 1


def test_long_query_keeps_quoted_phrases_required() -> None:
    query = parse('thủ tục "đăng ký khai sinh" cho con khi cha mẹ chưa kết hôn')
    assert query.long
    assert query.must == (Phrase(("dang", "ky", "khai", "sinh"), ("đăng", "ký", "khai", "sinh")),)
    assert query.min_should_match >= 1


def test_unaccented_long_query_keeps_ambiguous_words() -> None:
    query = parse("thu tuc cua khau la gi vay cho toi hoi")
    folded = [c.folded for c in query.should if isinstance(c, Term)]
    assert "cua" in folded  # cửa (khẩu) or của: cannot tell
    assert "la" not in folded and "gi" not in folded


def test_phrases_and_unclosed_quotes() -> None:
    assert parse('"thu hồi đất"').must == (Phrase(("thu", "hoi", "dat"), ("thu", "hồi", "đất")),)
    assert parse('"thu hồi đất').must == parse('"thu hồi đất"').must
    assert parse('"đất"').must == (Phrase(("dat",), ("đất",)),)
    assert parse('bồi thường "').must == parse("bồi thường").must


def test_words_joined_by_punctuation_are_phrases() -> None:
    assert parse("QĐ-UBND").must == (Phrase(("qd", "ubnd"), ("qđ", "ubnd")),)


def test_exclusions() -> None:
    query = parse('bồi thường -"Kiên Giang" -tái')
    assert query.must == (Term("boi", "bồi"), Term("thuong", "thường"))
    assert query.must_not == (Phrase(("kien", "giang"), ("kiên", "giang")), Term("tai", "tái"))
    assert highlight_terms(query) == {"boi", "thuong"}


def test_or_groups() -> None:
    query = parse('karaoke OR "học phí" OR 19/2022 lệ')
    assert query.must == (
        Or((Term("karaoke", "karaoke"), Phrase(("hoc", "phi"), ("học", "phí")), Number("19/2022", ("19", "2022")))),
        Term("le", "lệ"),
    )
    assert parse("a or b").must == (Term("a", "a"), Term("or", "or"), Term("b", "b"))  # lower-case: a word


def test_numbers() -> None:
    # a type abbreviation next to a number prefix is the start of its symbol
    assert parse("QD 15/2017").must == (Number("15/2017/QD", ("15", "2017", "qd")),)
    assert parse("QĐ-UBND 15/2017").must == (Number("15/2017/QD-UBND", ("15", "2017", "qd", "ubnd")),)
    assert parse("15/2017 nq-hđnd").must == (Number("15/2017/NQ-HDND", ("15", "2017", "nq", "hdnd")),)
    assert parse("ĐẤT 15/2017").must == (Term("dat", "đất"), Number("15/2017", ("15", "2017")))
    assert parse("-QĐ 15/2017").must_not == (Term("qd", "qđ"),)
    (number,) = parse("Số 015 / 2017 / qđ-ubnd").must
    assert number == Number("15/2017/QD-UBND", ("015", "2017", "qd", "ubnd"))
    assert parse("-15/2017/QĐ-UBND đất").must_not == (Number("15/2017/QD-UBND", ("15", "2017", "qd", "ubnd")),)
    assert parse("ngày 07/12/2022").must[1] == Phrase(("07", "12", "2022"), ("07", "12", "2022"))


@pytest.mark.parametrize("text", ["", "   ", "!!!", '"', "- -", None])
def test_empty_queries_match_everything(text: str | None) -> None:
    assert parse(text).match_all


@pytest.mark.parametrize(
    "text",
    [
        "-đất",
        '-đất -"thu hồi"',
        "OR đất",
        "đất OR",
        "đất OR OR đai",
        "đất OR -đai",
        "-đất OR đai",
        "đất OR !!!",
        '""',
        '" ,; "',
        'đất "  "',
    ],
)
def test_malformed_queries_raise_a_bilingual_syntax_error(text: str) -> None:
    with pytest.raises(SearchSyntaxError) as caught:
        parse(text)
    assert caught.value.message_vi and caught.value.message_en
    assert caught.value.message_vi != caught.value.message_en


def test_very_long_queries_are_truncated() -> None:
    many = " ".join(f"từ{i}" for i in range(500))
    query = parse(many)
    assert sum(1 for c in query.should if isinstance(c, Term)) <= MAX_TERMS
    huge = "đất đai " * 5000 + "OR"
    assert len(huge) > MAX_QUERY_CHARS
    parse(huge)  # a dangling OR cut off by the truncation is not an error
    parse("a OR " * 1000)


def test_highlight_terms_are_folded_syllables_of_positive_clauses() -> None:
    query = parse('Đất "thu hồi" OR 15/2017/QĐ-UBND -Kiên')
    assert highlight_terms(query) == {"dat", "thu", "hoi", "15", "2017", "qd", "ubnd"}


def test_more_like_this_uses_the_meaningful_words_of_a_title() -> None:
    query = more_like_this_query(
        "Quyết định ban hành quy định về bồi thường, hỗ trợ khi Nhà nước thu hồi đất trên địa bàn tỉnh An Giang"
    )
    folded = {c.folded for c in query.should if isinstance(c, Term)}
    assert {"boi", "thuong", "thu", "hoi", "dat", "an", "giang"} <= folded
    assert not {"quyet", "ban", "hanh", "ve", "tren", "tinh"} & folded
    assert "boi_thuong" in query.pairs and 1 <= query.min_should_match < len(query.should)
    assert more_like_this_query("").match_all  # nothing to be like (engines return no hits)


def test_every_clause_has_a_plan() -> None:
    query = parse('đất "thu hồi" karaoke OR 15/2017/QĐ-UBND 19/2022')
    for clause in query.must:
        plan = scoring.clause_plan(clause)
        assert plan.match
    term_plan = scoring.clause_plan(Term("dat", "đất"))
    assert {t.field for t in term_plan.boost} == {scoring.TITLE_X, scoring.BODY_X}
    assert not scoring.clause_plan(Term("dat", "dat")).boost


def test_common_words_are_dropped_from_long_queries_of_large_indices() -> None:
    query = parse("người lao động có quyền đơn phương chấm dứt hợp đồng lao động trong trường hợp nào")
    candidates = common_candidates(query)
    assert "nguoi" in candidates and "cham" in candidates
    freqs = {t: 10 for t in candidates} | {"nguoi": 9000, "quyen": 8000, "hop": 7000, "truong": 6000}
    pruned = drop_common_terms(query, freqs, 10_000)
    kept = {c.folded for c in pruned.should if isinstance(c, Term)}
    assert not {"nguoi", "quyen", "hop", "truong"} & kept and {"don", "phuong", "cham", "dut"} <= kept
    assert pruned.pairs == query.pairs  # they still count through their pairs
    assert pruned.min_should_match <= len(pruned.should) and pruned.min_should_match >= 2
    assert drop_common_terms(query, freqs, 1000) == query  # a small index: nothing dropped
    assert drop_common_terms(parse("người lao động"), freqs, 10_000) == parse("người lao động")  # short query
    assert common_candidates(parse("người lao động")) == []


def test_common_words_keep_the_rarest_few() -> None:
    query = parse("người có quyền và nghĩa vụ gì trong hợp đồng")
    freqs = dict.fromkeys(common_candidates(query), 9_000) | {"nghia": 5_000, "vu": 6_000}
    pruned = drop_common_terms(query, freqs, 10_000)
    kept = [c.folded for c in pruned.should if isinstance(c, Term)]
    assert len(kept) == COMMON_KEEP and {"nghia", "vu"} <= set(kept)


@pytest.mark.parametrize(
    ("typed", "plan"),
    [
        ("quyet dinh ban ha", SuggestPlan(None, ("quyet", "dinh", "ban"), "ha")),
        ("Quyết định ban hà", SuggestPlan(None, ("quyet", "dinh", "ban"), "ha")),
        ("Quyết định ban h", SuggestPlan(None, ("quyet", "dinh", "ban"), None)),  # one letter: not a prefix
        ("bồi thường ", SuggestPlan(None, ("boi", "thuong"), None)),
        ("15/20", SuggestPlan("15/20", ("15",), "20")),
        ("Số 015 / 2017 / qđ-ub", SuggestPlan("15/2017/QD-UB", ("so", "015", "2017", "qd"), "ub")),
        ("", SuggestPlan(None, (), None)),
        ("!!", SuggestPlan(None, (), None)),
    ],
)
def test_suggest_plans(typed: str, plan: SuggestPlan) -> None:
    assert suggest_plan(typed) == plan


# --- fuzzing: nothing but SearchSyntaxError, ever ---

query_alphabet = st.sampled_from(list("\"-OR /:.,()_+*?!\\'") + list("aăâđĐeêoôơuưyAQĐÐ0123456789 \t\n\u00a0\u200b"))
query_text = st.text(alphabet=query_alphabet, max_size=80) | st.text(max_size=80)


@settings(max_examples=1500, deadline=None)
@given(query_text)
@example('-"')
@example('"-')
@example("OR")
@example('-"" x')
@example("Số/ 1/2")
@example("0/2017/Q")
@example("- OR a")
@example("a OR - b")
def test_parse_raises_nothing_but_syntax_errors(text: str) -> None:
    try:
        query = parse(text)
    except SearchSyntaxError as exc:
        assert exc.message_vi and exc.message_en
        return
    assert isinstance(query, Query)
    assert query.min_should_match <= len(query.should)
    for clause in (*query.must, *query.should, *query.must_not):
        scoring.clause_plan(clause)
    highlight_terms(query)


def test_after_thang_a_serial_and_year_is_a_month_not_a_number() -> None:
    from search.query import Phrase, Term

    assert parse("tháng 5/2016").must == (Term("thang", "tháng"), Phrase(("5", "2016"), ("5", "2016")))
    assert isinstance(parse("số 5/2016").must[0], Number)


def test_a_said_number_replaces_its_words_and_a_type_before_a_written_number_is_dropped() -> None:
    from search.query import SaidNumber

    (said,) = parse("nq 12 hdnd 2019").must
    assert isinstance(said, SaidNumber) and said.pieces == ("12", "@2019", "nq", "hdnd")
    assert said.key == "12/2019/NQ-HDND"
    (number,) = parse("theo Quyết định số 17/2021/QĐ-UBND.").must  # "theo": a function word next to a number
    assert isinstance(number, Number) and number.key == "17/2021/QD-UBND"
    (cv,) = parse("Công văn số 5948/UBND-VX,").must
    assert isinstance(cv, Number) and cv.key == "5948/UBND-VX"


def test_the_exact_tier_takes_common_readings_and_treats_rare_ones_as_typos() -> None:
    from search.query import Term, with_exact_tier

    query = parse("thuế quyết đinh")
    tiered = with_exact_tier(query, {"thuế": 40, "quyết": 90, "đinh": 1}, {"thue": 100, "quyet": 95, "dinh": 900})
    assert tiered.exact_tier == ("thuế", "quyết")
    assert Term("dinh", "dinh") in tiered.must  # "đinh" read as a typo of "định": no bonus for the rare form
    assert with_exact_tier(parse("thue"), {}, {}) == parse("thue")  # typed without diacritics: nothing to tier
