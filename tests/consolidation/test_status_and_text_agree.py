"""Property (issue #14 §4): the status from the validity engine and the text on a date agree on which provisions
are repealed. Both read the same applied operations: the relations are derived (backend.consolidation.derive)
from the confirmed operations the applier did not hold back, exactly as services.derive_relations does.

Pure: legal.consolidate, derive and the validity engine, on generated documents and operations."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

from backend.catalogue.validity import DocumentFacts, Reason, RelationFacts, evaluate
from backend.consolidation.derive import OperationFacts, derive
from legal.consolidate import VersionNode, consolidate, text_on
from legal.operations import Operation
from legal.provisions import ProvisionError, normalize_provision, parse_eid
from tests.legal.test_consolidate_properties import BASE_FROM, DATES, documents, operations

DOCUMENT = DocumentFacts(id=1, number="1/2023/QĐ-UBND", issued_on=date(2023, 12, 1), effective_from=BASE_FROM,
                         effective_until=None)  # fmt: skip


def _label(eid: str) -> str | None:
    """The provision label of an eId; None for an annex or form, which the status does not list (they are
    named in the relation's note: derive.py)."""
    try:
        return normalize_provision(parse_eid(eid)[1])
    except ProvisionError:
        return None


def _walk(nodes: Sequence[VersionNode], repealed_above: bool = False) -> Iterator[tuple[VersionNode, bool]]:
    for node in nodes:
        yield node, repealed_above
        yield from _walk(node["children"], repealed_above or node["status"] == "repealed")


def _relations(applied: Sequence[Operation]) -> list[RelationFacts]:
    sources = sorted({op.source for op in applied})
    facts: list[RelationFacts] = []
    for number, source in enumerate(sources, start=2):
        rows = derive(
            OperationFacts(
                kind=op.kind,
                target_eid=op.target_eid,
                applies_on=op.applies_on,
                scope_eids=op.scope_eids,
                ends_on=op.ends_on,
            )
            for op in applied
            if op.source == source
        )
        for row in rows:
            facts.append(
                RelationFacts(id=len(facts) + 1, kind=row.kind, source_id=number, source_number=f"{number}/2025/QĐ",
                              effective_on=row.effective_on, ends_on=row.ends_on, provisions=row.provisions)
            )  # fmt: skip
    return facts


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_status_and_text_agree_on_repealed_provisions(data: st.DataObject) -> None:
    tree = data.draw(documents())
    drawn: list[Operation] = data.draw(operations(tree, count=10))
    # Confirmed changes of this document on or after its own date, repeals the most common (what is measured).
    kinds = st.sampled_from(["repeal", "repeal", "repeal", "replace", "insert_after", "rename", "substitute_words"])
    ops = [
        replace(op, kind=data.draw(kinds), state="confirmed", target="base", applies_on=max(op.applies_on, BASE_FROM))
        for op in drawn
    ]
    result = consolidate(tree, ops, base_from=BASE_FROM)
    held = {(h.operation.source, h.operation.seq) for h in result.held}
    applied = [op for op in ops if (op.source, op.seq) not in held]
    relations = _relations(applied)
    seen: set[str] = set()
    for day in DATES[1:]:
        version = text_on(result, day)
        assert version is not None
        status = evaluate(DOCUMENT, relations, day)
        by_status = {state.provision for state in status.provisions if state.reason is Reason.REPEALED}
        shown: dict[str, Any] = {}
        repealed_anywhere: set[str] = set()  # also inside a repealed chapter, whose articles stay, repealed
        for node, under_repealed in _walk(version.tree):
            label = _label(node["eid"]) if node["eid"] else None
            if label is not None and node["status"] == "repealed":
                repealed_anywhere.add(label)
            if label is not None and not under_repealed:
                shown[label] = node
        # 1. What the text prints as repealed, the status lists as repealed.
        in_text = {label for label, node in shown.items() if node["status"] == "repealed"}
        assert in_text <= by_status, (in_text - by_status, day)
        # 2. What the status lists as repealed is repealed in the text, or was enacted again later by a
        #    replacement of it or of a unit above it (its old wording stays expired, as Law 64/2025 art. 57 counts).
        for label in by_status - repealed_anywhere:
            if any(label.endswith(" " + above) for above in repealed_anywhere):
                continue  # inside a repealed unit, whose sub-units go with it
            node = shown.get(label) or _replaced_above(version.tree, tree, label)
            assert node is not None, (label, day)  # the status never names a provision the text does not have
            kinds = [note["kind"] for note in node["notes"]]
            assert kinds and kinds[-1] != "repeal", (label, day, kinds)
        seen.update(in_text)
    note(f"repealed in the text on some date: {sorted(seen)}")
    if seen:
        event("some provision repealed")


def _replaced_above(version_tree: Sequence[VersionNode], base_tree: Sequence[Any], label: str) -> Any:
    """The unit above `label` in the base document whose replacement (in this version) brought a new text without
    it: the provision is gone from the text, and its old wording stays expired in the status."""
    above = _ancestors(base_tree).get(label, [])
    nodes = {node["eid"]: node for node, _ in _walk(version_tree)}
    for eid in above:
        node = nodes.get(eid)
        if node is not None and any(n["kind"] == "replace" for n in node["notes"]):
            return node
    return None


def _ancestors(tree: Sequence[Any], above: tuple[str, ...] = ()) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for node in tree:
        label = _label(node["eid"]) if node.get("eid") else None
        if label is not None:
            found[label] = list(above)
        found.update(_ancestors(node.get("children", []), (*above, node.get("eid", ""))))
    return found
