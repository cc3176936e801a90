"""The validity engine: what state a legal normative document (VBQPPL) is in on a given date, and why.

Pure: facts in, a `Validity` out. No Django, no I/O, no clock — the caller passes the date. Everything the
engine decides is written down with its legal source in docs/validity.md; the short version:

1. Before the document takes effect it is "not yet effective", unless it was already expired as a whole
   (a document can be repealed before it takes effect).
2. Whole-document expiry (replaced, repealed, term ended) is final.
3. A whole-document suspension holds while it is active; when it ends the document is back in force.
4. Replaced, repealed or amended provisions expire; suspended provisions are suspended while the
   suspension lasts.
5. EXPIRED > SUSPENDED > NOT_YET_EFFECTIVE > PARTIALLY_EXPIRED > PARTIALLY_SUSPENDED > IN_FORCE.
6. Supplements, corrections and amendments that name no provision change nothing: they are notes.
7. A document whose legal basis changed is flagged for review, never expired automatically.

Relations are given as facts acting ON the evaluated document ("source <kind> target", target = the document);
relations whose first day is after the evaluated date are ignored, so the same facts answer for every date.
"""

from __future__ import annotations

import unicodedata
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Literal

from legal.numbers import D_REPAIR
from legal.provisions import provision_sort_key

__all__ = [
    "REASON_LABELS",
    "RELATION_LABELS",
    "STATUS_LABELS",
    "BasisFacts",
    "Cause",
    "DocumentFacts",
    "ProvisionState",
    "Reason",
    "RelationFacts",
    "RelationKind",
    "ReviewFlag",
    "Status",
    "TimelineError",
    "Validity",
    "change_points",
    "check_document",
    "check_relation",
    "evaluate",
    "find_replacement_cycle",
    "next_change_after",
    "relation_reason",
    "timeline",
]


# ----------------------------------------------------------------------------------------------------
# Vocabulary
# ----------------------------------------------------------------------------------------------------


class Status(StrEnum):
    """The six states vbpl.vn (the national legal database) shows for a document."""

    NOT_YET_EFFECTIVE = "not_yet_effective"
    IN_FORCE = "in_force"
    PARTIALLY_EXPIRED = "partially_expired"
    EXPIRED = "expired"
    SUSPENDED = "suspended"
    PARTIALLY_SUSPENDED = "partially_suspended"


STATUS_LABELS: dict[Status, dict[str, str]] = {
    Status.NOT_YET_EFFECTIVE: {"vi": "Chưa có hiệu lực", "en": "Not yet in force"},
    Status.IN_FORCE: {"vi": "Còn hiệu lực", "en": "In force"},
    Status.PARTIALLY_EXPIRED: {"vi": "Hết hiệu lực một phần", "en": "Partially expired"},
    Status.EXPIRED: {"vi": "Hết hiệu lực toàn bộ", "en": "Expired"},
    Status.SUSPENDED: {"vi": "Ngưng hiệu lực", "en": "Suspended"},
    Status.PARTIALLY_SUSPENDED: {"vi": "Ngưng hiệu lực một phần", "en": "Partially suspended"},
}


class Reason(StrEnum):
    """Why a document (or a provision) is in its state; the wording of the yearly expired-documents lists."""

    NOT_YET_EFFECTIVE = "not_yet_effective"
    EFFECTIVE = "effective"
    TERM_ENDED = "term_ended"
    REPLACED = "replaced"
    REPEALED = "repealed"
    AMENDED = "amended"
    SUPPLEMENTED = "supplemented"
    SUSPENDED = "suspended"
    SUSPENSION_ENDED = "suspension_ended"
    CORRECTED = "corrected"


REASON_LABELS: dict[Reason, dict[str, str]] = {
    Reason.NOT_YET_EFFECTIVE: {"vi": "Chưa đến thời điểm có hiệu lực", "en": "Not yet in force"},
    Reason.EFFECTIVE: {"vi": "Có hiệu lực", "en": "In force"},
    Reason.TERM_ENDED: {"vi": "Hết thời hạn có hiệu lực", "en": "Term of validity ended"},
    Reason.REPLACED: {"vi": "Bị thay thế", "en": "Replaced"},
    Reason.REPEALED: {"vi": "Bị bãi bỏ", "en": "Repealed"},
    Reason.AMENDED: {"vi": "Được sửa đổi", "en": "Amended"},
    Reason.SUPPLEMENTED: {"vi": "Được bổ sung", "en": "Supplemented"},
    Reason.SUSPENDED: {"vi": "Bị ngưng hiệu lực", "en": "Suspended"},
    Reason.SUSPENSION_ENDED: {"vi": "Tiếp tục có hiệu lực", "en": "Suspension ended"},
    Reason.CORRECTED: {"vi": "Được đính chính", "en": "Corrected"},
}


