"""Reading the corpus's amending acts into operations (issue #14, decision 0018 §2 and its correctness gate).

Command (from the repository root; no database or services needed; about 2 seconds):

    .venv/bin/python bench/consolidation.py [--corpus ../shared/corpus/amendments] [--show listed|wrong|all]

For each of the 9 amending acts of ``../shared/corpus/amendments`` (not part of the repository: without it the
bench says so and exits 0; ``HIEULUC_AMENDMENTS`` overrides the path) it runs ``legal.instructions.read_act``
with the structure trees of the documents the act amends that the corpus holds (its bases, parsed by
``legal.provisions.parse_structure``; for group H the official consolidation 47/VBHN-VPQH, its ``[n]`` markers and
footnotes removed, stands for Luật 25/2008/QH12 as amended) and prints, per act and in total:

- instruction lines read, umbrella lines (they set the context of others and change nothing themselves),
  operations, ``proposed`` and ``listed`` (by reason code);
- against ``bench/consolidation_expected.json`` — per instruction the (source_eid, kind, target document,
  target_eid[, scope_eids]) checked by hand from the sentence, not from the reader — how many proposed operations
  were **read exactly**, how many were **read wrongly** (proposed, but not what the sentence says, or proposed
  where the sentence must be listed), how many listed ones still carry the right identifiers, and the expected
  operations the reader gave nothing for (**missed**); for a form or annex replaced by reference the expectation
  holds the reference (``new_text``) and it is compared too;
- the same for the operations on documents the corpus holds (the others name documents it does not hold and are
  listed ``target_document_unknown``, as the catalogue would list them).

Target (decision 0018): 0 read wrongly; the reader lists rather than guesses. A ratio to a baseline does not apply
to correctness figures. When ``legal.consolidate`` (the applier) is present, each base with an official
consolidation (groups A, B, C, G, H) is also consolidated with the proposed operations and compared per eId with
its VBHN (markers and footnotes stripped, NFC, whitespace squeezed, final period normalised), and the differing
provisions are listed; a form or annex holding the reference its replacement gave it, where the VBHN prints the new
table, is counted "by reference". Writes JSON to bench/results/ (git-ignored). Exit status 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from legal.instructions import Reading, read_act  # noqa: E402
from legal.numbers import number_key  # noqa: E402
from legal.operations import Operation  # noqa: E402
from legal.provisions import ProvisionError, StructureNode, parse_eid, parse_structure  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "amendments"
EXPECTED = ROOT / "bench" / "consolidation_expected.json"

# The documents each act amends that the corpus holds, by number; anything else the act names is "not in the
# corpus" and its instructions are listed target_document_unknown, which is right: the catalogue would not know it
# either. 09/2026 repeals 02/2024 as a whole, so 02/2024 is a document it acts on.
TARGETS: dict[str, tuple[str, ...]] = {
    "08/2023/TT-BLĐTBXH": ("21/2021/TT-BLĐTBXH", "14/2021/TT-BLĐTBXH", "15/2021/TT-BLĐTBXH"),
    "02/2024/TT-BLĐTBXH": ("21/2021/TT-BLĐTBXH",),
    "09/2026/TT-BNV": ("21/2021/TT-BLĐTBXH", "02/2024/TT-BLĐTBXH"),
    "372/2025/NĐ-CP": ("112/2021/NĐ-CP",),
    "95/2025/TT-BTC": ("44/2022/TT-BTC",),
    "50/2026/TT-BTC": ("18/2026/TT-BTC",),
    "10/2024/TT-BLĐTBXH": ("07/2023/TT-BLĐTBXH",),
    "51/2024/QH15": ("25/2008/QH12",),
    "24/2012/QH13": (),
}
# Group H's base is Luật 25/2008/QH12 as amended up to 30/2023/QH15: the corpus holds it as 47/VBHN-VPQH.
STAND_INS = {"25/2008/QH12": "47/VBHN-VPQH"}
# Bases without one: their proposed operations are applied and what the applier holds is reported.
UNCONSOLIDATED: dict[str, tuple[str, ...]] = {
    "112/2021/NĐ-CP": ("372/2025/NĐ-CP",),
    "44/2022/TT-BTC": ("95/2025/TT-BTC",),
    "18/2026/TT-BTC": ("50/2026/TT-BTC",),
}
# Bases with an official consolidation, for the comparison once the applier is there: base -> (VBHN, acts in order).
CONSOLIDATED: dict[str, tuple[str, tuple[str, ...]]] = {
    "21/2021/TT-BLĐTBXH": ("2007/VBHN-BLĐTBXH", ("08/2023/TT-BLĐTBXH", "02/2024/TT-BLĐTBXH")),
    "14/2021/TT-BLĐTBXH": ("1549/VBHN-BLĐTBXH", ("08/2023/TT-BLĐTBXH",)),
    "15/2021/TT-BLĐTBXH": ("1550/VBHN-BLĐTBXH", ("08/2023/TT-BLĐTBXH",)),
    "07/2023/TT-BLĐTBXH": ("156/VBHN-BLĐTBXH", ("10/2024/TT-BLĐTBXH",)),
    "25/2008/QH12": ("22/VBHN-VPQH", ("51/2024/QH15",)),
}


@dataclass
class Corpus:
    folder: Path
    records: dict[str, dict[str, Any]]  # number -> index.json record

    @classmethod
    def load(cls, folder: Path) -> Corpus:
        index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
        return cls(folder, {record["number"]: record for record in index["documents"]})

    def text(self, number: str) -> str:
        return (self.folder / self.records[number]["file"]).read_text(encoding="utf-8")

    def tree(self, number: str) -> list[StructureNode]:
        held = STAND_INS.get(number, number)
        text = self.text(held)
        return parse_structure(strip_vbhn(text) if self.records[held]["role"] == "consolidated" else text)


_MARKER_RE = re.compile(r"\[[0-9]{1,3}\]")


def strip_vbhn(text: str) -> str:
    """A VBHN's text without its footnote markers ``[n]`` and the footnote block after the ``-----`` line."""
    body = text.split("\n-----\n", 1)[0]
    return _MARKER_RE.sub("", body)


