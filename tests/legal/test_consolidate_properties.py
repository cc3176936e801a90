"""Properties of the applier (legal.consolidate) over generated documents and operations: no operations give
the original back; a date before an operation gives the text before it; the versions list and text_on agree on
every date; applying is deterministic and never raises, whatever it is given (it holds instead)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legal.consolidate import Consolidation, Version, VersionNode, consolidate, text_on
from legal.operations import KINDS, Operation
from legal.provisions import POINT_LETTERS, ProvisionError, parse_eid, parse_structure
from tests.conftest import CORPUS

BASE_FROM = date(2024, 1, 1)
# Few distinct dates, so that same-day clashes and suspensions ending on another change's day are common.
DATES = [date(2023, 12, 1), BASE_FROM, date(2024, 7, 1), date(2025, 1, 1), date(2025, 7, 1), date(2026, 1, 1)]
WORDS = ["chợ", "Sở Tư pháp", "hồ sơ", "thời hạn", "báo cáo", "cấp phép", "phí", "Ủy ban nhân dân", "mười ngày"]
ROMAN = ["I", "II", "III", "IV"]

sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(lambda words: " ".join(words) + ".")
titles = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(lambda words: " ".join(words).capitalize())


@st.composite
def documents(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A decision with chapters, articles, clauses and points (as parse_structure reads it), sometimes with an
    annex leaf and a hand-made node without eId, as older stored trees have."""
    lines = ["QUYẾT ĐỊNH", "Căn cứ Luật Tổ chức chính quyền địa phương;"]
    article = 0
    for chapter in ROMAN[: draw(st.integers(1, 3))]:
        lines += [f"Chương {chapter}", draw(titles).upper()]
        for _ in range(draw(st.integers(1, 3))):
            article += 1
            lines.append(f"Điều {article}. {draw(titles)}")
            clauses = draw(st.integers(0, 3))
            if not clauses:
                lines.append(draw(sentences))
            for clause in range(1, clauses + 1):
                lines.append(f"{clause}. {draw(sentences)}")
                for letter in "abc"[: draw(st.integers(0, 3))]:
                    lines.append(f"{letter}) {draw(sentences)}")
    tree: list[dict[str, Any]] = [dict(node) for node in parse_structure("\n".join(lines))]
    if draw(st.booleans()):
        tree.append({"kind": "annex", "number": "I", "label": "Phụ lục I", "title": "PHỤ LỤC", "text": draw(sentences),
                     "children": [], "anchor": "phu-luc-i", "eid": "phu-luc-i"})  # fmt: skip
    if draw(st.booleans()):
        tree.append({"kind": "article", "text": draw(sentences), "children": []})  # no eId, no label
    return tree


def _eids(tree: Sequence[dict[str, Any]]) -> list[str]:
    stack, found = list(tree), []
    while stack:
        node = stack.pop()
        if not isinstance(node, dict):
            continue  # the hostile trees' odd children
        if isinstance(node.get("eid"), str) and node["eid"]:
            found.append(node["eid"])
        children = node.get("children")
        stack.extend(children if isinstance(children, list) else [])
    return sorted(found)


def _printed(eid: str, body: str) -> str:
    """The unit ``eid`` as an amending act prints it (its heading, then ``body``)."""
    kind, _, number = eid.rpartition("/")[2].partition("-")
    if kind == "dieu":
        return f"Điều {number}. Tên mới\n{body}"
    if kind == "khoan":
        return f"{number}. {body}"
    if kind == "diem":
        return f"{number.replace('dd', 'đ')}) {body}"
    if kind == "chuong":
        return f"Chương {number.upper()}. TÊN MỚI"
    return body


def _new_eid(eid: str, bump: int) -> str:
    """An eId near ``eid`` that may or may not exist: the next numbers, or an article "5a"."""
    parent, _, step = eid.rpartition("/")
    kind, _, number = step.partition("-")
    if kind == "dieu" and number.isdigit():
        new = f"dieu-{number}a" if bump == 0 else f"dieu-{int(number) + bump}"
    elif kind == "khoan" and number.isdigit():
        new = f"khoan-{int(number) + bump + 1}"
    elif kind == "diem" and number.replace("dd", "đ") in POINT_LETTERS:
        letter = POINT_LETTERS[min(POINT_LETTERS.index(number.replace("dd", "đ")) + bump + 1, len(POINT_LETTERS) - 1)]
        new = f"diem-{letter.replace('đ', 'dd')}"
    else:
        new = f"{step}-x"
    return f"{parent}/{new}" if parent else new