class RelationKind(StrEnum):
    """How one document acts on another: "source <kind> target"."""

    BASIS = "basis"
    DETAILS = "details"
    AMENDS = "amends"
    SUPPLEMENTS = "supplements"
    REPLACES = "replaces"
    REPEALS = "repeals"
    SUSPENDS = "suspends"
    CORRECTS = "corrects"


RELATION_LABELS: dict[RelationKind, dict[str, str]] = {
    RelationKind.BASIS: {"vi": "Căn cứ", "en": "Legal basis"},
    RelationKind.DETAILS: {"vi": "Quy định chi tiết, hướng dẫn", "en": "Details, guides"},
    RelationKind.AMENDS: {"vi": "Sửa đổi", "en": "Amends"},
    RelationKind.SUPPLEMENTS: {"vi": "Bổ sung", "en": "Supplements"},
    RelationKind.REPLACES: {"vi": "Thay thế", "en": "Replaces"},
    RelationKind.REPEALS: {"vi": "Bãi bỏ", "en": "Repeals"},
    RelationKind.SUSPENDS: {"vi": "Ngưng hiệu lực", "en": "Suspends"},
    RelationKind.CORRECTS: {"vi": "Đính chính", "en": "Corrects"},
}

_RELATION_REASONS: dict[RelationKind, Reason] = {
    RelationKind.AMENDS: Reason.AMENDED,
    RelationKind.SUPPLEMENTS: Reason.SUPPLEMENTED,
    RelationKind.REPLACES: Reason.REPLACED,
    RelationKind.REPEALS: Reason.REPEALED,
    RelationKind.SUSPENDS: Reason.SUSPENDED,
    RelationKind.CORRECTS: Reason.CORRECTED,
}

# Relations that say nothing about the target's validity: a document citing another as its basis, or
# detailing it, does not change it. Their effect runs the other way and is handled by review flags.
_IGNORED_KINDS = frozenset({RelationKind.BASIS, RelationKind.DETAILS})
_EXPIRING_KINDS = frozenset({RelationKind.REPLACES, RelationKind.REPEALS, RelationKind.AMENDS})
_FLAGGED_BASIS_STATUSES = frozenset(
    {Status.EXPIRED, Status.SUSPENDED, Status.PARTIALLY_EXPIRED, Status.PARTIALLY_SUSPENDED}
)
_KIND_ORDER = {kind: index for index, kind in enumerate(RelationKind)}
# When two events fall on the same day and only one can name the reason, the more informative one wins:
# "replaced" also tells the reader where the rules went, "repealed" does not, "amended" is the mildest.
_STRENGTH = {RelationKind.REPLACES: 3, RelationKind.REPEALS: 2, RelationKind.AMENDS: 1}


def relation_reason(kind: RelationKind) -> Reason | None:
    """The reason a relation of `kind` gives its target ("Bị thay thế", "Được bổ sung"); None for bases."""
    return _RELATION_REASONS.get(kind)


def _label(labels: dict[str, str], lang: str) -> str:
    # "en-GB", "EN" and the like mean English; anything else falls back to Vietnamese, the official language.
    return labels.get(lang[:2].lower(), labels["vi"])


# ----------------------------------------------------------------------------------------------------
# Facts in, validity out
# ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentFacts:
    id: int
    number: str
    issued_on: date | None
    effective_from: date | None
    effective_until: date | None  # the LAST day in force (inclusive): "có hiệu lực đến hết ngày …"


@dataclass(frozen=True)
class RelationFacts:
    """A relation acting ON the evaluated document: "source <kind> target", target = that document."""

    id: int
    kind: RelationKind
    source_id: int
    source_number: str
    effective_on: date  # first day the change applies
    ends_on: date | None = None  # only for SUSPENDS: first day the suspension no longer applies
    provisions: tuple[str, ...] = ()  # () = the whole document; else labels like "Điều 3", "Khoản 2 Điều 5"


