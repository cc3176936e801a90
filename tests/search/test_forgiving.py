"""search.forgiving without an engine: the relaxed query, the corrections found in a vocabulary, the corrected
query. The vocabulary is a dict of document frequencies, as an engine's doc_freq would give."""

from __future__ import annotations

from collections.abc import Sequence

from search import forgiving, scoring
from search.forgiving import Correction, relax, suggestion_text
from search.query import Number, Or, Phrase, SaidNumber, Term, parse

BODY = {
    "gia": 40,
    "dat": 50,
    "ho": 30,
    "ngheo": 8,
    "phong": 20,
    "chong": 12,
    "cho": 90,
    "dich": 15,
    "dinh": 70,
    "thue": 20,
    "nghen": 1,  # a rare word (a name, say), one edit from a frequent one
    "nghe": 50,
}
PAIRS = {"gia_dat": 25, "ho_ngheo": 8, "phong_chong": 11, "chong_dich": 9}


def doc_freqs(field: str, tokens: Sequence[str]) -> dict[str, int]:
    table = BODY if field == scoring.BODY else PAIRS if field == scoring.BODY_X else {}
    return {token: table.get(token, 0) for token in tokens}


def test_a_fused_word_is_split_where_its_syllables_occur_side_by_side() -> None:
    relaxation = relax(parse("giadat"), doc_freqs, exact_total=0)
    assert relaxation is not None
    assert relaxation.query.should == (Phrase(("gia", "dat"), ("gia", "dat")),)
    assert relaxation.corrections == (Correction("giadat", ("gia", "dat")),)
    assert "gia_dat" in relaxation.query.pairs


def test_a_typo_prefers_the_word_found_next_to_its_neighbours() -> None:
    # "cho" is in more documents, "chong" is the one found after "phong" and before "dich".
    relaxation = relax(parse("phong chog dich"), doc_freqs, exact_total=0)
    assert relaxation is not None
    assert relaxation.corrections[0].replacement == ("chong",)
    corrected = relaxation.query.should[1]
    assert isinstance(corrected, Or) and corrected.options[0] == Term("chong", "chong")


def test_words_shorter_than_four_letters_are_not_corrected_but_dropped() -> None:
    relaxation = relax(parse("gia dat xq"), doc_freqs, exact_total=0)
    assert relaxation is not None
    assert relaxation.corrections == ()
    assert relaxation.query.should == (Term("gia", "gia"), Term("dat", "dat"))
    assert relaxation.query.min_should_match == 1


def test_with_no_exact_match_all_but_one_word_are_needed() -> None:
    relaxation = relax(parse("gia dat ho ngheo"), doc_freqs, exact_total=0)
    assert relaxation is not None
    assert len(relaxation.query.should) == 4 and relaxation.query.min_should_match == 3
    assert relaxation.query.prefer is None


def test_with_some_exact_matches_every_word_is_still_needed_and_they_come_first() -> None:
    query = parse("phong chog")
    relaxation = relax(query, doc_freqs, exact_total=1)  # "chog" is in no document here, but say one had it
    assert relaxation is not None
    assert relaxation.query.min_should_match == 2
    assert relaxation.query.prefer == query


def test_nothing_to_relax_gives_none() -> None:
    assert relax(parse("dinh"), doc_freqs, exact_total=0) is None  # one known word: the same query again
    assert relax(parse("gia dat"), doc_freqs, exact_total=2) is None  # found as typed, nothing suspect


def test_a_number_is_relaxed_to_its_serial_and_year() -> None:
    relaxation = relax(parse("qd 15/2017"), doc_freqs, exact_total=0)
    assert relaxation is not None
    (clause,) = relaxation.query.should
    assert isinstance(clause, Or)
    assert [o.key for o in clause.options if isinstance(o, Number)] == ["15/2017/QD", "15/2017"]


def test_a_said_number_is_relaxed_to_what_it_said_in_digits() -> None:
    relaxation = relax(parse("nq 12 hdnd 2019"), doc_freqs, exact_total=0)
    assert relaxation is not None
    (clause,) = relaxation.query.should
    assert isinstance(clause, Or)
    looser = clause.options[1]
    assert isinstance(looser, SaidNumber) and looser.pieces == ("12", "@2019") and looser.key is None  # @: issued in


def test_the_corrected_query_keeps_the_users_way_of_typing() -> None:
    titles = ["Quy định giá đất ở", "Bảng giá đất"]
    correction = Correction("giadat", ("gia", "dat"))
    assert suggestion_text(parse("giadat"), [correction], titles, None) == "gia dat"
    assert suggestion_text(parse("bảng giadat"), [correction], titles, None) == "bảng giá đất"


def test_the_corrected_query_names_the_closest_number() -> None:
    query = parse("theo qd 15/2017 ve phi")
    assert suggestion_text(query, [], [], "15/2017/NQ-HĐND") == "theo 15/2017/NQ-HĐND ve phi"
    assert suggestion_text(parse("15/2017/NQ-HĐND"), [], [], "15/2017/NQ-HĐND") is None


def test_only_queries_that_find_too_little_are_relaxed() -> None:
    assert forgiving.needs_relaxing(parse("gia dat"), forgiving.RELAX_BELOW - 1)
    assert not forgiving.needs_relaxing(parse("gia dat"), forgiving.RELAX_BELOW)
    assert not forgiving.needs_relaxing(parse(""), 0)  # browsing everything has nothing to relax


def test_the_diacritics_tier_stays_on_near_matches() -> None:
    from search.query import with_exact_tier

    query = with_exact_tier(parse("thuê qwrt"), {"thuê": 10}, {"thue": 20})
    relaxation = relax(query, doc_freqs, exact_total=0)
    assert relaxation is not None and relaxation.query.exact_tier == ("thuê",)


def test_a_long_pasted_text_of_rare_words_costs_a_bounded_number_of_look_ups() -> None:
    calls: list[int] = []

    def counting(field: str, tokens: Sequence[str]) -> dict[str, int]:
        calls.append(len(tokens))
        return doc_freqs(field, tokens)

    text = " ".join(f"qu{a}{b}nh" for a in "aeiou" for b in "aeiouy")  # 30 syllable-shaped words in no document
    query, _ = forgiving.widened(parse(text), counting)
    assert len(calls) <= 3  # the words, the forms one edit away of the rarest two, their pairs
    assert sum(calls) <= 64 + 2 * 250
    assert query.long


def test_a_long_query_corrects_only_words_in_no_document() -> None:
    # "nghen" is in one document: a short query takes it for a typo of "nghe", a question does not (it finds plenty,
    # and a rare real word is not a typo).
    short = relax(parse("nghen dat"), doc_freqs, exact_total=0)
    assert short is not None and [c.written for c in short.corrections] == ["nghen"]
    _, corrections = forgiving.widened(parse("hộ nghen có được hỗ trợ đất ở bao nhiêu"), doc_freqs)
    assert corrections == ()


def test_a_correction_typed_with_diacritics_is_suggested_only_as_titles_spell_it() -> None:
    correction = Correction("trườgn", ("truong",))
    assert suggestion_text(parse("trườgn học"), [correction], ["Trường học an toàn"], None) == "trường học"
    assert suggestion_text(parse("trườgn học"), [correction], ["Học tập"], None) is None  # no "truong" for "trường"
