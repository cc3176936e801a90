"""The applier (decision 0018 §3–4): a base document's structure tree plus its operations give every version of
its text, as a văn bản hợp nhất would print it on any date.

    result = consolidate(tree, operations, base_from=date(2024, 1, 1))
    text_on(result, date(2025, 3, 1))     # the Version in force that day (None before base_from)
    versions(result)                      # each version's dates and the changes that opened it
    compare(result.versions[0], result.versions[-1])   # per eId: added / repealed / reworded / renamed …

**Input.** ``tree`` is ``legal.provisions.parse_structure`` output: nodes with an ``eid``. Node kinds are treated
generically: a node is found by its eId, so the regulation root (``quy-dinh``), annexes and forms (``phu-luc-ii``,
``mau-so-01``, opaque leaves) and the closing block need nothing special, except that word substitutions with no
scope skip the preamble and the closing block. ``operations`` are :class:`legal.operations.Operation`; states
``rejected`` are ignored, ``listed`` ones (and kind ``unknown``) are held with their own reasons, the rest
(``proposed``, ``confirmed``) are applied: the caller chooses which states it passes.

**Order.** Operations apply by ``(applies_on, precedence of the source that day, source_issued_on, source,
seq)``. Two operations of *different* sources on the same day that touch the same unit (same eId, or one an
ancestor of the other; a word substitution over the whole document touches everything; a new unit clashes with
a change to the unit it lands in; two insertions at the same anchor clash on their order) are both held
``conflict_same_day`` unless an officer has ordered the two documents with ``precedence``: a source's precedence
that day is the highest set on any of its operations, and the higher one applies last, so it prevails. Two
operations of one source apply in ``seq`` order.

**Never a guess.** An operation that cannot be applied exactly is *held* (:class:`Held`, with codes of
``legal.operations.REASONS``) and the text stays as it was: ``target_missing``, ``target_repealed`` (reviving a
repealed unit needs an officer), ``number_exists`` (an insertion never renumbers), ``number_mismatch`` (the new
text does not start with the unit's own number, or an insertion does not fit its anchor), ``words_not_found``,
``conflict_same_day``, ``source_repealed`` (see below), ``date_unclear`` (a suspension that ends before it starts),
``unknown_form``. Applying never raises, whatever the tree and operations.

**Kinds.** ``replace``: new_text is the whole unit as printed ("2. …\\na) …", "Điều 3. Tên\\n1. …"), parsed by
``legal.provisions.parse_fragment`` under the unit's parent so that the new subtree's eIds are those of its place.
``rename``: the heading only ("Điều 9. Tên mới" or just the title). ``insert_after`` / ``insert_before``:
target_eid is the new unit's eId, anchor_eid its sibling; no anchor places it among same-numbered siblings by
``provision_sort_key`` (an article after the article before it, in that article's chapter). ``repeal``: the unit
keeps its eId, number and label, its title, text and sub-units go ("Điều 9. (được bãi bỏ)"); a repealed container
(chapter, part, section, regulation) keeps its articles, each repealed, since they stay addressable.
``substitute_words`` / ``delete_words`` / ``correct_words``: every occurrence in the titles and texts of scope_eids
and their descendants (empty scope: the whole document but its preamble, whose "Căn cứ …" cites other acts as they were,
and its closing block), except occurrences inside one of except_words; none found holds it. ``replace_annex``: an
annex or form leaf gets new_text (possibly only a reference) or is added after the last annex or form.
``suspend``: the unit is "suspended" from applies_on until ends_on, where a version starts again.
``correct_words`` is a correction (đính chính): applied as a substitution, its note says it is a correction;
dated with the corrected document's own date, it is part of the first version (see Dates), applies before that
day's amendments and never clashes with them (it mends the text they amend). A correction of an *amending* act
reaches the base through :func:`correct_sources`, which mends that act's operations before they are applied.
``repeal_document``: of the base, every unit repealed; of an *amending* act (decision 0018 §3), what that act
already changed stays and its operations that apply on or after the repeal never do (held ``source_repealed``).
Which one: with the base's key given (``document``), a ``target`` "" or that key is the base and any other target
an amending act, from the operation alone; without it, a target that is the source of another operation in the
list is that amending act, anything else the base (so the text on a date then depends on the caller passing every
operation of each source, later ones included: pass ``document``).

**Dates.** A version starts on ``base_from`` and on every later date on which at least one operation applied
(including a suspension's end); operations dated before ``base_from`` (an amendment in force before its base) are
part of the first version and their notes keep their own date. ``text_on`` a date before ``base_from`` is None:
no text of the document was in force yet (the caller shows ``versions[0]`` as "chưa có hiệu lực" if it wants).

**Output.** Every :class:`Version` holds a whole tree of :data:`VersionNode` (a StructureNode with ``status``,
``notes``: the unit's history up to this version, the footnotes of a văn bản hợp nhất, and ``future``: the
known later changes to it), the ``changes`` that opened it and the document's ``future``. Everything is plain data
(:meth:`Consolidation.as_json` for the cache); trees of successive versions share every unit that did not change
(copy-on-write of the path from the root to a changed unit), so building all versions costs about one pass over
the document plus the path of each change. Treat returned trees as read-only.

Pure Python (standard library + legal.*), like every legal engine.
"""

from __future__ import annotations

import bisect
import difflib
import heapq
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any, Literal, TypedDict, cast

from legal.operations import WORD_KINDS, Operation
from legal.provisions import ProvisionError, parse_eid, parse_fragment, provision_sort_key

__all__ = [
    "Consolidation",
    "Held",
    "Note",
    "Version",
    "VersionNode",
    "compare",
    "consolidate",
    "correct_sources",
    "text_on",
    "versions",
    "word_diff",
]

NodeStatus = Literal["in_force", "repealed", "suspended"]