# --- reading -------------------------------------------------------------------------------------------------


def read(corpus: Corpus, number: str, trees: Mapping[str, Sequence[Mapping[str, Any]]] | None = None) -> Reading:
    record = corpus.records[number]
    targets = {target: (trees or {}).get(target) or corpus.tree(target) for target in TARGETS[number]}
    amended = record.get("amends") or []
    default = TARGETS[number][0] if TARGETS[number] else (amended[0] if amended else None)
    return read_act(
        corpus.text(number),
        source=number_key(number),
        issued_on=dt.date.fromisoformat(record["issued_on"]),
        effective_from=dt.date.fromisoformat(record["effective_from"]),
        targets=targets,
        default_target=default,
    )


# Chain A: each later act is read against 21/2021 as the earlier acts left it the day before it applies, as the
# catalogue does (backend/consolidation/services.py), when the applier is there.
CHAIN = ("21/2021/TT-BLĐTBXH", ("08/2023/TT-BLĐTBXH", "02/2024/TT-BLĐTBXH", "09/2026/TT-BNV"))


def read_chain(corpus: Corpus, readings: Mapping[str, Reading]) -> dict[str, Reading]:
    """Chain A's later acts read again against the base as amended by the acts before them (their proposed
    operations); the readings as they were when the applier is not on the branch."""
    try:
        applier = importlib.import_module("legal.consolidate")
    except ImportError:
        return {}
    base, acts = CHAIN
    key = number_key(base)
    record = corpus.records[base]
    base_tree = corpus.tree(base)
    reread: dict[str, Reading] = {}
    for position, act in enumerate(acts[1:], start=1):
        earlier = [
            op
            for before in acts[:position]
            for op in (reread.get(before) or readings[before]).operations
            if op.state == "proposed" and op.target == key
        ]
        applies = dt.date.fromisoformat(corpus.records[act]["effective_from"])
        result = applier.consolidate(base_tree, earlier, base_from=dt.date.fromisoformat(record["effective_from"]))
        version = applier.text_on(result, applies - dt.timedelta(days=1))
        trees = {base: version.tree} if version is not None else {}
        reread[act] = read(corpus, act, trees)
    return reread