@dataclass(frozen=True)
class Cause:
    number: str  # the causing document's number
    kind: RelationKind
    effective_on: date
    source_id: int
    relation_id: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "kind": self.kind.value,
            "effective_on": self.effective_on.isoformat(),
            "source_id": self.source_id,
            "relation_id": self.relation_id,
        }


@dataclass(frozen=True)
class ProvisionState:
    provision: str
    status: Literal["expired", "suspended"]
    reason: Reason  # replaced / repealed / amended / suspended
    caused_by: tuple[Cause, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "provision": self.provision,
            "status": self.status,
            "reason": self.reason.value,
            "caused_by": [cause.to_dict() for cause in self.caused_by],
        }


@dataclass(frozen=True)
class ReviewFlag:
    """An implementing document whose basis changed: flagged for review, never expired automatically."""

    basis_number: str
    basis_id: int
    relation_kind: RelationKind  # BASIS or DETAILS
    basis_status: Status
    caused_by: tuple[Cause, ...]  # what changed the basis

    def to_dict(self) -> dict[str, Any]:
        return {
            "basis_number": self.basis_number,
            "basis_id": self.basis_id,
            "relation_kind": self.relation_kind.value,
            "basis_status": self.basis_status.value,
            "caused_by": [cause.to_dict() for cause in self.caused_by],
        }


@dataclass(frozen=True)
class BasisFacts:
    """An outgoing basis/details relation of the evaluated document; target_validity is on the same date."""

    relation_kind: RelationKind
    target_id: int
    target_number: str
    target_validity: Validity


@dataclass(frozen=True)
class Validity:
    on: date
    status: Status
    reason: Reason
    since: date | None  # first day of the current status (None: since forever / unknown)
    caused_by: tuple[Cause, ...]  # empty for term_ended, effective, not_yet_effective
    provisions: tuple[ProvisionState, ...]  # empty when expired or suspended as a whole
    notes: tuple[Cause, ...]  # active events that changed nothing in status
    review_flags: tuple[ReviewFlag, ...]
    effective_date_assumed: bool  # effective_from was missing: issued_on (or "always") was used

    def label(self, lang: str = "vi") -> str:
        return _label(STATUS_LABELS[self.status], lang)

    def reason_label(self, lang: str = "vi") -> str:
        return _label(REASON_LABELS[self.reason], lang)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: dates as ISO strings, enums as their values."""
        return {
            "on": self.on.isoformat(),
            "status": self.status.value,
            "reason": self.reason.value,
            "since": self.since.isoformat() if self.since else None,
            "caused_by": [cause.to_dict() for cause in self.caused_by],
            "provisions": [state.to_dict() for state in self.provisions],
            "notes": [cause.to_dict() for cause in self.notes],
            "review_flags": [flag.to_dict() for flag in self.review_flags],
            "effective_date_assumed": self.effective_date_assumed,
        }


# ----------------------------------------------------------------------------------------------------
# Provision labels
# ----------------------------------------------------------------------------------------------------


def _normalise_label(label: str) -> str:
    # Labels come from spreadsheets and scraped pages: decomposed diacritics, "Ð" (U+00D0) typed for "Đ"
    # (U+0110), doubled spaces. The same provision must be one key whatever way it was typed.
    text = unicodedata.normalize("NFC", label).translate(D_REPAIR)
    return " ".join(text.split())


def _provisions(relation: RelationFacts) -> tuple[str, ...]:
    """The relation's provision labels, normalised and de-duplicated; () means the whole document."""
    seen: dict[str, None] = {}
    for label in relation.provisions:
        normalised = _normalise_label(label)
        if normalised:
            seen.setdefault(normalised, None)
    return tuple(seen)


# ----------------------------------------------------------------------------------------------------
# Ordering causes
# ----------------------------------------------------------------------------------------------------


def _cause(relation: RelationFacts) -> Cause:
    return Cause(
        number=relation.source_number,
        kind=relation.kind,
        effective_on=relation.effective_on,
        source_id=relation.source_id,
        relation_id=relation.id,
    )


def _cause_key(cause: Cause) -> tuple[date, int, str, int, int]:
    # Chronological, then a fixed tie-break on every field, so the output never depends on input order.
    return (cause.effective_on, _KIND_ORDER[cause.kind], cause.number, cause.source_id, cause.relation_id)