@st.composite
def operations(draw: st.DrawFn, tree: Sequence[dict[str, Any]], *, count: int = 8) -> list[Operation]:
    eids = [*_eids(tree), "dieu-99", "dieu-1/khoan-9", "mau-so-02", ""]
    result = []
    for seq in range(draw(st.integers(0, count))):
        kind = draw(st.sampled_from([*KINDS, "replace", "insert_after", "insert_before"]))
        target = draw(st.sampled_from(eids))
        anchor = ""
        if kind in ("insert_after", "insert_before"):
            anchor = draw(st.sampled_from([target, ""]))
            target = _new_eid(target, draw(st.integers(0, 2)))
        applies_on = draw(st.sampled_from(DATES))
        # Mostly the target's own heading (it applies), sometimes another unit's (number_mismatch) or none.
        own, other = _printed(target, draw(sentences)), _printed(draw(st.sampled_from(eids)), draw(sentences))
        result.append(
            Operation(
                kind=kind,
                target_eid=target,
                applies_on=applies_on,
                source=draw(st.sampled_from("ABC")),
                seq=seq,  # unique per source too, as the catalogue's rows are
                target=draw(st.sampled_from(["", "base", "B"])),
                new_text=draw(st.sampled_from([own, own, own, other, draw(sentences), ""])),
                anchor_eid=anchor,
                old_words=draw(st.sampled_from([*WORDS, "không có"])),
                new_words=draw(st.sampled_from(["", *WORDS])),
                except_words=tuple(draw(st.lists(st.sampled_from(WORDS), max_size=1))),
                scope_eids=tuple(draw(st.lists(st.sampled_from(eids), max_size=2))),
                ends_on=draw(st.sampled_from([None, *DATES])) if kind == "suspend" else None,
                state=draw(st.sampled_from(["proposed", "confirmed", "confirmed", "confirmed", "listed", "rejected"])),
                precedence=draw(st.sampled_from([0, 0, 0, 1])),
                source_issued_on=draw(st.sampled_from([None, date(2023, 6, 1)])),
            )
        )
    return result


def _content(nodes: Sequence[VersionNode] | Sequence[dict[str, Any]]) -> list[Any]:
    """What a reader sees of a tree: every unit's eId, heading, text and status, nested (not notes)."""
    return [
        (node.get("eid", ""), node.get("title", ""), node.get("text", ""), node.get("status", "in_force"),
         _content(node.get("children", [])))
        for node in nodes
    ]  # fmt: skip


def _dates_of(result: Consolidation) -> list[date]:
    """The first and last day of each version, and the days around each boundary."""
    days = []
    for version in result.versions:
        days += [version.valid_from, version.valid_from - timedelta(days=1)]
        if version.valid_until:
            days.append(version.valid_until - timedelta(days=1))
    return days


SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(documents())
def test_no_operations_give_back_the_original(tree: list[dict[str, Any]]) -> None:
    result = consolidate(tree, [], base_from=BASE_FROM)
    assert len(result.versions) == 1
    assert _content(result.versions[0].tree) == _content(tree)
    assert result.held == ()


@SLOW
@given(st.data())
def test_a_date_before_an_operation_gives_the_text_before_it(data: st.DataObject) -> None:
    """The text on any date is what the operations applying up to that date make of the base: later
    operations never reach back."""
    tree = data.draw(documents())
    ops = data.draw(operations(tree))
    result = consolidate(tree, ops, base_from=BASE_FROM, document="base")
    for on in _dates_of(result):
        upto = consolidate(tree, [op for op in ops if op.applies_on <= on], base_from=BASE_FROM, document="base")
        full, prefix = text_on(result, on), text_on(upto, on)
        assert (full is None) == (prefix is None)
        if full is not None and prefix is not None:
            assert _content(full.tree) == _content(prefix.tree)


@SLOW
@given(st.data())
def test_the_versions_list_and_text_on_agree_on_every_date(data: st.DataObject) -> None:
    tree = data.draw(documents())
    result = consolidate(tree, data.draw(operations(tree)), base_from=BASE_FROM)
    listed = result.versions
    assert listed[0].valid_from == BASE_FROM
    assert listed[-1].valid_until is None
    for version, following in pairwise(listed):
        assert version.valid_until == following.valid_from
        assert version.valid_from < following.valid_from
    for version in listed:
        inside = [version.valid_from, version.valid_from + timedelta(days=1)]
        if version.valid_until:
            inside.append(version.valid_until - timedelta(days=1))
        for on in inside:
            if version.valid_until is None or on < version.valid_until:
                assert text_on(result, on) is version
    assert text_on(result, BASE_FROM - timedelta(days=1)) is None


def _by_state(version: Version) -> list[Any]:
    return [version.valid_from, version.valid_until, version.status, _content(version.tree)]


@SLOW
@given(st.data())
def test_applying_is_deterministic_whatever_the_input_order_and_never_raises(data: st.DataObject) -> None:
    tree = data.draw(documents())
    ops = data.draw(operations(tree, count=12))
    result = consolidate(tree, ops, base_from=BASE_FROM, document="base")
    again = consolidate(tree, ops, base_from=BASE_FROM, document="base")
    assert json.dumps(result.as_json()) == json.dumps(again.as_json())
    shuffled = consolidate(tree, data.draw(st.permutations(ops)), base_from=BASE_FROM, document="base")
    assert [_by_state(v) for v in shuffled.versions] == [_by_state(v) for v in result.versions]
    assert sorted(map(repr, shuffled.held)) == sorted(map(repr, result.held))
    json.dumps(result.as_json())  # plain JSON, every time
    # Every operation is applied (a note in some version), held, or ignored because it was rejected.
    applied = {(n["source"], n["seq"]) for v in result.versions for n in v.changes if n["kind"] != "suspend_end"}
    held = {(h.operation.source, h.operation.seq) for h in result.held}
    repealed_amending = {(op.source, op.seq) for op in ops if op.kind == "repeal_document" and op.target == "B"}
    for op in ops:
        key = (op.source, op.seq)
        assert op.state == "rejected" or key in applied | held | repealed_amending