class Note(TypedDict):
    """One change as a footnote of a văn bản hợp nhất prints it (dates as ISO strings: plain JSON)."""

    applies_on: str
    source: str
    source_eid: str
    source_label: str  # where the instruction sits, as a footnote cites it: "Khoản 3 Điều 1" ("" if unknown)
    seq: int
    kind: str
    target_eid: str
    instruction: str
    ends_on: str | None
    occurrences: int | None  # word substitutions and deletions: how many were changed (here, or in the version)
    corrected_by: list[str]  # sources of corrections that mended this change's wording (correct_sources)


class VersionNode(TypedDict):
    """A structure node as in force in one version (the StructureNode keys plus status, notes and future)."""

    kind: str
    number: str
    label: str
    title: str
    text: str
    children: list[VersionNode]
    anchor: str
    eid: str
    status: NodeStatus
    notes: list[Note]
    future: list[Note]


@dataclass(frozen=True, slots=True)
class Held:
    """An operation the applier did not apply, and why (codes of legal.operations.REASONS)."""

    operation: Operation
    reasons: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {"operation": _operation_json(self.operation), "reasons": list(self.reasons)}


@dataclass(frozen=True, slots=True)
class Version:
    """The text in force from ``valid_from`` until the day before ``valid_until`` (None: still in force)."""

    valid_from: date
    valid_until: date | None
    status: Literal["in_force", "repealed"]
    tree: list[VersionNode]
    changes: tuple[Note, ...]  # the operations that opened this version (none for the base)
    future: tuple[Note, ...]  # every known later change, in the order it applies

    def as_json(self) -> dict[str, Any]:
        return {
            "valid_from": self.valid_from.isoformat(),
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "status": self.status,
            "tree": self.tree,
            "changes": list(self.changes),
            "future": list(self.future),
        }


@dataclass(frozen=True, slots=True)
class Consolidation:
    base_from: date
    versions: tuple[Version, ...]
    held: tuple[Held, ...]
    # Amending acts repealed by another source of the list (decision 0018 §3), and from when.
    repealed_sources: Mapping[str, date] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "base_from": self.base_from.isoformat(),
            "versions": [version.as_json() for version in self.versions],
            "held": [held.as_json() for held in self.held],
            "repealed_sources": {source: on.isoformat() for source, on in self.repealed_sources.items()},
        }


def _operation_json(operation: Operation) -> dict[str, Any]:
    data = asdict(operation)
    for key, value in data.items():
        if isinstance(value, date):
            data[key] = value.isoformat()
        elif isinstance(value, tuple):
            data[key] = list(value)
    return data


# --- tree state with copy-on-write ---------------------------------------------------------------------------

_CONTAINERS = frozenset({"part", "chapter", "section", "regulation"})  # their articles stay addressable
_OPAQUE = frozenset({"annex", "form"})
_NO_WORDS = frozenset({"preamble", "closing"})
_MAX_DEPTH = 32
_ANNEX_PREFIXES = (("mau-so-", "form", "Mẫu số"), ("phu-luc-", "annex", "Phụ lục"))


class _Missing(Exception):
    """Internal: the index and the tree disagree about a path (a hostile tree); the operation is held."""


def _fresh(node: Mapping[str, Any], depth: int = 0) -> VersionNode:
    """A VersionNode in force from a StructureNode-like mapping (missing or odd values read as empty, so stored
    trees of older parsers and hand edits work).

    The grammar nests at most eight levels (root, part, chapter, section, article, clause, point); a stored tree
    deeper than _MAX_DEPTH is cut there rather than let the recursive steps below overflow the stack."""
    children = node.get("children")
    if not isinstance(children, list | tuple) or depth >= _MAX_DEPTH:
        children = []
    return {
        "kind": _text(node.get("kind")),
        "number": _text(node.get("number")),
        "label": _text(node.get("label")),
        "title": _text(node.get("title")),
        "text": _text(node.get("text")),
        "children": [_fresh(child, depth + 1) for child in children if isinstance(child, Mapping)],
        "anchor": _text(node.get("anchor")),
        "eid": _text(node.get("eid")),
        "status": "in_force",
        "notes": [],
        "future": [],
    }


def _text(value: object) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _walk(nodes: Iterable[VersionNode]) -> Iterator[VersionNode]:
    stack = list(reversed(list(nodes)))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node["children"]))


def _eid_parent(eid: str) -> str:
    return eid.rpartition("/")[0]