def _sorted_causes(causes: Iterable[Cause]) -> tuple[Cause, ...]:
    return tuple(sorted(set(causes), key=_cause_key))


def _earliest(causes: Iterable[Cause]) -> Cause:
    """The first event; on the same day the stronger kind (replace > repeal > amend) wins."""
    return min(causes, key=lambda c: (c.effective_on, -_STRENGTH.get(c.kind, 0), *_cause_key(c)[2:]))


def _latest(causes: Iterable[Cause]) -> Cause:
    """The most recent event; on the same day the stronger kind (replace > repeal > amend) wins."""
    return max(causes, key=lambda c: (c.effective_on, _STRENGTH.get(c.kind, 0), *_cause_key(c)[2:]))


# ----------------------------------------------------------------------------------------------------
# The engine
# ----------------------------------------------------------------------------------------------------


def _start(document: DocumentFacts) -> tuple[date | None, bool]:
    """First day in force and whether it was assumed.

    Old Chỉ thị and scraped records often lack the effective date; the issue date is the best lower bound
    we have (a provincial document cannot take effect before it is signed). With neither, the document is
    taken to have been in force since forever rather than guessed at.
    """
    if document.effective_from is not None:
        return document.effective_from, False
    return document.issued_on, True


def _term_end(document: DocumentFacts) -> date | None:
    """First day NOT in force because the fixed term ran out; None without a term (or one ending date.max)."""
    until = document.effective_until
    if until is None or until == date.max:
        return None
    return until + timedelta(days=1)


def _suspension_active(relation: RelationFacts, on: date) -> bool:
    # ends_on is the first day the suspension no longer applies: the interval is [effective_on, ends_on).
    return relation.effective_on <= on and (relation.ends_on is None or on < relation.ends_on)


@dataclass(frozen=True)
class _State:
    """Everything about one date except `since` and review flags, which need more than that date's facts."""

    status: Status
    reason: Reason
    caused_by: tuple[Cause, ...]
    provisions: tuple[ProvisionState, ...]
    notes: tuple[Cause, ...]


def _relevant(relations: Iterable[RelationFacts]) -> tuple[RelationFacts, ...]:
    return tuple(relation for relation in relations if relation.kind not in _IGNORED_KINDS)


def _note_causes(active: Sequence[RelationFacts]) -> list[Cause]:
    """Active events that never change the status.

    Law 64/2025 art. 57 counts amendment as expiry, but only of what it names: an amendment whose provisions
    the source did not record cannot be placed on any provision, so it is only noted.
    """
    return [
        _cause(relation)
        for relation in active
        if relation.kind in (RelationKind.SUPPLEMENTS, RelationKind.CORRECTS)
        or (relation.kind is RelationKind.AMENDS and not _provisions(relation))
    ]


def _whole_expiry(document: DocumentFacts, active: Sequence[RelationFacts], on: date) -> _State | None:
    """EXPIRED if a whole replace/repeal or the end of the term has been reached; such expiry is final."""
    events = [
        _cause(relation)
        for relation in active
        if relation.kind in (RelationKind.REPLACES, RelationKind.REPEALS) and not _provisions(relation)
    ]
    term_end = _term_end(document)
    term_ended = term_end is not None and term_end <= on
    if not events and not term_ended:
        return None
    notes = _note_causes(active)
    first = _earliest(events) if events else None
    # On the same day a documented act beats a lapse: the yearly list names the act that ended the document.
    if term_end is not None and term_ended and (first is None or term_end < first.effective_on):
        # Replacing or repealing a document whose term had already run out changes nothing: it is a note.
        return _State(Status.EXPIRED, Reason.TERM_ENDED, (), (), _sorted_causes([*notes, *events]))
    assert first is not None  # events is non-empty when the term did not end first
    reason = _RELATION_REASONS[first.kind]
    return _State(Status.EXPIRED, reason, _sorted_causes(events), (), _sorted_causes(notes))


