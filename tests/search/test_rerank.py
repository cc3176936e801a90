"""The question re-ranker (search/rerank.py): its pure part, its model file, and the training script.

The re-ranking as the engines run it is in the behaviour suite (tests/search/test_behaviour.py, both engines).
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

from search import rerank, scoring
from search.query import Or, parse
from search.types import Hit

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "Người lao động được nghỉ hằng năm bao nhiêu ngày?"


def _tokens(targets: tuple[object, ...]) -> list[str]:
    """Each target as text: a term's token, a phrase's words, an AllOf's tokens joined by "+"."""
    out = []
    for t in targets:
        if isinstance(t, scoring.TermTarget):
            out.append(t.token)
        elif isinstance(t, scoring.AllOf):
            out.append("+".join(part.token for part in t.targets))
        elif isinstance(t, scoring.PhraseTarget | rerank.ProximityTarget):
            out.append(" ".join(t.tokens))
    return out


def test_plans_follow_the_query() -> None:
    parsed = parse(QUESTION)
    words = rerank.coverage_tokens(parsed)
    assert words == ["nguoi", "lao", "dong", "nghi", "hang", "nam", "bao", "nhieu", "ngay"]
    plans = {p.name: p for p in rerank.plans_for(parsed, {"nguoi": 90, "nghi": 5}, 100)}
    assert _tokens(plans["body"].targets) == words
    assert _tokens(plans["body_pairs"].targets) == list(parsed.pairs)
    assert plans["cover_idf"].constant and not plans["body"].constant
    idf = dict(zip(_tokens(plans["cover_idf"].targets), (t.boost for t in plans["cover_idf"].targets), strict=True))
    assert idf["nghi"] > idf["nguoi"] > 0  # the rarer word weighs more
    assert math.isclose(idf["nghi"], math.log(1 + 95.5 / 5.5))
    near = plans["near_cover"].targets
    assert all(isinstance(t, rerank.ProximityTarget) and t.slop == rerank.PROXIMITY_SLOP for t in near)
    assert plans["in_force"].targets == (scoring.TermTarget("status", "in_force", 1.0),)
    # no diacritics typed: no exact-form plan; no "what is" question: no hint plan
    folded = {p.name for p in rerank.plans_for(parse("nguoi lao dong duoc nghi bao nhieu ngay"), {}, 100)}
    assert "exact" not in folded and "hint" not in folded and "body" in folded
    assert "hint" in {p.name for p in rerank.plans_for(parse("Người lao động là gì?"), {}, 100)}


def test_only_long_queries_are_reranked() -> None:
    assert rerank.applies(parse(QUESTION))
    assert not rerank.applies(parse("lao động"))
    assert not rerank.applies(parse(""))


def test_features_from_given_plan_scores() -> None:
    parsed = parse(QUESTION)
    freqs = {"nguoi": 90, "nghi": 5}
    hits = [Hit(1, 8.0), Hit(2, 4.0), Hit(3, 2.0)]
    scores: dict[str, dict[int, float]] = {
        "body": {1: 6.0, 2: 3.0},
        "title": {2: 1.5},
        "cover_words": {1: 9.0, 2: 3.0},
        "in_force": {1: 1.0, 3: 1.0},
    }
    titles = {1: "Nghỉ hằng năm", 2: "Nghỉ hằng năm của người lao động chưa thành niên"}
    rows = rerank.feature_rows(parsed, hits, scores, freqs, 100, titles)
    column = {name: [row[i] for row in rows] for i, name in enumerate(rerank.FEATURES)}
    assert column["first_score"] == [1.0, 0.5, 0.25]
    assert column["first_rank"] == [1.0, 0.5, pytest.approx(1 / 3)]
    assert column["body"] == [1.0, 0.5, 0.0]  # over the best candidate's
    assert column["title"] == [0.0, 1.0, 0.0]
    assert column["cover_words"] == [1.0, pytest.approx(1 / 3), 0.0]  # over the query's nine words
    assert column["in_force"] == [1.0, 0.0, 1.0]
    assert column["body_pairs"] == [0.0, 0.0, 0.0]  # a plan that was not run scores 0
    assert column["title_prec"] == [1.0, pytest.approx(6 / 10), 0.0]  # not asked: "của", "chưa thành niên"
    assert column["title_all"] == [1.0, 0.0, 0.0]
    assert all(len(row) == len(rerank.FEATURES) for row in rows)


def test_order_is_by_model_score_then_id_and_keeps_the_tail() -> None:
    model = rerank.Model(("cover_words", "first_score"), (2.0, 1.0))
    hits = [Hit(5, 10.0), Hit(4, 9.0), Hit(3, 9.0), Hit(9, 1.0)]
    rows = [[0.0] * len(rerank.FEATURES) for _ in range(3)]
    cover, first = rerank.FEATURES.index("cover_words"), rerank.FEATURES.index("first_score")
    rows[0][first], rows[1][first], rows[2][first] = 1.0, 0.5, 0.5
    rows[1][cover], rows[2][cover] = 0.5, 0.5  # ids 4 and 3 tie at 1.5, above id 5's 1.0
    ranked = rerank.order(hits, rows, model)
    assert [h.id for h in ranked] == [3, 4, 5, 9]  # the tie goes to the lower id; id 9 was not re-ranked
    assert [h.score for h in ranked] == [1.5, 1.5, 1.0, 1.0]
    assert rerank.order(list(reversed(hits[:3])), list(reversed(rows)), model)[:3] == ranked[:3]