@dataclass
class _Tree:
    """The tree being amended. ``roots`` is replaced, never mutated: a version keeps the list it was given."""

    roots: list[VersionNode]
    parent_of: dict[str, str] = field(default_factory=dict)  # eId -> parent eId ("" at the top)
    occurrences: int | None = None  # set by a word operation for its note in the version's changes

    def __post_init__(self) -> None:
        for root in self.roots:
            self._index(root, "")

    def _index(self, node: VersionNode, parent: str) -> None:
        eid = node["eid"]
        if eid and eid not in self.parent_of:
            self.parent_of[eid] = parent
        # Children of a node without eId cannot be reached by a path, so they are not addressable either.
        if eid:
            for child in node["children"]:
                self._index(child, eid)

    def _unindex(self, node: VersionNode) -> None:
        for each in _walk([node]):
            self.parent_of.pop(each["eid"], None)

    def chain(self, eid: str) -> list[str]:
        """The eIds from the top of the tree down to ``eid``; raises _Missing when it is not in the tree."""
        chain: list[str] = []
        seen: set[str] = set()
        while eid:
            if eid not in self.parent_of or eid in seen:
                raise _Missing(eid)
            chain.append(eid)
            seen.add(eid)
            eid = self.parent_of[eid]
        return chain[::-1]

    def find(self, eid: str) -> VersionNode | None:
        if eid not in self.parent_of:
            return None
        try:
            siblings, node = self.roots, None
            for step in self.chain(eid):
                node = siblings[_position(siblings, step)]
                siblings = node["children"]
            return node
        except _Missing:
            return None

    def edit_children(self, parent_eid: str, edit: Callable[[list[VersionNode]], None]) -> None:
        """Copy the path down to ``parent_eid`` ("" = the top) and let ``edit`` change a fresh list of its children."""
        self.roots = self._copy_down(self.roots, self.chain(parent_eid) if parent_eid else [], edit)

    def _copy_down(
        self, siblings: list[VersionNode], chain: list[str], edit: Callable[[list[VersionNode]], None]
    ) -> list[VersionNode]:
        siblings = list(siblings)
        if not chain:
            edit(siblings)
            return siblings
        index = _position(siblings, chain[0])
        node = siblings[index].copy()
        node["children"] = self._copy_down(node["children"], chain[1:], edit)
        siblings[index] = node
        return siblings

    def put(self, eid: str, new: VersionNode) -> None:
        """Replace the unit ``eid`` by ``new`` (which may have other sub-units: the index follows)."""
        old = self.find(eid)
        if old is None:
            raise _Missing(eid)
        parent = self.parent_of[eid]

        def swap(siblings: list[VersionNode]) -> None:
            siblings[_position(siblings, eid)] = new

        self.edit_children(parent, swap)
        self._unindex(old)
        self._index(new, parent)

    def insert(self, parent: str, index_of: Callable[[list[VersionNode]], int], new: VersionNode) -> None:
        def add(siblings: list[VersionNode]) -> None:
            siblings.insert(index_of(siblings), new)

        self.edit_children(parent, add)
        self._index(new, parent)

    def absent_reason(self, eid: str) -> str:
        """Why ``eid`` is not there: inside a repealed unit (whose sub-units went with it) or simply missing."""
        prefix = _eid_parent(eid)
        while prefix:
            node = self.find(prefix)
            if node is not None:
                return "target_repealed" if node["status"] == "repealed" else "target_missing"
            prefix = _eid_parent(prefix)
        return "target_missing"

    def is_within(self, eid: str, ancestor: str) -> bool:
        """Whether ``eid`` is ``ancestor`` or inside it (by the tree where known, else by the eId's path)."""
        if not ancestor or eid == ancestor or eid.startswith(ancestor + "/"):
            return True
        seen: set[str] = set()
        while eid in self.parent_of and eid not in seen:
            seen.add(eid)
            eid = self.parent_of[eid]
            if eid == ancestor:
                return True
        return False


def _position(siblings: Sequence[VersionNode], eid: str) -> int:
    for index, node in enumerate(siblings):
        if node["eid"] == eid:
            return index
    raise _Missing(eid)


# --- notes -------------------------------------------------------------------------------------------------


def _source_label(source_eid: str) -> str:
    """The label of the provision of the amending act that holds the instruction, for the footnote's "theo quy
    định tại khoản 3 Điều 1 của …"; empty when the reader did not place it (an officer's own operation)."""
    try:
        return parse_eid(source_eid)[1] if source_eid else ""
    except ProvisionError:
        return ""


def _note(operation: Operation, occurrences: int | None = None) -> Note:
    return {
        "applies_on": operation.applies_on.isoformat(),
        "source": operation.source,
        "source_eid": operation.source_eid,
        "source_label": _source_label(operation.source_eid),
        "seq": operation.seq,
        "kind": operation.kind,
        "target_eid": operation.target_eid,
        "instruction": operation.instruction,
        "ends_on": operation.ends_on.isoformat() if operation.ends_on else None,
        "occurrences": occurrences,
        "corrected_by": list(operation.corrected_by),
    }


def _with_note(node: VersionNode, operation: Operation) -> VersionNode:
    changed = node.copy()
    changed["notes"] = [*node["notes"], _note(operation)]
    return changed


def _repealed(node: VersionNode) -> VersionNode:
    """The unit as a văn bản hợp nhất prints it once repealed: "Điều 9. (được bãi bỏ)"."""
    gone = node.copy()
    gone["status"], gone["title"], gone["text"] = "repealed", "", ""
    gone["children"] = [_repealed(child) for child in node["children"]] if node["kind"] in _CONTAINERS else []
    return gone


# --- the operations ------------------------------------------------------------------------------------------

Reasons = tuple[str, ...]


def _unit_from_text(operation: Operation, parent: str) -> VersionNode | None:
    """The one unit new_text prints, parsed at its place under ``parent``; None when it is not exactly that."""
    lead, units = parse_fragment(operation.new_text, parent)
    if lead.strip() or len(units) != 1 or units[0]["eid"] != operation.target_eid:
        return None
    return _fresh(cast(Mapping[str, Any], units[0]))


def _takes_existing_numbers(tree: _Tree, new: VersionNode, old: VersionNode | None) -> bool:
    """Whether the new subtree holds a unit numbered like one elsewhere in the document (a replaced chapter that
    brings an "Điều 6" while Điều 6 stands in another chapter): an eId must stay unique, never renumbered."""
    replaced = {node["eid"] for node in _walk([old])} if old is not None else set()
    return any(node["eid"] in tree.parent_of and node["eid"] not in replaced for node in _walk([new]))


def _live_target(tree: _Tree, eid: str) -> tuple[VersionNode | None, Reasons]:
    node = tree.find(eid)
    if node is None:
        return None, (tree.absent_reason(eid),)
    if node["status"] == "repealed":
        return None, ("target_repealed",)
    return node, ()


def _replace(tree: _Tree, operation: Operation) -> Reasons:
    node, reasons = _live_target(tree, operation.target_eid)
    if node is None:
        return reasons
    if node["kind"] in _OPAQUE:
        return _replace_annex(tree, operation)
    new = _unit_from_text(operation, tree.parent_of[operation.target_eid])
    if new is None:
        return ("number_mismatch",)
    if _takes_existing_numbers(tree, new, node):
        return ("number_exists",)
    new["notes"] = [*node["notes"], _note(operation)]
    new["status"] = node["status"]  # a suspended unit stays suspended; the text changes underneath
    tree.put(operation.target_eid, new)
    return ()