def _provision_states(active: Sequence[RelationFacts], on: date) -> tuple[ProvisionState, ...]:
    expiring: dict[str, list[Cause]] = {}
    suspending: dict[str, list[Cause]] = {}
    for relation in active:
        labels = _provisions(relation)
        if not labels:
            continue
        if relation.kind in _EXPIRING_KINDS:
            target = expiring
        elif relation.kind is RelationKind.SUSPENDS and _suspension_active(relation, on):
            target = suspending
        else:
            continue
        for label in labels:
            target.setdefault(label, []).append(_cause(relation))

    states = []
    for label in sorted(expiring.keys() | suspending.keys(), key=provision_sort_key):
        suspensions = suspending.get(label, [])
        if label in expiring:
            # Expired dominates suspended: a repealed provision cannot come back when a suspension ends.
            events = expiring[label]
            reason = _RELATION_REASONS[_latest(events).kind]
            states.append(ProvisionState(label, "expired", reason, _sorted_causes([*events, *suspensions])))
        else:
            states.append(ProvisionState(label, "suspended", Reason.SUSPENDED, _sorted_causes(suspensions)))
    return tuple(states)


def _partial_state(provisions: tuple[ProvisionState, ...], notes: tuple[Cause, ...]) -> _State:
    expired = [state for state in provisions if state.status == "expired"]
    caused_by = _sorted_causes(cause for state in provisions for cause in state.caused_by)
    if expired:
        # The reason must explain "partially expired", so it comes from the latest EXPIRING event, not from a
        # later suspension of some other provision.
        latest = _latest(cause for state in expired for cause in state.caused_by if cause.kind in _EXPIRING_KINDS)
        return _State(Status.PARTIALLY_EXPIRED, _RELATION_REASONS[latest.kind], caused_by, provisions, notes)
    return _State(Status.PARTIALLY_SUSPENDED, Reason.SUSPENDED, caused_by, provisions, notes)


def _state(document: DocumentFacts, relations: Sequence[RelationFacts], on: date) -> _State:
    """The status on `on` from the facts alone (relations already stripped of BASIS/DETAILS)."""
    active = [relation for relation in relations if relation.effective_on <= on]

    expired = _whole_expiry(document, active, on)
    if expired is not None:
        return expired

    notes = _sorted_causes(_note_causes(active))
    suspensions = [
        _cause(relation)
        for relation in active
        if relation.kind is RelationKind.SUSPENDS and not _provisions(relation) and _suspension_active(relation, on)
    ]
    if suspensions:
        # Checked before "not yet effective": a document suspended before its start date will not start on it,
        # and saying "not yet effective" would promise that it will.
        return _State(Status.SUSPENDED, Reason.SUSPENDED, _sorted_causes(suspensions), (), notes)

    provisions = _provision_states(active, on)
    start, _ = _start(document)
    if start is not None and on < start:
        # Provisions already replaced/repealed before the start stay listed: the reader needs to know that
        # those parts will never take effect.
        return _State(Status.NOT_YET_EFFECTIVE, Reason.NOT_YET_EFFECTIVE, (), provisions, notes)
    if provisions:
        return _partial_state(provisions, notes)
    return _State(Status.IN_FORCE, Reason.EFFECTIVE, (), (), notes)


def _points(document: DocumentFacts, relations: Sequence[RelationFacts]) -> list[date]:
    start, _ = _start(document)
    points = {relation.effective_on for relation in relations}
    points.update(
        relation.ends_on
        for relation in relations
        if relation.kind is RelationKind.SUSPENDS and relation.ends_on is not None
    )
    if start is not None:
        points.add(start)
    term_end = _term_end(document)
    if term_end is not None:
        points.add(term_end)
    return sorted(points)


def _since(document: DocumentFacts, relations: Sequence[RelationFacts], on: date, status: Status) -> date | None:
    """First day of the stretch of `status` that contains `on`.

    The status is constant between change points, so walking the points backwards until the status differs
    finds the start of the stretch. Deriving it this way (instead of per-rule formulas) keeps `since`
    consistent with `timeline` by construction, including overlapping suspensions and suspensions that
    interrupt a partial state.
    """
    points = [point for point in _points(document, relations) if point <= on]
    since: date | None = None
    for point in reversed(points):
        if _state(document, relations, point).status != status:
            return since
        since = point
    if points and points[0] > date.min and _state(document, relations, date.min).status == status:
        return None  # the status held before the first event too: since forever
    return since


def _review_flags(bases: Iterable[BasisFacts]) -> tuple[ReviewFlag, ...]:
    flags = {
        ReviewFlag(
            basis_number=basis.target_number,
            basis_id=basis.target_id,
            relation_kind=basis.relation_kind,
            basis_status=basis.target_validity.status,
            caused_by=basis.target_validity.caused_by,
        )
        for basis in bases
        if basis.relation_kind in _IGNORED_KINDS and basis.target_validity.status in _FLAGGED_BASIS_STATUSES
    }
    return tuple(sorted(flags, key=lambda f: (f.basis_number, f.basis_id, _KIND_ORDER[f.relation_kind])))