@settings(max_examples=300, deadline=None)
@given(
    st.recursive(
        st.fixed_dictionaries({}, optional={"eid": st.sampled_from(["dieu-1", "dieu-1/khoan-1", "", "x", None]),
                                            "kind": st.sampled_from(["article", "clause", "chapter", "annex", 3]),
                                            "text": st.text(max_size=20), "title": st.text(max_size=5),
                                            "children": st.sampled_from([None, 7, "ab", {"eid": "dieu-3"}]),
                                            "status": st.sampled_from(["repealed", None, 1]),
                                            "notes": st.sampled_from([None, 3, [{"x": 1}]])}),
        lambda children: st.fixed_dictionaries({"eid": st.sampled_from(["chuong-i", "dieu-1", "dieu-2", ""]),
                                                "children": st.lists(children, max_size=3)}),
        max_leaves=8,
    ).map(lambda node: [node]),
    st.data(),
)  # fmt: skip
def test_hostile_trees_never_raise(tree: list[dict[str, Any]], data: st.DataObject) -> None:
    """Stored trees from older parsers or hand edits: repeated eIds, missing keys, odd kinds."""
    result = consolidate(tree, data.draw(operations(tree, count=6)), base_from=BASE_FROM)
    json.dumps(result.as_json())


def print_unit(node: dict[str, Any] | VersionNode) -> str:
    """A unit as an amending act would quote it whole: its heading, its text, its sub-units."""
    kind, number, title, text = node["kind"], node["number"], node["title"], node["text"]
    if kind == "article":
        head = [f"Điều {number}. {title}" if title else f"Điều {number}."]
        lines = [*head, text] if text else head
    elif kind == "clause":
        lines = [f"{number}. {text}"]
    elif kind == "point":
        lines = [f"{number}) {text}"]
    else:  # chapters and sections: heading line, then the title in capitals as they print it
        word = {"chapter": "Chương", "section": "Mục", "part": "Phần"}[kind]
        lines = [f"{word} {number}", title]
    return "\n".join([*lines, *(print_unit(child) for child in node["children"])])


def _targetable(eid: str) -> bool:
    try:
        parse_eid(eid)
    except ProvisionError:
        return False  # a repeated number's "dieu-5-2": nothing can target it
    return True


def replacing_each_unit_by_itself(tree: Sequence[dict[str, Any]]) -> list[Operation]:
    units = [node for node in _walk_dicts(tree) if node.get("kind") in ("article", "clause", "point")]
    return [
        Operation("replace", node["eid"], date(2025, 1, 1), "self", seq, new_text=print_unit(node))
        for seq, node in enumerate(units)
        if _targetable(node.get("eid", ""))
    ]


def _identity(tree: Sequence[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    return [(n.get("eid", ""), n.get("label", ""), n.get("anchor", ""), n.get("kind", "")) for n in _walk_dicts(tree)]


def _walk_dicts(tree: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    stack, found = list(reversed(tree)), []
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(reversed(node.get("children", [])))
    return found


@SLOW
@given(documents())
def test_replacing_a_unit_by_its_own_printed_text_changes_nothing(tree: list[dict[str, Any]]) -> None:
    """parse_fragment reads a quoted unit at its place exactly as parse_structure read it in the document."""
    operations = replacing_each_unit_by_itself(tree)
    result = consolidate(tree, operations, base_from=BASE_FROM)
    assert result.held == ()
    latest = [dict(node) for node in result.versions[-1].tree]
    assert _content(latest) == _content(tree)
    assert _identity(latest) == _identity(tree)


AMENDMENTS = CORPUS / "amendments"


@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(path.stem for path in AMENDMENTS.glob("*.txt")) or ["(corpus absent)"])
def test_real_documents_read_back_unit_by_unit(name: str) -> None:
    """On the 22 corpus texts (read in place, nothing copied): no operations give the document back, and replacing
    every article, clause and point by its own printed text changes nothing, so a quoted unit is read at its place
    as the whole document reads it (the held list names any unit that is not)."""
    if not AMENDMENTS.is_dir():
        pytest.skip(f"amendment corpus not found at {AMENDMENTS} (only on the dev machine)")
    tree: list[dict[str, Any]] = [dict(n) for n in parse_structure((AMENDMENTS / f"{name}.txt").read_text("utf-8"))]
    assert _content(consolidate(tree, [], base_from=BASE_FROM).versions[0].tree) == _content(tree)
    result = consolidate(tree, replacing_each_unit_by_itself(tree), base_from=BASE_FROM)
    assert [held.operation.target_eid for held in result.held] == []
    latest = [dict(node) for node in result.versions[-1].tree]
    assert _content(latest) == _content(tree)
    assert _identity(latest) == _identity(tree)
