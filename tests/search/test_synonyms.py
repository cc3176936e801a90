"""search.synonyms: query-time expansion of abbreviations and synonyms (pure, no engine)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from legal.synonyms import SHIPPED_SYNONYMS
from search.query import LONG_QUERY_MSM, Number, Or, Phrase, Query, Term, parse
from search.synonyms import expand, form_syllables, synonym_table

ATTP = Phrase(("an", "toan", "thuc", "pham"), ("an", "toan", "thuc", "pham"))


def test_forms_are_matched_on_folded_syllables() -> None:
    assert form_syllables("GD&ĐT") == ("gd", "dt")
    assert form_syllables("Uỷ ban") == form_syllables("ủy ban") == ("uy", "ban")
    assert form_syllables("kinh tế - xã hội") == ("kinh", "te", "xa", "hoi")
    assert form_syllables("&-,") == ()


def test_an_abbreviation_becomes_an_or_with_its_spelled_out_form() -> None:
    query = expand(parse("ATTP"))
    assert query.must == (Or((Term("attp", "attp"), ATTP)),)


def test_the_spelled_out_form_finds_the_abbreviation() -> None:
    query = expand(parse("an toàn thực phẩm"))
    assert query.must == (Or((Phrase(ATTP.folded, ("an", "toàn", "thực", "phẩm")), Term("attp", "attp"))),)


def test_a_run_inside_a_longer_query_keeps_the_other_words() -> None:
    query = expand(parse("kế hoạch ủy ban nhân dân tỉnh"))
    # Seven words: a long query. The run became one optional clause among the others.
    assert query.long
    uy_ban = Or((Phrase(("uy", "ban", "nhan", "dan"), ("ủy", "ban", "nhân", "dân")), Term("ubnd", "ubnd")))
    assert query.should == (Term("ke", "kế"), Term("hoach", "hoạch"), uy_ban, Term("tinh", "tỉnh"))
    assert query.min_should_match == max(2, math.ceil(LONG_QUERY_MSM * 4))


def test_uy_spellings_fold_the_same() -> None:
    def folded_options(text: str) -> list[object]:
        (clause,) = expand(parse(text)).must
        assert isinstance(clause, Or)
        return [o.folded for o in clause.options]

    assert (
        folded_options("uỷ ban nhân dân") == folded_options("ủy ban nhân dân") == [("uy", "ban", "nhan", "dan"), "ubnd"]
    )
    assert folded_options("UBND") == ["ubnd", ("uy", "ban", "nhan", "dan")]


def test_a_long_query_without_its_function_word_still_finds_the_run() -> None:
    text = "sở giáo dục và đào tạo tỉnh An Giang ban hành quy định"
    query = expand(parse(text))
    runs = [c for c in query.should if isinstance(c, Or)]
    assert len(runs) == 1
    assert {o.folded for o in runs[0].options} == {("giao", "duc", "va", "dao", "tao"), ("gd", "dt"), "gddt"}
    assert not any(isinstance(c, Term) and c.folded in ("giao", "duc", "dao", "tao") for c in query.should)


def test_several_spellings_of_one_abbreviation() -> None:
    for text in ("GD&ĐT", "GD-ĐT", "GDĐT", "giao duc va dao tao"):
        expanded = expand(parse(text))
        (clause,) = expanded.must + expanded.should
        assert isinstance(clause, Or)
        assert {o.folded for o in clause.options} == {("giao", "duc", "va", "dao", "tao"), ("gd", "dt"), "gddt"}


def test_a_quoted_form_is_widened_too() -> None:
    (clause,) = expand(parse('"KT-XH"')).must
    assert isinstance(clause, Or)
    assert {o.folded for o in clause.options} == {("kt", "xh"), "ktxh", ("kinh", "te", "xa", "hoi")}


def test_numbers_exclusions_and_phrases_that_only_contain_a_form_are_untouched() -> None:
    for text in ("1234/UBND-VX", "Công văn 1234/UBND-VX", "thực phẩm -ATTP", "UBND-VX", 'thực phẩm -"an toàn"'):
        parsed = parse(text)
        assert expand(parsed) is parsed, text
    numbered = expand(parse("15/2017/QĐ-UBND ATTP"))
    assert Number("15/2017/QD-UBND", ("15", "2017", "qd", "ubnd")) in numbered.must


def test_words_not_next_to_each_other_are_no_run() -> None:
    for text in ("an toàn, thực phẩm", "an toàn -x thực phẩm", '"an toàn" thực phẩm', "thực phẩm an toàn"):
        parsed = parse(text)
        assert expand(parsed) is parsed, text


def test_or_groups_get_every_option_once() -> None:
    (clause, sinh) = expand(parse("ATTP OR vệ sinh")).must
    assert clause == Or((Term("attp", "attp"), ATTP, Term("ve", "vệ")))
    assert sinh == Term("sinh", "sinh")
    both = parse("ATTP OR an toàn thực phẩm")  # already both: the phrase side is four words, the OR is attp|an
    assert expand(both).must[0] == Or((Term("attp", "attp"), ATTP, Term("an", "an")))


def test_queries_without_a_form_are_the_same_object() -> None:
    for text in ("đất đai", "", "   ", "quyết định 15/2017/QĐ-UBND", "bồi thường khi nhà nước thu hồi đất là gì?"):
        parsed = parse(text)
        assert expand(parsed) is parsed, text


def test_the_request_groups_replace_the_shipped_list() -> None:
    groups = (("CSGT", "cảnh sát giao thông"),)
    assert expand(parse("CSGT"), groups).must == (
        Or((Term("csgt", "csgt"), Phrase(("canh", "sat", "giao", "thong"), ("canh", "sat", "giao", "thong")))),
    )
    assert expand(parse("ATTP"), groups) == parse("ATTP")  # the shipped list is the default, not an addition
    as_lists = [["CSGT", "cảnh sát giao thông"]]  # a caller's lists (unhashable) are read the same
    assert expand(parse("CSGT"), as_lists) == expand(parse("CSGT"), groups)
    assert expand(parse("CSGT")) == parse("CSGT")


def test_a_form_in_two_groups_gets_both_groups_but_no_chain() -> None:
    groups = (("A1", "bệnh viện"), ("BV", "bệnh viện"), ("BV", "bảo vệ"))
    (clause,) = expand(parse("bệnh viện"), groups).must
    assert isinstance(clause, Or)
    assert {o.folded for o in clause.options} == {("benh", "vien"), "a1", "bv"}  # not "bảo vệ": one hop
    (bv,) = expand(parse("BV"), groups).must
    assert isinstance(bv, Or)
    assert {o.folded for o in bv.options} == {"bv", ("benh", "vien"), ("bao", "ve")}


def test_groups_without_two_distinct_forms_are_ignored() -> None:
    table = synonym_table((("ATTP", "attp"), ("x",), ("&", "ATTP")))
    assert table.equivalents == {}
    parsed = parse("ATTP")
    assert expand(parsed, (("ATTP", "attp"),)) is parsed


def test_the_longest_form_wins() -> None:
    # Seven words: a long query, which needed any two of them; now the one clause left (as Elasticsearch's synonym
    # graph makes a phrase of a multi-word synonym's words).
    query = expand(parse("giấy chứng nhận quyền sử dụng đất"))
    (clause,) = query.should
    assert query.min_should_match == 1
    assert isinstance(clause, Or)
    assert clause.options[0].folded == ("giay", "chung", "nhan", "quyen", "su", "dung", "dat")
    assert {o.folded for o in clause.options[1:]} == {"gcnqsdd"}


def test_every_shipped_group_has_two_forms_with_letters() -> None:
    assert len(SHIPPED_SYNONYMS) >= 40
    for group in SHIPPED_SYNONYMS:
        forms = {form_syllables(f) for f in group}
        assert len(forms) == len(group) >= 2, group
    table = synonym_table(SHIPPED_SYNONYMS)
    for needed in ("ubnd", "hdnd", "attp", "bhxh", "bhyt", "pccc", "ctmtqg", "vx", "bcd", "tp", "cchc", "tthc"):
        assert (needed,) in table.equivalents, needed


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='aăâđeêioôơuưy ATTPUBNDKXH-&"/0123456789 ', max_size=60))
def test_expansion_never_fails_and_keeps_exclusions_and_pairs(text: str) -> None:
    try:
        parsed = parse(text)
    except ValueError:
        return
    expanded = expand(parsed)
    assert isinstance(expanded, Query)
    assert expanded.must_not == parsed.must_not and expanded.pairs == parsed.pairs
    assert expanded.match_all == parsed.match_all
    assert 0 <= expanded.min_should_match <= max(len(expanded.should), parsed.min_should_match)