def evaluate(
    document: DocumentFacts,
    relations: Iterable[RelationFacts],
    on: date,
    bases: Iterable[BasisFacts] = (),
) -> Validity:
    """The document's validity on `on`.

    Relations starting after `on` are ignored; the order of `relations` does not matter.
    """
    relevant = _relevant(relations)
    state = _state(document, relevant, on)
    _, assumed = _start(document)
    return Validity(
        on=on,
        status=state.status,
        reason=state.reason,
        since=_since(document, relevant, on, state.status),
        caused_by=state.caused_by,
        provisions=state.provisions,
        notes=state.notes,
        review_flags=_review_flags(bases),
        effective_date_assumed=assumed,
    )


def change_points(document: DocumentFacts, relations: Iterable[RelationFacts]) -> list[date]:
    """Sorted unique dates on which the status MAY change.

    The start (effective_from, or issued_on when it stands in for it), the day after effective_until, and the
    effective_on / ends_on of every relation acting on the document. BASIS/DETAILS relations are left out: the
    engine ignores them, so they can never change anything.
    """
    return _points(document, _relevant(relations))


def next_change_after(document: DocumentFacts, relations: Iterable[RelationFacts], on: date) -> date | None:
    """First change point strictly after `on` (when a daily pass should look at the document again)."""
    return next((point for point in change_points(document, relations) if point > on), None)


def evaluate_with_next(
    document: DocumentFacts, relations: Iterable[RelationFacts], on: date
) -> tuple[Validity, date | None]:
    """`evaluate` and `next_change_after` together, sharing the work: what the daily pass needs per document."""
    relevant = _relevant(relations)
    answer = evaluate(document, relevant, on)
    return answer, next((point for point in _points(document, relevant) if point > on), None)


def timeline(
    document: DocumentFacts,
    relations: Iterable[RelationFacts],
    bases: Iterable[BasisFacts] = (),
) -> list[Validity]:
    """The successive states of the document.

    The first entry is the state before anything happened and carries `on=date.min`; then one entry per change
    point where status, reason or provisions differ from the previous entry. The state on any date is the last
    entry whose `on` is at or before it.

    `bases` are a snapshot the caller computed for one date each (BasisFacts.target_validity.on), so a review
    flag is attached only to the entry in force on that date, not to the whole history.
    """
    relevant = _relevant(relations)
    entries = [evaluate(document, relevant, date.min)]
    for point in _points(document, relevant):
        if point <= date.min:
            continue
        current = evaluate(document, relevant, point)
        previous = entries[-1]
        if (current.status, current.reason, current.provisions) != (
            previous.status,
            previous.reason,
            previous.provisions,
        ):
            entries.append(current)
    return _attach_flags(entries, tuple(bases))


def _attach_flags(entries: list[Validity], bases: tuple[BasisFacts, ...]) -> list[Validity]:
    if not bases:
        return entries
    result = []
    for index, entry in enumerate(entries):
        ends = entries[index + 1].on if index + 1 < len(entries) else None
        covered = [
            basis
            for basis in bases
            if entry.on <= basis.target_validity.on and (ends is None or basis.target_validity.on < ends)
        ]
        result.append(replace(entry, review_flags=_review_flags(covered)))
    return result


# ----------------------------------------------------------------------------------------------------
# Checks on facts before they are saved
# ----------------------------------------------------------------------------------------------------