Key = tuple[str, str, str, str]


def _key(source_eid: str, kind: str, target: str, target_eid: str) -> Key:
    return (source_eid, kind, number_key(target) if target else "", target_eid)


@dataclass
class Score:
    act: str
    instruction_lines: int = 0
    umbrellas: int = 0
    operations: int = 0
    proposed: int = 0
    listed: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    expected: int = 0
    exact: int = 0
    wrong: int = 0
    listed_right_ids: int = 0
    missed: int = 0  # expected operations no reader operation matches (listed under other identifiers)
    dropped: int = 0  # expected operations whose sentence gave no operation at all: must stay 0
    # Operations on a document the corpus holds (the others are listed target_document_unknown, as the catalogue
    # would list them): how many, how many of them are proposed and read exactly, their listed ones by reason.
    held_target: int = 0
    held_target_exact: int = 0
    held_target_reasons: Counter[str] = field(default_factory=Counter)
    wrong_ops: list[str] = field(default_factory=list)
    missed_ops: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {**self.__dict__, "reasons": dict(self.reasons), "held_target_reasons": dict(self.held_target_reasons)}


def _matches(op: Operation, entry: Mapping[str, Any]) -> bool:
    if _key(op.source_eid, op.kind, op.target, op.target_eid) != _key(
        entry["source_eid"], entry["kind"], entry.get("target", ""), entry.get("target_eid", "")
    ):
        return False
    if "new_text" in entry and entry["new_text"] != op.new_text:
        return False  # a form or annex replaced by reference: the reference is what is applied
    return "scope_eids" not in entry or tuple(entry["scope_eids"]) == op.scope_eids


def score(act: str, reading: Reading, expected: Sequence[Mapping[str, Any]] | None) -> Score:
    result = Score(act, len(reading.instruction_lines), len(reading.umbrellas), len(reading.operations))
    held = {number_key(number) for number in TARGETS[act]}
    for op in reading.operations:
        if op.state == "proposed":
            result.proposed += 1
        else:
            result.listed += 1
            result.reasons.update(op.reasons)
        if op.target in held:
            result.held_target += 1
            if op.state != "proposed":
                result.held_target_reasons.update(op.reasons)
    if expected is None:
        return result
    result.expected = len(expected)
    unmatched = list(expected)
    for op in reading.operations:
        entry = next((entry for entry in unmatched if _matches(op, entry)), None)
        if entry is not None:
            unmatched.remove(entry)
        if op.state != "proposed":
            result.listed_right_ids += entry is not None
        elif entry is not None and not entry.get("must_list"):
            result.exact += 1
            result.held_target_exact += op.target in held
        else:
            result.wrong += 1
            why = "must be listed" if entry is not None else "not what the sentence says"
            result.wrong_ops.append(f"{_describe(op)} ({why})")
    result.missed = len(unmatched)
    sources = {op.source_eid for op in reading.operations}
    result.dropped = sum(entry["source_eid"] not in sources for entry in unmatched)
    result.missed_ops = [
        f"{e['source_eid']} {e['kind']} {e.get('target', '')} {e.get('target_eid', '')}" for e in unmatched
    ]
    return result


def _describe(op: Operation) -> str:
    where = op.target_eid or ",".join(op.scope_eids) or "(whole document)"
    return f"#{op.seq} {op.source_eid} {op.kind} {op.target} {where}"


# --- the applier's side (when legal.consolidate is there) ---------------------------------------------------------