def _rename(tree: _Tree, operation: Operation) -> Reasons:
    node, reasons = _live_target(tree, operation.target_eid)
    if node is None:
        return reasons
    if node["kind"] in ("clause", "point"):
        return ("unknown_form",)  # clauses and points have no heading to rename
    lead, units = parse_fragment(operation.new_text, tree.parent_of[operation.target_eid])
    if units:
        unit = units[0]
        if len(units) != 1 or lead.strip() or unit["eid"] != operation.target_eid or unit["children"]:
            return ("number_mismatch",)
        if unit["title"] and unit["text"]:
            return ("unknown_form",)  # a heading and a body: that is a replacement, not a new name
        # "Điều 9. Quy định … ." reads as a sentence to the grammar; here it can only be the heading.
        title = unit["title"] or unit["text"]
    else:
        title = " ".join(lead.split())
    if not title:
        return ("unknown_form",)
    renamed = _with_note(node, operation)
    renamed["title"] = title
    tree.put(operation.target_eid, renamed)
    return ()


def _label_key(eid: str) -> tuple[Any, ...] | None:
    try:
        root, label = parse_eid(eid)
    except ProvisionError:
        return None  # a repeated number's "-2" eId, an annex: not placed by number
    return (root, provision_sort_key(label))


def _implied_place(tree: _Tree, eid: str) -> tuple[str, str, bool] | None:
    """Where an insertion with no anchor goes: (parent, sibling, after?) by number among same-kind units."""
    key = _label_key(eid)
    if key is None:
        return None
    parent_path, _, step = eid.rpartition("/")
    step_kind = step.split("-")[0]
    before: tuple[Any, str] | None = None
    after: tuple[Any, str] | None = None
    for other in tree.parent_of:
        other_path, _, other_step = other.rpartition("/")
        if other_path != parent_path or other_step.split("-")[0] != step_kind:
            continue
        other_key = _label_key(other)
        if other_key is None:
            continue
        if other_key < key and (before is None or other_key > before[0]):
            before = (other_key, other)
        if other_key > key and (after is None or other_key < after[0]):
            after = (other_key, other)
    if before is not None:
        return tree.parent_of[before[1]], before[1], True
    if after is not None:
        return tree.parent_of[after[1]], after[1], False
    if parent_path and tree.find(parent_path) is None:
        return None
    return parent_path, "", True


def _insertion_place(tree: _Tree, operation: Operation) -> tuple[str, str, bool] | None:
    """(parent, sibling, after the sibling?) of a new unit: next to its anchor, or where its number puts it."""
    if not operation.anchor_eid:
        return _implied_place(tree, operation.target_eid)
    if tree.find(operation.anchor_eid) is None:
        return None
    return tree.parent_of[operation.anchor_eid], operation.anchor_eid, operation.kind == "insert_after"


def _insert(tree: _Tree, operation: Operation) -> Reasons:
    if operation.target_eid in tree.parent_of:
        return ("number_exists",)
    place = _insertion_place(tree, operation)
    if place is None:
        return (tree.absent_reason(operation.anchor_eid or operation.target_eid),)
    parent, sibling, after = place
    holder = tree.find(parent) if parent else None
    if holder is not None and holder["status"] == "repealed":
        return ("target_repealed",)
    new = _unit_from_text(operation, parent)
    neighbour = tree.find(sibling) if sibling else None
    if new is None or (neighbour is not None and neighbour["kind"] != new["kind"]):
        return ("number_mismatch",)
    if _takes_existing_numbers(tree, new, None):
        return ("number_exists",)
    new["notes"] = [_note(operation)]

    def index_of(siblings: list[VersionNode]) -> int:
        if sibling:
            return _position(siblings, sibling) + (1 if after else 0)
        # The last unit before the closing block and annexes (or the end of the parent's units).
        tail = [i for i, node in enumerate(siblings) if node["kind"] not in _NO_WORDS | _OPAQUE or i == 0]
        return (tail[-1] + 1) if tail else len(siblings)

    siblings = holder["children"] if holder is not None else tree.roots
    if not _in_number_order(siblings, index_of(siblings), new):
        return ("number_mismatch",)  # "Bổ sung Điều 3a vào trước Điều 3": the place contradicts the number
    tree.insert(parent, index_of, new)
    return ()


def _in_number_order(siblings: Sequence[VersionNode], index: int, new: VersionNode) -> bool:
    """Whether ``new`` at ``index`` comes after the numbered sibling of its kind before it and before the next."""
    key = _label_key(new["eid"])
    if key is None:
        return True
    keys = [(i, _label_key(node["eid"])) for i, node in enumerate(siblings) if node["kind"] == new["kind"]]
    before = [k for i, k in keys if i < index and k is not None]
    after = [k for i, k in keys if i >= index and k is not None]
    return (not before or before[-1] < key) and (not after or key < after[0])


def _repeal(tree: _Tree, operation: Operation) -> Reasons:
    node, reasons = _live_target(tree, operation.target_eid)
    if node is None:
        return reasons
    tree.put(operation.target_eid, _with_note(_repealed(node), operation))
    return ()


def _words_pattern(words: str) -> re.Pattern[str]:
    # Line breaks and double spaces inside the quoted words are the amending act's layout, not its wording.
    return re.compile(r"\s+".join(re.escape(part) for part in words.split()))