def test_model_validation() -> None:
    with pytest.raises(ValueError, match="unknown ranker features"):
        rerank.Model(("no_such_feature",), (1.0,))
    with pytest.raises(ValueError, match="one weight per feature"):
        rerank.Model(("body",), ())
    with pytest.raises(ValueError, match="kind"):
        rerank.Model.from_json({"kind": "forest", "features": [], "weights": []})
    model = rerank.Model(("body", "title"), (1.5, -0.5), 0.25)
    assert rerank.Model.from_json(json.loads(json.dumps(model.to_json()))) == model


def test_the_committed_model_exists_loads_and_is_small() -> None:
    assert rerank.MODEL_PATH.is_file()
    assert rerank.MODEL_PATH.stat().st_size < 8_000
    model = rerank.load_model()
    assert set(model.features) <= set(rerank.FEATURES)
    assert all(math.isfinite(w) for w in model.weights)
    data = json.loads(rerank.MODEL_PATH.read_text(encoding="utf-8"))
    assert "2023-new" not in data["trained_on"]  # the held-out set is never trained on
    # Covering more of the question's words, other things equal, must rank higher.
    low = [0.5] * len(rerank.FEATURES)
    high = list(low)
    high[rerank.FEATURES.index("cover_idf")] = 1.0
    assert model.score(high) > model.score(low)


# --- the training script ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def train_ranker():  # type: ignore[no-untyped-def]
    pytest.importorskip("sklearn", reason="the training script needs the dev extras (scikit-learn)")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import train_ranker

        yield train_ranker
    finally:
        sys.path.remove(str(ROOT / "scripts"))


def test_training_learns_which_feature_says_relevant(train_ranker) -> None:  # type: ignore[no-untyped-def]
    informative = rerank.FEATURES.index("cover_idf")
    groups = []
    for q in range(12):
        rows, labels = [], []
        for i in range(8):
            row = [((q * 7 + i * 3) % 5) / 5 for _ in rerank.FEATURES]
            row[informative] = 1.0 if i == q % 8 else 0.2
            rows.append(row)
            labels.append(i == q % 8)
        groups.append(train_ranker.Group(rows, labels))
    model = train_ranker.fit(groups, 1.0, rerank.FEATURES)
    assert max(model.weights, key=abs) == model.weights[informative] > 0
    assert train_ranker.mrr(groups, model) == 1.0
    assert train_ranker.mrr(groups, None) < 1.0
    assert train_ranker.fit(groups, 1.0, rerank.FEATURES) == model  # deterministic


def _synthetic_alqac(folder: Path) -> None:
    """Two tiny "years" of ALQAC in its own formats: laws of articles, questions naming their article."""
    topics = [
        "nghỉ hằng năm của người lao động",
        "thu hồi đất nông nghiệp của hộ gia đình",
        "đăng ký kết hôn tại ủy ban nhân dân",
        "học phí của học sinh trung học",
        "thuế thu nhập cá nhân từ tiền lương",
        "bảo hiểm xã hội bắt buộc",
        "giấy phép lái xe hạng B",
        "xử phạt vi phạm hành chính về môi trường",
    ]
    for year, questions_file in (("alqac2022", "question.json"), ("alqac2023", "train.json")):
        articles = [
            {"id": str(n + 1), "text": f"Quy định về {topic}\nNội dung quy định về {topic} và các trường hợp khác."}
            for n, topic in enumerate(topics)
        ]
        (folder / year).mkdir(parents=True)
        (folder / year / "law.json").write_text(json.dumps([{"id": "L1", "articles": articles}]), encoding="utf-8")
        questions = [
            {
                "question_id": f"{year}-{n}",
                "text": f"Pháp luật quy định thế nào về {topic} trong trường hợp này?",
                "relevant_articles": [{"law_id": "L1", "article_id": str(n + 1)}],
            }
            for n, topic in enumerate(topics)
        ]
        (folder / year / questions_file).write_text(json.dumps(questions), encoding="utf-8")