def _units(nodes: Sequence[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.get("children") or []))


def _normal_text(text: str) -> str:
    """NFC, whitespace squeezed, the final period normalised (VBHNs print it inside the unit, acts outside)."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return text.rstrip(" .;")


_REPEALED_RE = re.compile(r"^\(?(?:được |đã được )?bãi bỏ\)?$", re.IGNORECASE)


def _unit_text(node: Mapping[str, Any]) -> str:
    text = _normal_text(f"{node.get('title') or ''} {node.get('text') or ''}")
    # A VBHN prints a repealed unit as "Điều 17. (được bãi bỏ)"; the applier keeps it with status "repealed".
    if node.get("status") == "repealed" or _REPEALED_RE.match(text):
        return "(được bãi bỏ)"
    return text


def _canonical_units(tree: Sequence[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Units by eId, canonical eIds only: until annexes are parsed as leaves, an annex's numbered lines come out as
    articles with non-canonical eIds ("dieu-10-2"), which are not provisions."""
    units: dict[str, Mapping[str, Any]] = {}
    for node in _units(tree):
        eid = str(node.get("eid") or "")
        try:
            parse_eid(eid)
        except ProvisionError:
            continue
        units[eid] = node
    return units


def _touches(op: Operation, eid: str) -> bool:
    places = [op.target_eid] if op.target_eid else list(op.scope_eids)
    if op.kind in ("substitute_words", "delete_words") and not places:
        return True  # the whole document
    # The unit itself or a unit inside it; an enclosing unit's own heading and lead-in are not changed by it.
    return any(eid == place or eid.startswith(place + "/") for place in places)


def _explains(op: Operation, eid: str, our_text: str | None) -> bool:
    """Whether a listed (unapplied) operation could explain a difference at ``eid``: it targets the unit, or it
    substitutes or deletes words that are still in it."""
    if op.kind in ("substitute_words", "delete_words"):
        # Case-blind: a VBHN also changes the word where it starts a sentence ("Tổ chức …" for "tổ chức …").
        found = our_text is not None and _normal_text(op.old_words).casefold() in our_text.casefold()
        return found and _touches(op, eid)
    return _touches(op, eid)


def _by_reference(node: Mapping[str, Any] | None, applied: Sequence[Operation]) -> bool:
    """Whether an annex or form leaf holds, as applied, only the reference an applied replace_annex gave it."""
    if node is None or node.get("kind") not in ("annex", "form"):
        return False
    text = _normal_text(str(node.get("text") or ""))
    return any(op.kind == "replace_annex" and text == _normal_text(op.new_text) for op in applied)


@dataclass
class Applied:
    base: str
    vbhn: str
    units: int = 0
    equal: int = 0
    untouched_differing: list[str] = field(default_factory=list)  # VBHN vs base, no operation involved
    # Units an operation touched that differ, with the side that causes it: "vbhn" (the VBHN does not print what the
    # amending act says), "listed" (only a listed operation, not applied, changes it), "reference" (a form or annex
    # replaced by reference to the act's own, where the VBHN prints the new table), "ours" (applied differently).
    touched_differing: dict[str, str] = field(default_factory=dict)
    # exact / vbhn_differs / by_reference / unverified / listed_left / differs / held
    operations: dict[str, int] = field(default_factory=dict)