@dataclass(frozen=True)
class _Words:
    """One word operation's patterns, compiled once for every unit it scans."""

    first: str  # a cheap test: a text without the first word cannot hold the phrase
    pattern: re.Pattern[str]
    exceptions: tuple[re.Pattern[str], ...]
    replacement: str

    @classmethod
    def of(cls, operation: Operation) -> _Words:
        exceptions = tuple(_words_pattern(words) for words in operation.except_words if words.split())
        replacement = "" if operation.kind == "delete_words" else operation.new_words
        first = operation.old_words.split()[0]
        return cls(first, _words_pattern(operation.old_words), exceptions, replacement)


def _substitute(text: str, words: _Words) -> tuple[str, int]:
    """(text with the words substituted or deleted, occurrences changed)."""
    if words.first not in text or not words.pattern.search(text):
        return text, 0
    spans = [match.span() for exception in words.exceptions for match in exception.finditer(text)]
    replacement = words.replacement
    count = 0

    def swap(match: re.Match[str]) -> str:
        nonlocal count
        if any(start <= match.start() and match.end() <= end for start, end in spans):
            return match[0]
        count += 1
        return replacement

    changed = words.pattern.sub(swap, text)
    if count and not replacement:
        # "… có xác nhận của … vào" without the words: one space at the seam, none before punctuation.
        changed = re.sub(r"[ \t]{2,}", " ", changed)
        changed = re.sub(r"[ \t]+([,.;:])", r"\1", changed)
        changed = re.sub(r"^[ \t]+|[ \t]+$", "", changed, flags=re.MULTILINE)
    return changed, count


def _words(tree: _Tree, operation: Operation) -> Reasons:
    if not operation.old_words.split():
        return ("words_not_found",)
    scope: list[VersionNode] = []
    for eid in operation.scope_eids:
        node, reasons = _live_target(tree, eid)
        if node is None:
            return reasons
        scope.append(node)
    if not operation.scope_eids:
        scope = [node for node in tree.roots if node["kind"] not in _NO_WORDS]
    changed: dict[str, VersionNode] = {}
    total = 0
    words = _Words.of(operation)
    for node in _walk(scope):
        if node["eid"] in changed or node["status"] == "repealed" or not node["eid"]:
            continue
        title, in_title = _substitute(node["title"], words)
        text, in_text = _substitute(node["text"], words)
        if in_title or in_text:
            new = node.copy()
            new["notes"] = [*node["notes"], _note(operation, in_title + in_text)]
            new["title"], new["text"] = title, text
            changed[node["eid"]] = new
            total += in_title + in_text
    if not total:
        return ("words_not_found",)
    for eid, new in changed.items():
        # The sub-units of ``new`` are those of the tree now, not of the walk, in case an ancestor changed too.
        current = tree.find(eid)
        if current is None:
            raise _Missing(eid)
        new["children"] = current["children"]
        tree.put(eid, new)
    tree.occurrences = total
    return ()


@dataclass(frozen=True)
class _NewLeaf:
    kind: str
    number: str
    label: str
    parent: str  # "" or the annex a form is numbered in ("phu-luc-xiii/mau-so-01")


def _new_leaf(eid: str) -> _NewLeaf | None:
    """What an annex or form eId names: "mau-so-01" -> a form "Mẫu số 01"; None for any other eId."""
    parent, _, step = eid.rpartition("/")
    for prefix, kind, word in _ANNEX_PREFIXES:
        number = step[len(prefix) :] if step.startswith(prefix) else ""
        if number:
            number = number.upper() if kind == "annex" else number
            try:
                label = parse_eid(eid)[1]  # the grammar's own label, once it reads annexes and forms
            except ProvisionError:
                label = f"{word} {number}"
            return _NewLeaf(kind, number, label, parent)
    return None


def _replace_annex(tree: _Tree, operation: Operation) -> Reasons:
    if not operation.new_text.strip():
        return ("unknown_form",)  # removing a form is a repeal
    node = tree.find(operation.target_eid)
    if node is not None:
        if node["status"] == "repealed":
            return ("target_repealed",)
        replaced = _with_note(node, operation)
        replaced["text"], replaced["children"] = operation.new_text.strip(), []
        tree.put(operation.target_eid, replaced)
        return ()
    leaf = _new_leaf(operation.target_eid)
    if leaf is None or (leaf.parent and tree.find(leaf.parent) is None):
        return (tree.absent_reason(operation.target_eid),)
    anchor = "-".join(reversed(operation.target_eid.split("/")))  # the eId's steps innermost first
    new = _fresh({"kind": leaf.kind, "label": leaf.label, "number": leaf.number, "text": operation.new_text.strip(),
                  "eid": operation.target_eid, "anchor": anchor})  # fmt: skip
    new["notes"] = [_note(operation)]
    # After the last annex or form: of its own annex when it is numbered in one, else of the document.
    holder = tree.find(leaf.parent) if leaf.parent else None
    scope = holder["children"] if holder is not None else tree.roots
    annexes = [n["eid"] for n in _walk(scope) if n["kind"] in _OPAQUE and n["eid"] in tree.parent_of]
    last = annexes[-1] if annexes else ""
    parent = tree.parent_of[last] if last else leaf.parent

    def index_of(siblings: list[VersionNode]) -> int:
        return _position(siblings, last) + 1 if last else len(siblings)

    tree.insert(parent, index_of, new)
    return ()


def _suspend(tree: _Tree, operation: Operation) -> Reasons:
    if operation.ends_on is not None and operation.ends_on <= operation.applies_on:
        return ("date_unclear",)
    node, reasons = _live_target(tree, operation.target_eid)
    if node is None:
        return reasons
    suspended = _with_note(node, operation)
    suspended["status"] = "suspended"
    tree.put(operation.target_eid, suspended)
    return ()


def _resume(tree: _Tree, eid: str) -> bool:
    node = tree.find(eid)
    if node is None or node["status"] != "suspended":
        return False  # repealed or replaced meanwhile: nothing to end
    resumed = node.copy()
    resumed["status"] = "in_force"
    tree.put(eid, resumed)
    return True