class TimelineError(ValueError):
    """Facts that cannot all be true. Carries both languages; str() is the English message."""

    def __init__(self, code: str, field: str, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code = code
        self.field = field
        self.message_vi = message_vi
        self.message_en = message_en

    def __str__(self) -> str:
        return self.message_en


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def check_document(document: DocumentFacts) -> None:
    """Raise TimelineError when the document's own dates contradict each other."""
    start, _ = _start(document)
    until = document.effective_until
    if until is not None and start is not None and until < start:
        raise TimelineError(
            "until_before_effective",
            "effective_until",
            f"Ngày hết hiệu lực ({_fmt(until)}) trước ngày có hiệu lực ({_fmt(start)}).",
            f"The last day in force ({until.isoformat()}) is before the first day in force ({start.isoformat()}).",
        )
    issued = document.issued_on
    if document.effective_from is not None and issued is not None and document.effective_from < issued:
        # Law 64/2025 art. 53 and Law 80/2015 art. 151: effect runs from signing at the earliest; a provincial
        # document may not be retroactive (Law 80/2015 art. 152, unsure for the 2025 article number).
        raise TimelineError(
            "effective_before_issued",
            "effective_from",
            f"Ngày có hiệu lực ({_fmt(document.effective_from)}) trước ngày ban hành ({_fmt(issued)}): "
            "văn bản của chính quyền địa phương không được quy định hiệu lực trở về trước.",
            f"The effective date ({document.effective_from.isoformat()}) is before the issue date "
            f"({issued.isoformat()}): local government documents may not be retroactive.",
        )


def check_relation(
    *,
    source: DocumentFacts,
    target: DocumentFacts,
    kind: RelationKind,
    effective_on: date,
    ends_on: date | None = None,
) -> None:
    """Raise TimelineError when "source <kind> target" from `effective_on` (to `ends_on`) cannot be true."""
    if source.id == target.id:
        raise TimelineError(
            "self_reference",
            "target",
            f"Văn bản {source.number} không thể tự {RELATION_LABELS[kind]['vi'].lower()} chính nó.",
            f"Document {source.number} cannot {RELATION_LABELS[kind]['en'].lower()} itself.",
        )
    if ends_on is not None and kind is not RelationKind.SUSPENDS:
        raise TimelineError(
            "ends_only_for_suspension",
            "ends_on",
            "Chỉ quan hệ ngưng hiệu lực mới có ngày kết thúc.",
            "Only a suspension has an end date.",
        )
    if ends_on is not None and ends_on <= effective_on:
        raise TimelineError(
            "ends_before_starts",
            "ends_on",
            f"Ngày kết thúc ngưng hiệu lực ({_fmt(ends_on)}) phải sau ngày bắt đầu ({_fmt(effective_on)}).",
            f"The suspension's end ({ends_on.isoformat()}) must be after its start ({effective_on.isoformat()}).",
        )
    # A correction (đính chính) applies from the corrected document's own date, before it was itself issued.
    if source.issued_on is not None and effective_on < source.issued_on and kind is not RelationKind.CORRECTS:
        raise TimelineError(
            "effective_before_issued",
            "effective_on",
            f"Ngày áp dụng ({_fmt(effective_on)}) trước ngày ban hành văn bản {source.number} "
            f"({_fmt(source.issued_on)}).",
            f"The change applies from {effective_on.isoformat()}, before {source.number} was issued "
            f"({source.issued_on.isoformat()}).",
        )
    if source.issued_on is not None and target.issued_on is not None and target.issued_on > source.issued_on:
        raise TimelineError(
            "target_issued_later",
            "target",
            f"Văn bản {target.number} ({_fmt(target.issued_on)}) được ban hành sau văn bản {source.number} "
            f"({_fmt(source.issued_on)}).",
            f"{target.number} ({target.issued_on.isoformat()}) was issued after {source.number} "
            f"({source.issued_on.isoformat()}).",
        )


def find_replacement_cycle(edges: Iterable[tuple[int, int]], new_edge: tuple[int, int]) -> list[int] | None:
    """The cycle that adding `new_edge` would close among REPLACES relations, or None.

    `edges` are existing (source_id, target_id) pairs, "source replaces target". The answer starts with the
    new edge: [new_source, new_target, ..., x] where each id replaces the next and the last replaces the
    first (A replaces B while B replaces A gives [B, A] for new edge (B, A)). The shortest cycle is returned.
    """
    source, target = new_edge
    if source == target:
        return [source]
    successors: dict[int, set[int]] = {}
    for edge_source, edge_target in edges:
        successors.setdefault(edge_source, set()).add(edge_target)
    # Breadth-first from the new target: a path back to the new source closes the cycle.
    parents: dict[int, int | None] = {target: None}
    queue = deque([target])
    while queue:
        node = queue.popleft()
        if node == source:
            path = [node]
            while (parent := parents[path[-1]]) is not None:
                path.append(parent)
            path.reverse()  # target ... source
            return [source, *path[:-1]]
        for successor in sorted(successors.get(node, ())):
            if successor not in parents:
                parents[successor] = node
                queue.append(successor)
    return None