def compare_with_vbhn(corpus: Corpus, readings: Mapping[str, Reading]) -> list[Applied]:
    """Consolidate each base that has an official consolidation and compare per eId (decision 0018's gate)."""
    try:
        applier = importlib.import_module("legal.consolidate")
    except ImportError:
        print("\nThe applier (legal.consolidate) is not on this branch yet: applied exactly / wrongly not measured.")
        return []
    results: list[Applied] = []
    print("\nApplied (proposed operations) and compared per eId with the official consolidation (VBHN):")
    for base, (vbhn, acts) in CONSOLIDATED.items():
        key = number_key(base)
        mine = [op for act in acts for op in readings[act].operations if op.target == key]
        applied = [op for op in mine if op.state == "proposed"]
        record = corpus.records[STAND_INS.get(base, base)]
        base_from = dt.date.fromisoformat(record["effective_from"] or record["issued_on"])
        result = applier.consolidate(corpus.tree(base), applied, base_from=base_from)
        held = {(held.operation.source, held.operation.seq) for held in result.held}
        version = applier.text_on(result, max([base_from, *(op.applies_on for op in applied)]))
        ours = _canonical_units(version.tree if version else [])
        theirs = _canonical_units(parse_structure(strip_vbhn(corpus.text(vbhn))))
        acts_text = _normal_text(" ".join(corpus.text(act) for act in acts))
        outcome = Applied(base, vbhn)
        for eid in sorted(set(ours) | set(theirs)):
            if eid.startswith(("mo-dau", "ket-thuc")):
                continue
            outcome.units += 1
            our_text = _unit_text(ours[eid]) if eid in ours else None
            their_text = _unit_text(theirs[eid]) if eid in theirs else None
            if our_text == their_text:
                outcome.equal += 1
                continue
            by_applied = [op for op in applied if _touches(op, eid)]
            by_listed = [op for op in mine if op.state == "listed" and _explains(op, eid, our_text)]
            if not by_applied and not by_listed:
                outcome.untouched_differing.append(eid)
            elif _by_reference(ours.get(eid), by_applied):
                # A form or annex replaced by the act's own: we print the reference the act gives ("Mẫu số 31 ban
                # hành kèm theo Thông tư số 08/2023/…"), the VBHN prints the new table itself (decision 0018: the
                # flattened tables are not text to apply).
                outcome.touched_differing[eid] = "reference"
            elif by_listed:
                # A listed operation (not applied) changes this unit in the VBHN: the difference is expected. An
                # applied operation on the same unit is then not judged here.
                outcome.touched_differing[eid] = "listed"
            elif (
                our_text is not None
                and (our_text == "(được bãi bỏ)" or our_text in acts_text)
                and (their_text is None or their_text not in acts_text)
            ):
                outcome.touched_differing[eid] = "vbhn"
            else:
                outcome.touched_differing[eid] = "ours"
        for op in applied:
            if (op.source, op.seq) in held:
                verdict = "held"
            else:
                found = {cause for eid, cause in outcome.touched_differing.items() if _touches(op, eid)}
                verdict = (
                    "differs"
                    if "ours" in found
                    else "by_reference"
                    if "reference" in found
                    else "unverified"  # a listed operation also changes a unit it touches: cannot be told apart
                    if "listed" in found
                    else "vbhn_differs"
                    if "vbhn" in found
                    else "exact"
                )
            outcome.operations[verdict] = outcome.operations.get(verdict, 0) + 1
        outcome.operations["listed_left"] = len(mine) - len(applied)
        results.append(outcome)
        causes = Counter(outcome.touched_differing.values())
        print(
            f"  {base} + {', '.join(acts)} vs {vbhn}: operations {outcome.operations}; units {outcome.equal}/"
            f"{outcome.units} equal; touched and differing: {dict(causes)}; untouched and differing (VBHN vs base): "
            f"{len(outcome.untouched_differing)}"
        )
        for eid, cause in outcome.touched_differing.items():
            if cause != "listed":
                print(f"    {eid}: {cause}")
    print("Applied where the corpus has no VBHN (only what the applier holds can be told):")
    for base, acts in UNCONSOLIDATED.items():
        key = number_key(base)
        applied = [op for act in acts for op in readings[act].operations if op.target == key and op.state == "proposed"]
        record = corpus.records[base]
        result = applier.consolidate(
            corpus.tree(base), applied, base_from=dt.date.fromisoformat(record["effective_from"])
        )
        held_ops = [f"#{h.operation.seq} {h.operation.target_eid} {','.join(h.reasons)}" for h in result.held]
        print(f"  {base} + {', '.join(acts)}: {len(applied)} applied, {len(held_ops)} held {held_ops}")
    return results


