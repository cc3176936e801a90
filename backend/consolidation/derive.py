"""The relations an amending document's confirmed operations express (decision 0018 §2, "Derived relations").

Pure: operations in, relation rows out. Per (kind, date) one relation with the labels of the provisions it
touches, so a document that amends one article and repeals another on one date has one `amends` and one `repeals`
relation. Annexes and forms are not provisions the validity engine can name: they go in the relation's note.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from backend.catalogue.validity import RelationKind
from legal.operations import WORD_KINDS, OperationKind
from legal.provisions import ProvisionError, eid_label, normalize_provision, provision_sort_key

# What each kind of change is, as a relation (the validity engine's vocabulary): a reworded provision is amended
# (Law 64/2025 art. 57 counts it as expiry of the old wording); a new one supplements (it expires nothing).
RELATION_OF: dict[OperationKind, RelationKind] = {
    "replace": RelationKind.AMENDS,
    "rename": RelationKind.AMENDS,
    "substitute_words": RelationKind.AMENDS,
    "delete_words": RelationKind.AMENDS,
    "correct_words": RelationKind.CORRECTS,  # a note from the corrected document's own date: no status changes
    "replace_annex": RelationKind.AMENDS,
    "insert_after": RelationKind.SUPPLEMENTS,
    "insert_before": RelationKind.SUPPLEMENTS,
    "repeal": RelationKind.REPEALS,
    "suspend": RelationKind.SUSPENDS,
    "repeal_document": RelationKind.REPEALS,
}


@dataclass(frozen=True)
class OperationFacts:
    """What deriving needs of one confirmed operation."""

    kind: OperationKind
    target_eid: str
    applies_on: dt.date
    scope_eids: tuple[str, ...] = ()
    ends_on: dt.date | None = None


@dataclass(frozen=True)
class RelationRow:
    kind: RelationKind
    effective_on: dt.date
    provisions: tuple[str, ...]
    ends_on: dt.date | None
    others: tuple[str, ...]  # annexes, forms: named in the note


def _places(op: OperationFacts) -> list[str]:
    if op.kind == "repeal_document":
        return []
    if op.kind in WORD_KINDS:
        return list(op.scope_eids)  # none: words changed throughout, which no single provision carries
    return [op.target_eid]


def _latest_end(ends: set[dt.date | None]) -> dt.date | None:
    # One suspension per date (a relation is unique per source, target, kind and date): it lasts until the last
    # end named that day, or indefinitely when one named none.
    return None if None in ends or not ends else max(end for end in ends if end is not None)


def derive(operations: Iterable[OperationFacts]) -> list[RelationRow]:
    """One row per (relation kind, date). A whole-document repeal wins over its provisions on the same date
    (nothing is left to name)."""
    labels: dict[tuple[RelationKind, dt.date], set[str]] = defaultdict(set)
    others: dict[tuple[RelationKind, dt.date], set[str]] = defaultdict(set)
    ends: dict[tuple[RelationKind, dt.date], set[dt.date | None]] = defaultdict(set)
    whole: set[tuple[RelationKind, dt.date]] = set()
    for op in operations:
        kind = RELATION_OF.get(op.kind)
        if kind is None:
            continue
        key = (kind, op.applies_on)
        labels.setdefault(key, set())  # every operation's group exists, even one naming only annexes
        if kind is RelationKind.SUSPENDS:
            ends[key].add(op.ends_on)
        if op.kind == "repeal_document":
            whole.add(key)
        for eid in _places(op):
            try:
                # An annex or form has an eId and a name ("Phụ lục II") but is not a provision a relation can
                # list (normalize_provision refuses it): it goes in the note.
                # The label names the tree: the regulation's "Điều 1 (Quy định)" is not the decision's "Điều 1".
                labels[key].add(normalize_provision(eid_label(eid)))
            except ProvisionError:
                others[key].add(eid)
    merged: dict[tuple[RelationKind, dt.date], RelationRow] = {}
    for (kind, on), names in labels.items():
        extra, ends_on = others[kind, on], _latest_end(ends[kind, on])
        if not names and (kind, on) not in whole and kind in (RelationKind.REPEALS, RelationKind.SUSPENDS):
            # Only annexes or forms: an empty list would mean the whole document repealed or suspended, which
            # nothing said. Record it as a noted amendment (an amendment naming no provision changes no status).
            kind, ends_on = RelationKind.AMENDS, None
        provisions = set() if (kind, on) in whole else set(names)
        if (kind, on) in merged:  # an annex-only repeal folded into the same day's amendments
            provisions |= set(merged[kind, on].provisions)
            extra = extra | set(merged[kind, on].others)
        ordered = tuple(sorted(provisions, key=provision_sort_key))
        merged[kind, on] = RelationRow(kind, on, ordered, ends_on, tuple(sorted(extra)))
    return sorted(merged.values(), key=lambda row: (row.effective_on, row.kind.value))