def _repeal_document(tree: _Tree, operation: Operation) -> Reasons:
    units = [node for node in tree.roots if node["kind"] not in _NO_WORDS and node["eid"]]
    if not units or all(node["status"] == "repealed" for node in units):
        return ("target_repealed",)
    for node in units:
        if node["status"] != "repealed":
            tree.put(node["eid"], _with_note(_repealed(node), operation))
    return ()


_APPLY: dict[str, Callable[[_Tree, Operation], Reasons]] = {
    "replace": _replace,
    "rename": _rename,
    "insert_after": _insert,
    "insert_before": _insert,
    "repeal": _repeal,
    "substitute_words": _words,
    "delete_words": _words,
    "correct_words": _words,
    "replace_annex": _replace_annex,
    "suspend": _suspend,
    "repeal_document": _repeal_document,
}


def _apply(tree: _Tree, operation: Operation) -> Reasons:
    apply = _APPLY.get(operation.kind)
    if apply is None:
        return ("unknown_form",)
    try:
        return apply(tree, operation)
    except _Missing:
        return ("target_missing",)


# --- conflicts and order ------------------------------------------------------------------------------------


def _footprint(operation: Operation) -> tuple[str, ...]:
    """The units an operation touches; "" is the whole document."""
    if operation.kind in WORD_KINDS:
        return operation.scope_eids or ("",)
    if operation.kind == "repeal_document":
        return ("",)
    return (operation.target_eid,)


_INSERTS = ("insert_after", "insert_before")


def _lands_in(tree: _Tree, insertion: Operation) -> str | None:
    """The unit whose sub-units an insertion adds to ("" for the top), None when it has no place."""
    place = _insertion_place(tree, insertion)
    return place[0] if place is not None else None


def _clash(tree: _Tree, first: Operation, second: Operation) -> bool:
    """Whether applying the two in either order could give different texts."""
    if (
        first.kind in _INSERTS
        and second.kind in _INSERTS
        and first.anchor_eid
        and first.anchor_eid == second.anchor_eid
    ):
        return True  # both go next to the same unit: their order is the clash
    if any(tree.is_within(a, b) or tree.is_within(b, a) for a in _footprint(first) for b in _footprint(second)):
        return True
    # A new unit and a change to the unit it lands in (replacing the whole article, substituting words in the
    # whole document): whether the change covers the new unit depends on the order. Changes to its future
    # siblings do not.
    for insertion, other in ((first, second), (second, first)):
        if insertion.kind in _INSERTS and other.kind not in _INSERTS:
            parent = _lands_in(tree, insertion)
            if parent is not None and any(tree.is_within(parent, eid) for eid in _footprint(other)):
                return True
    return False


def _source_precedence(day: Sequence[Operation]) -> dict[str, int]:
    precedence: dict[str, int] = {}
    for operation in day:
        precedence[operation.source] = max(precedence.get(operation.source, 0), operation.precedence)
    return precedence


def _conflicts(tree: _Tree, day: Sequence[Operation], precedence: Mapping[str, int]) -> set[int]:
    """Indexes in ``day`` of the operations held for a same-day clash between two unordered documents."""
    held: set[int] = set()
    for i, first in enumerate(day):
        for j in range(i + 1, len(day)):
            second = day[j]
            if first.source == second.source or precedence[first.source] != precedence[second.source]:
                continue
            if "correct_words" in (first.kind, second.kind):
                continue  # a correction mends the text as issued, before any change of that day: no order to set
            if _clash(tree, first, second):
                held.update((i, j))
    return held


def _day_order(operation: Operation, precedence: Mapping[str, int]) -> tuple[Any, ...]:
    issued = operation.source_issued_on
    return (
        operation.kind != "correct_words",  # the document as it should have been printed comes first
        precedence[operation.source],
        issued is None,
        issued or date.min,
        operation.source,
        operation.seq,
    )


# --- versions ------------------------------------------------------------------------------------------------


@dataclass
class _Draft:
    valid_from: date
    roots: list[VersionNode]
    status: Literal["in_force", "repealed"]
    changes: list[Note]


def correct_sources(operations: Sequence[Operation], corrections: Sequence[Operation]) -> list[Operation]:
    """The operations with the corrections of their own acts applied (decision 0018 §3, "Đính chính"): a
    ``correct_words`` whose target is an amending act mends that act's operations whose ``source_eid`` lies within
    the correction's scope (no scope: all of them), replacing the printed words in their new_text and new_words,
    before they are applied to the base; the mended operation names the correction's source in ``corrected_by``.
    Corrections are applied in their own order; rejected or listed ones, and other kinds, are ignored. Pure."""
    usable = sorted(
        (
            c
            for c in corrections
            if c.kind == "correct_words" and c.state not in ("rejected", "listed") and c.old_words.split()
        ),
        key=lambda c: (c.applies_on, c.source_issued_on or date.min, c.source, c.seq),
    )
    mended: list[Operation] = []
    for operation in operations:
        for correction in usable:
            if correction.target != operation.source or not _within_scope(operation.source_eid, correction.scope_eids):
                continue
            words = _Words.of(correction)
            new_text, in_text = _substitute(operation.new_text, words)
            new_words, in_words = _substitute(operation.new_words, words)
            if in_text or in_words:
                operation = replace(
                    operation,
                    new_text=new_text,
                    new_words=new_words,
                    corrected_by=(*operation.corrected_by, correction.source),
                )
        mended.append(operation)
    return mended


def _within_scope(eid: str, scope: Sequence[str]) -> bool:
    return not scope or any(eid == unit or eid.startswith(unit + "/") for unit in scope)