# --- report --------------------------------------------------------------------------------------------------


_COLUMNS = (
    ("lines", "instruction_lines"), ("umbr", "umbrellas"), ("ops", "operations"), ("prop", "proposed"),
    ("list", "listed"), ("exact", "exact"), ("wrong", "wrong"), ("l-ids", "listed_right_ids"), ("other", "missed"),
)  # fmt: skip


def _row(s: Score) -> str:
    return f"{s.act:<20}" + "".join(f" {getattr(s, name):>5}" for _, name in _COLUMNS)


def report(scores: Sequence[Score], show: str, readings: Mapping[str, Reading]) -> None:
    print(f"{'act':<20}" + "".join(f" {title:>5}" for title, _ in _COLUMNS))
    total = Score("total")
    for s in scores:
        print(_row(s))
        for name in (*(name for _, name in _COLUMNS), "expected", "dropped", "held_target", "held_target_exact"):
            setattr(total, name, getattr(total, name) + getattr(s, name))
        total.reasons.update(s.reasons)
        total.held_target_reasons.update(s.held_target_reasons)
    print(_row(total))
    print("listed by reason:", ", ".join(f"{code} {n}" for code, n in total.reasons.most_common()))
    if total.proposed:
        print(f"proposed read exactly: {total.exact}/{total.proposed} = {total.exact / total.proposed:.1%}; "
              f"read wrongly: {total.wrong}; expected operations (hand-checked): {total.expected}, of which "
              f"{total.missed} listed under other identifiers and {total.dropped} dropped")  # fmt: skip
    if total.held_target:
        print(f"on documents the corpus holds: {total.held_target} operations, proposed and read exactly "
              f"{total.held_target_exact} = {total.held_target_exact / total.held_target:.1%}; listed by reason: "
              + ", ".join(f"{code} {n}" for code, n in total.held_target_reasons.most_common()))  # fmt: skip
    for s in scores:
        for line in s.wrong_ops:
            print(f"  WRONG {s.act}: {line}")
        for line in s.missed_ops:
            print(f"  listed under other identifiers {s.act}: {line}")
    if show in ("listed", "all"):
        for act, reading in readings.items():
            for op in reading.operations:
                if op.state == "listed" or show == "all":
                    print(f"  {act} {op.state} {_describe(op)} {','.join(op.reasons)} | {op.instruction[:90]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path(os.environ.get("HIEULUC_AMENDMENTS", CORPUS)))
    parser.add_argument("--show", choices=("none", "listed", "all"), default="none")
    parser.add_argument("--no-results", action="store_true", help="do not write bench/results/ (the smoke test)")
    args = parser.parse_args(argv)
    if not (args.corpus / "index.json").is_file():
        print(f"Amendment corpus not found under {args.corpus} (it is not part of the repository): nothing to measure.")
        return 0
    corpus = Corpus.load(args.corpus)
    expected: dict[str, list[dict[str, Any]]] = (
        json.loads(EXPECTED.read_text(encoding="utf-8"))["acts"] if EXPECTED.is_file() else {}
    )
    trees = {number: corpus.tree(number) for targets in TARGETS.values() for number in targets}
    started = time.perf_counter()
    readings = {act: read(corpus, act, trees) for act in TARGETS}
    elapsed = time.perf_counter() - started
    readings.update(read_chain(corpus, readings))
    scores = [score(act, reading, expected.get(act)) for act, reading in readings.items()]
    report(scores, args.show, readings)
    print(f"reading the {len(readings)} acts (their target trees parsed beforehand): {elapsed * 1000:.0f} ms")
    compared = compare_with_vbhn(corpus, readings)
    if not args.no_results:
        out = ROOT / "bench" / "results"
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"consolidation-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
        payload = {"scores": [s.as_json() for s in scores], "compared": [c.__dict__ for c in compared]}
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"results: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