def test_the_training_script_runs_on_a_tiny_synthetic_set(train_ranker, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _synthetic_alqac(tmp_path / "alqac")
    out = tmp_path / "model.json"
    # No provincial records there (as in a clean clone): it says so and trains on ALQAC alone.
    args = ["--corpus", str(tmp_path / "alqac"), "--shared-corpus", str(tmp_path / "none"), "--out", str(out)]
    assert train_ranker.main(args) == 0
    printed = capsys.readouterr().out
    assert "2022->2023" in printed and "written:" in printed
    assert "Real records not found" in printed and "training on ALQAC alone" in printed
    assert "kept: (a)" in printed
    model = rerank.load_model(out)
    assert model.features == train_ranker.USED
    assert json.loads(out.read_text(encoding="utf-8"))["trained_on"] == ["2022", "2023"]


def test_the_judged_queries_split_by_the_parity_of_their_id() -> None:
    from bench.real_records import judged_half

    assert [judged_half(f"rq{n:03d}") for n in (1, 2, 3, 10, 199)] == [
        "train",
        "validation",
        "train",
        "validation",
        "train",
    ]
    assert judged_half("rq200") == judged_half("rq200") == "validation"  # deterministic: no seed, no shuffle
    with pytest.raises(ValueError, match="without a number"):
        judged_half("rq")


def test_the_committed_judged_queries_split_in_two_halves() -> None:
    from bench.real_records import judged_half, load_queries
    from bench.relevance import REAL_QUERIES

    halves = [judged_half(q.id) for q in load_queries(REAL_QUERIES)]
    assert 0.4 < halves.count("train") / len(halves) < 0.6


def _record(n: int, title: str) -> object:
    import datetime as dt

    from bench.real_records import Record

    return Record(f"bd:{n}/UBND-VX:01/01/2024", f"{n}/UBND-VX", title, dt.date(2024, 1, 1), "in_force", "cv", "UBND")


def test_only_the_long_judged_queries_are_collected_by_half(train_ranker) -> None:  # type: ignore[no-untyped-def]
    from bench.real_records import RealQuery

    titles = [
        "Về việc tổ chức nghỉ hằng năm cho người lao động trong các cơ quan nhà nước",
        "Về việc thu hồi đất nông nghiệp của hộ gia đình tại xã Tân Định",
        "Về việc đăng ký kết hôn tại ủy ban nhân dân cấp xã",
        "Về việc miễn học phí cho học sinh trung học cơ sở",
    ]
    records = [_record(n, title) for n, title in enumerate(titles, 1)]
    queries = [
        RealQuery("rq001", "question", "người lao động được nghỉ hằng năm bao nhiêu ngày", (records[0].key,)),  # type: ignore[attr-defined]
        RealQuery("rq002", "question", "hộ gia đình bị thu hồi đất nông nghiệp được gì", (records[1].key,)),  # type: ignore[attr-defined]
        RealQuery("rq003", "topic", "kết hôn", (records[2].key,)),  # type: ignore[attr-defined]  short: not re-ranked
        RealQuery("rq005", "question", "học sinh trung học cơ sở có được miễn học phí không", ("bd:missing",)),
    ]
    assert train_ranker.reranked(queries[0].text) and not train_ranker.reranked(queries[2].text)
    halves = train_ranker.collect_judged(records, queries)
    assert [len(halves["train"]), len(halves["validation"])] == [1, 1]  # rq003 short, rq005's record absent
    assert all(any(g.labels) for g in [*halves["train"], *halves["validation"]])


def test_a_word_with_its_synonyms_counts_once_and_by_any_form() -> None:
    from search.synonyms import expand

    parsed = expand(parse("Thủ tục hành chính nào do UBND cấp huyện giải quyết?"), ())
    assert any(isinstance(c, Or) for c in parsed.should)
    plans = {p.name: p for p in rerank.plans_for(parsed, {}, 100)}
    slots = plans["cover_words"].targets
    groups = [_tokens(t.targets) for t in slots if isinstance(t, rerank.AnyOf)]
    # "UBND" and "ủy ban nhân dân" are one word of the question ("thủ tục hành chính" and "TTHC" another)
    # a form of several syllables is matched by its pairs (term look-ups, not a phrase query)
    assert [g for g in groups if "ubnd" in g] == [["ubnd", "uy_ban+ban_nhan+nhan_dan"]]
    assert len(slots) == len(set(map(str, slots)))
    assert "uy" in rerank.coverage_tokens(parsed)  # its idf is its rarest syllable's
    # A title that spells the abbreviation out is all in the question.
    rows = rerank.feature_rows(parsed, [Hit(1, 1.0)], {}, {}, 100, {1: "Ủy ban nhân dân cấp huyện"})
    assert rows[0][rerank.FEATURES.index("title_all")] == 1.0


def test_the_judged_model_is_kept_only_when_not_worse_on_alqac_and_better_on_the_even_half(train_ranker) -> None:  # type: ignore[no-untyped-def]
    model = rerank.Model(("body",), (1.0,))

    def cand(name: str, alqac: float, even: float | None) -> object:
        return train_ranker.Candidate(name, ("2022",), 1.0, alqac, model, even)

    current = cand("a", 0.950, 0.800)
    assert train_ranker.choose(current, cand("b", 0.950, 0.810)).name == "b"
    assert train_ranker.choose(current, cand("b", 0.9504, 0.810)).name == "b"  # equal at three decimals
    assert train_ranker.choose(current, cand("b", 0.948, 0.900)).name == "a"  # worse on ALQAC validation
    assert train_ranker.choose(current, cand("b", 0.960, 0.800)).name == "a"  # not better on the even half
    assert train_ranker.choose(current, None).name == "a"
    assert train_ranker.choose(cand("a", 0.95, None), cand("b", 0.96, None)).name == "a"