def _amending_repeals(operations: Sequence[Operation], document: str) -> dict[str, date]:
    """Amending acts repealed by an operation of the list (09/2026 repealing 02/2024), and from when (see the
    module docstring for how a repeal of the base is told from a repeal of an amending act)."""
    sources = {operation.source for operation in operations}
    repeals: dict[str, date] = {}
    for operation in operations:
        amending = operation.target not in ("", document) if document else operation.target in sources
        if operation.kind == "repeal_document" and amending:
            known = repeals.get(operation.target)
            repeals[operation.target] = min(known, operation.applies_on) if known else operation.applies_on
    return repeals


def _sort_out(
    operations: Sequence[Operation], repeals: Mapping[str, date], document: str
) -> tuple[dict[date, list[Operation]], list[Held]]:
    """Operations to try, by day; and those held before trying (listed, unknown, of a repealed source)."""
    days: dict[date, list[Operation]] = {}
    held: list[Held] = []
    for operation in operations:
        if operation.state == "rejected" or (operation.target in repeals and operation.kind == "repeal_document"):
            continue  # a rejected reading is no operation; a repealed amending act changes no text here
        if operation.state == "listed" or operation.kind == "unknown":
            held.append(Held(operation, operation.reasons or ("unknown_form",)))
        elif operation.source in repeals and operation.applies_on >= repeals[operation.source]:
            held.append(Held(operation, ("source_repealed",)))
        else:
            days.setdefault(operation.applies_on, []).append(operation)
    return days, held


def consolidate(
    tree: Sequence[Mapping[str, Any]],
    operations: Sequence[Operation],
    *,
    base_from: date,
    document: str = "",
) -> Consolidation:
    """Every version of the text of the document whose structure is ``tree``, in force from ``base_from``.

    ``document`` is the base's key (the operations' ``target``); given, a ``repeal_document`` of any other target
    repeals that amending act (see the module docstring). Never raises."""
    repeals = _amending_repeals(operations, document)
    days, held = _sort_out(operations, repeals, document)
    state = _Tree([_fresh(node) for node in tree if isinstance(node, Mapping)])
    drafts = [_Draft(base_from, state.roots, "in_force", [])]
    suspensions = _Suspensions()
    pending = sorted(days)
    while pending or suspensions.ends:
        on = min(filter(None, [pending[0] if pending else None, suspensions.next_end()]))
        changes = suspensions.end_on(on, state)
        if pending and pending[0] == on:
            changes += _apply_day(state, days[pending.pop(0)], held, suspensions)
        _cut(drafts, state, max(on, base_from), changes)
    return Consolidation(base_from, _finish(drafts), tuple(held), repeals)


def _apply_day(state: _Tree, day: Sequence[Operation], held: list[Held], suspensions: _Suspensions) -> list[Note]:
    """Apply one day's operations in order, holding those that clash or cannot apply; the notes of those applied."""
    precedence = _source_precedence(day)
    clashing = _conflicts(state, day, precedence)
    held.extend(Held(day[i], ("conflict_same_day",)) for i in sorted(clashing))
    changes: list[Note] = []
    for operation in sorted(
        (op for i, op in enumerate(day) if i not in clashing), key=lambda op: _day_order(op, precedence)
    ):
        state.occurrences = None
        reasons = _apply(state, operation)
        if reasons:
            held.append(Held(operation, reasons))
            continue
        changes.append(_note(operation, state.occurrences))
        if operation.kind == "suspend":
            suspensions.start(operation, changes[-1])
    return changes


@dataclass
class _Suspensions:
    """Suspensions applied and not yet ended. A unit suspended twice is in force again only when both have ended
    (one without an end never does)."""

    ends: list[tuple[date, int, str, Note]] = field(default_factory=list)  # a heap of (ends_on, tie, eId, note)
    open: dict[str, int] = field(default_factory=dict)
    tie: Iterator[int] = field(default_factory=itertools.count)  # heap entries never compare their notes

    def start(self, operation: Operation, note: Note) -> None:
        self.open[operation.target_eid] = self.open.get(operation.target_eid, 0) + 1
        if operation.ends_on is not None:
            heapq.heappush(self.ends, (operation.ends_on, next(self.tie), operation.target_eid, note))

    def next_end(self) -> date | None:
        return self.ends[0][0] if self.ends else None

    def end_on(self, on: date, tree: _Tree) -> list[Note]:
        """End the suspensions ending on ``on``; the notes of the units in force again (the unit's own notes
        already hold the suspension with its end: the version says why it starts)."""
        changes: list[Note] = []
        while self.ends and self.ends[0][0] == on:
            _, _, eid, note = heapq.heappop(self.ends)
            self.open[eid] -= 1
            if not self.open[eid] and _resume(tree, eid):
                changes.append({**note, "kind": "suspend_end", "applies_on": on.isoformat()})
        return changes


def _cut(drafts: list[_Draft], state: _Tree, on: date, changes: list[Note]) -> None:
    """Open a version on ``on`` when something applied (or extend the last one when it starts that day)."""
    last = drafts[-1]
    if not changes and state.roots is last.roots:
        return
    repealed = last.status == "repealed" or any(note["kind"] == "repeal_document" for note in changes)
    status: Literal["in_force", "repealed"] = "repealed" if repealed else "in_force"
    if last.valid_from == on:
        last.roots, last.status = state.roots, status
        last.changes.extend(changes)
    else:
        drafts.append(_Draft(on, state.roots, status, changes))


def _finish(drafts: Sequence[_Draft]) -> tuple[Version, ...]:
    """Versions with their end dates and their known future, per document and per unit."""
    built: list[Version] = []
    later: list[Note] = []
    for index in range(len(drafts) - 1, -1, -1):
        draft = drafts[index]
        until = drafts[index + 1].valid_from if index + 1 < len(drafts) else None
        roots = _with_future(draft.roots, later) if later else draft.roots
        built.append(Version(draft.valid_from, until, draft.status, roots, tuple(draft.changes), tuple(later)))
        later = [*draft.changes, *later]
    return tuple(reversed(built))


def _future_eids(note: Note) -> list[str]:
    return [note["target_eid"]] if note["target_eid"] else []


def _prefixes(eids: Iterable[str]) -> set[str]:
    """Every eId that is a path prefix of one of ``eids`` ("dieu-5", "dieu-5/khoan-2" for "dieu-5/khoan-2")."""
    return {eid.rsplit("/", depth)[0] for eid in eids for depth in range(eid.count("/") + 1)}


def _entered(node: VersionNode, prefixes: set[str]) -> bool:
    # An article, clause or point holds a unit only if its eId is a prefix of the unit's; containers are not in
    # their articles' eIds, so they are always entered. The walks below skip every other subtree.
    return bool(node["children"]) and (node["eid"] in prefixes or node["kind"] in _CONTAINERS or not node["eid"])


def _present(roots: list[VersionNode], prefixes: set[str]) -> set[str]:
    """Which of ``prefixes`` are units of the tree."""
    found: set[str] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node["eid"] in prefixes:
            found.add(node["eid"])
        if _entered(node, prefixes):
            stack.extend(node["children"])
    return found


def _with_future(roots: list[VersionNode], later: Sequence[Note]) -> list[VersionNode]:
    """The tree with each unit's known later changes; copies only the units (and their paths) that get some."""
    wanted: dict[str, list[Note]] = {}
    for note in later:
        for eid in _future_eids(note):
            wanted.setdefault(eid, []).append(note)
    # Inserted units do not exist yet: their parent (by the eId's path) shows the insertion to come.
    present = _present(roots, _prefixes(wanted))
    for eid in [eid for eid in wanted if eid not in present]:
        parent = _eid_parent(eid)
        while parent and parent not in present:
            parent = _eid_parent(parent)
        notes = wanted.pop(eid)
        if parent:
            wanted.setdefault(parent, []).extend(notes)
    if not wanted:
        return roots
    prefixes = _prefixes(wanted)

    def annotate(nodes: list[VersionNode]) -> tuple[list[VersionNode], bool]:
        result, touched = list(nodes), False
        for index, node in enumerate(nodes):
            children, below = annotate(node["children"]) if _entered(node, prefixes) else (node["children"], False)
            mine = wanted.get(node["eid"])
            if below or mine:
                copy = node.copy()
                copy["children"] = children
                if mine:
                    copy["future"] = [*node["future"], *mine]
                result[index], touched = copy, True
        return (result, True) if touched else (nodes, False)

    return annotate(roots)[0]


# --- reading the versions ------------------------------------------------------------------------------------


def text_on(consolidation: Consolidation, on: date) -> Version | None:
    """The version in force on ``on``; None before ``base_from`` (no text was in force yet)."""
    starts = [version.valid_from for version in consolidation.versions]
    index = bisect.bisect_right(starts, on) - 1
    return consolidation.versions[index] if index >= 0 else None


def versions(consolidation: Consolidation) -> list[dict[str, Any]]:
    """Each version's dates and why it starts: [{"valid_from", "valid_until", "changes": [Note, …]}, …]."""
    return [
        {
            "valid_from": version.valid_from.isoformat(),
            "valid_until": version.valid_until.isoformat() if version.valid_until else None,
            "status": version.status,
            "changes": list(version.changes),
        }
        for version in consolidation.versions
    ]


# --- comparing two versions ------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\S+\s*|\s+")


def word_diff(before: str, after: str) -> list[dict[str, str]]:
    """Runs of words: [{"op": "equal" | "delete" | "insert", "text": …}]; the equal and deleted runs joined give
    ``before``, the equal and inserted ones ``after`` (a token is a word with the spaces after it)."""
    old, new = _TOKEN_RE.findall(before), _TOKEN_RE.findall(after)
    runs: list[dict[str, str]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append({"op": "equal", "text": "".join(old[i1:i2])})
            continue
        if i2 > i1:
            runs.append({"op": "delete", "text": "".join(old[i1:i2])})
        if j2 > j1:
            runs.append({"op": "insert", "text": "".join(new[j1:j2])})
    return runs


def _units(version: Version) -> dict[str, VersionNode]:
    return {node["eid"]: node for node in _walk(version.tree) if node["eid"]}


# What :func:`compare` says of a unit that changed between two versions (the API's enum names them).
COMPARE_CHANGES = ("added", "removed", "repealed", "suspended", "in_force_again", "renamed", "reworded")


def _change_kinds(before: VersionNode | None, after: VersionNode | None) -> list[str]:
    if before is None:
        return ["added"]
    if after is None:
        return ["removed"]  # gone with a replacement of the unit above it
    if before["status"] != after["status"]:
        return [{"repealed": "repealed", "suspended": "suspended"}.get(after["status"], "in_force_again")]
    kinds = []
    if before["title"] != after["title"]:
        kinds.append("renamed")
    if before["text"] != after["text"]:
        kinds.append("reworded")
    return kinds


def compare(first: Version, second: Version) -> list[dict[str, Any]]:
    """Per eId, in the later version's order then the units it no longer has: what changed from ``first`` to
    ``second`` ("added", "removed", "repealed", "suspended", "in_force_again", "renamed", "reworded") with word
    runs (:func:`word_diff`) for the title and the text. Units that did not change are left out."""
    before, after = _units(first), _units(second)
    result: list[dict[str, Any]] = []
    for eid in [*after, *(eid for eid in before if eid not in after)]:
        old, new = before.get(eid), after.get(eid)
        kinds = _change_kinds(old, new)
        if not kinds:
            continue
        shown = new or old
        assert shown is not None  # one of the two exists: eid came from them
        result.append(
            {
                "eid": eid,
                "label": shown["label"],
                "changes": kinds,
                "title": word_diff(old["title"] if old else "", new["title"] if new else ""),
                "text": word_diff(old["text"] if old else "", new["text"] if new else ""),
            }
        )
    return result
