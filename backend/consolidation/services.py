"""Writes to an amending document's operations (decision 0018 §2): store what the reader proposed, and let an
officer add, correct, confirm or reject an operation. Each write is one transaction, audited; confirming,
correcting a confirmed operation or rejecting one re-derives the relations of the pair it touches in the same
transaction (catalogue.services.relations_replace_derived), so status and text never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from backend.audit import services as audit
from backend.catalogue import events
from backend.catalogue import services as catalogue
from backend.catalogue.models import Document, Relation
from backend.consolidation import derive, texts
from backend.consolidation.models import (
    EID_MAX_LENGTH,
    INSTRUCTION_MAX_LENGTH,
    WORDS_MAX_LENGTH,
    Operation,
)
from backend.core.errors import ApplicationError, invalid
from backend.core.text import check_fields
from backend.core.versioning import lock_at_version
from legal import corrections, instructions, numbers
from legal import operations as legal_ops
from legal.provisions import ProvisionError, parse_eid

_AUDIT_EXCLUDE = ("created_at", "version")
# What an operation of each kind needs before it can be confirmed (the applier cannot apply it otherwise).
_NEEDS_NEW_TEXT = frozenset({"replace", "rename", "insert_after", "insert_before", "replace_annex"})
_NEEDS_OLD_WORDS = frozenset(legal_ops.WORD_KINDS)
_WHOLE_DOCUMENT = frozenset({"repeal_document", *legal_ops.WORD_KINDS})


@dataclass
class OperationInput:
    """An operation as an officer adds or corrects it."""

    target: Document | None
    kind: str
    target_eid: str = ""
    applies_on: dt.date | None = None
    new_text: str = ""
    anchor_eid: str = ""
    old_words: str = ""
    new_words: str = ""
    except_words: Sequence[str] = field(default_factory=list)
    scope_eids: Sequence[str] = field(default_factory=list)
    ends_on: dt.date | None = None
    precedence: int = 0
    instruction: str = ""


def _both(vi: str, en: str) -> str:
    return f"{vi} / {en}"


def _eid_error(eid: str) -> str | None:
    try:
        parse_eid(eid)
    except ProvisionError as exc:
        return _both(exc.message_vi, exc.message_en)
    return None


def _check_input(source: Document, data: OperationInput) -> None:
    """Field errors, all at once, before anything is saved."""
    check_fields(
        {
            "instruction": (data.instruction, INSTRUCTION_MAX_LENGTH, True),
            "old_words": (data.old_words, WORDS_MAX_LENGTH, False),
            "new_words": (data.new_words, WORDS_MAX_LENGTH, False),
            "new_text": (data.new_text, catalogue.TEXT_MAX_LENGTH, True),
        }
    )
    errors: dict[str, list[str]] = {}
    if data.kind not in legal_ops.KINDS or data.kind == "unknown":
        errors["kind"] = [_both("Loại thao tác không hợp lệ.", "Not a kind of operation.")]
    if data.target is not None and data.target.pk == source.pk:
        errors["target"] = [_both("Văn bản không thể tự sửa đổi chính nó.", "A document cannot amend itself.")]
    for name in ("target_eid", "anchor_eid"):
        value = getattr(data, name)
        message = _eid_error(value) if value else None
        if len(value) > EID_MAX_LENGTH:
            message = _both("Mã điều khoản quá dài.", "The provision identifier is too long.")
        if message:
            errors[name] = [message]
    bad_scope = [eid for eid in data.scope_eids if len(eid) > EID_MAX_LENGTH or _eid_error(eid)]
    if bad_scope:
        first = bad_scope[0]
        errors["scope_eids"] = [_both(f"Mã điều khoản không hợp lệ: {first}", f"Not a provision: {first}")]
    if any(len(words) > WORDS_MAX_LENGTH for words in data.except_words):
        errors["except_words"] = [_both("Cụm từ quá dài.", "The words are too long.")]
    if data.ends_on and data.applies_on and data.ends_on <= data.applies_on:
        errors["ends_on"] = [_both("Ngày kết thúc phải sau ngày áp dụng.", "The end must be after the start.")]
    if errors:
        raise invalid(errors)


def _missing_for_confirm(op: Operation) -> dict[str, list[str]]:
    required = _both("Cần nhập trước khi xác nhận.", "Required before confirming.")
    missing: dict[str, list[str]] = {}
    if op.target_id is None:
        missing["target"] = [required]
    if op.applies_on is None:
        missing["applies_on"] = [required]
    if op.kind == "unknown":
        missing["kind"] = [required]
    if op.kind not in _WHOLE_DOCUMENT and not op.target_eid:
        missing["target_eid"] = [required]
    if op.kind in _NEEDS_NEW_TEXT and not op.new_text.strip():
        missing["new_text"] = [required]
    if op.kind in _NEEDS_OLD_WORDS and not op.old_words:
        missing["old_words"] = [required]
    if op.kind == "substitute_words" and not op.new_words:
        missing["new_words"] = [required]
    return missing


def _fill(op: Operation, data: OperationInput) -> None:
    if op.origin == Operation.Origin.OFFICER or (data.applies_on, data.ends_on) != (op.applies_on, op.ends_on):
        op.dated_by_officer = True  # a date, or a suspension's end, the officer gave: kept when the act is read again
    op.target = data.target
    op.kind, op.target_eid, op.anchor_eid = data.kind, data.target_eid, data.anchor_eid
    op.applies_on, op.ends_on, op.precedence = data.applies_on, data.ends_on, data.precedence
    op.new_text, op.old_words, op.new_words = data.new_text, data.old_words, data.new_words
    op.except_words, op.scope_eids = list(data.except_words), list(data.scope_eids)
    op.instruction = data.instruction or op.instruction


def _audit(actor: Any, op: Operation, before: dict[str, Any] | None, origin: str, action: str = "") -> None:
    after = audit.snapshot(op, exclude=_AUDIT_EXCLUDE)
    action = action or ("update" if before is not None else "create")
    audit.record(actor=actor, action=action, instance=op, before=before, after=after, source=origin)


def _facts(op: Operation) -> derive.OperationFacts:
    return derive.OperationFacts(
        kind=op.kind,  # type: ignore[arg-type]  # a choice of KINDS, checked on input
        target_eid=op.target_eid,
        applies_on=op.applies_on,  # type: ignore[arg-type]  # only dated operations are derived
        scope_eids=tuple(op.scope_eids),
        ends_on=op.ends_on,
    )


def derive_relations(*, actor: Any, target: Document, origin: str = "api") -> bool:
    """Re-derive every amending document's relations on `target` from the confirmed operations the text applies
    (in the caller's transaction). An operation the applier holds back (its provision missing on that date, a
    same-day clash between two documents, an already repealed provision…) changes neither the text nor the
    status until an officer settles it: both read the same applied operations, so they cannot disagree.
    Every source is derived again, since confirming one document's change can hold back another's (a clash).
    A document catalogued without its text has no text to disagree with: all its confirmed operations count.
    Returns whether any relation changed."""
    # Drafts change nothing (the validity engine reads published sources only, and the text applies only theirs):
    # a draft's operations are derived when it is published (the consolidation.texts consumer re-derives).
    confirmed = Operation.objects.filter(
        target=target, state="confirmed", applies_on__isnull=False, source__published=True
    )
    derived_before = Relation.objects.filter(target=target, derived=True).values_list("source_id", flat=True)
    if not confirmed.exists() and not derived_before.exists():
        return False  # nothing to derive and nothing derived: no consolidation to run (an import's thousands)
    held: set[tuple[str, int]] = set()
    if target.structure:
        result, _ = texts.consolidation_of(target)
        held = {(h.operation.source, h.operation.seq) for h in result.held}
    applied: dict[int, list[derive.OperationFacts]] = {}
    for op in confirmed.order_by("source_id", "seq"):
        if (str(op.source_id), op.seq) not in held:
            applied.setdefault(op.source_id, []).append(_facts(op))
    changed = False
    for source in Document.objects.filter(pk__in={*applied, *derived_before}).order_by("pk"):
        rows = [
            catalogue.DerivedRelation(
                kind=row.kind,
                effective_on=row.effective_on,
                provisions=row.provisions,
                ends_on=row.ends_on,
                note=_derived_note(row.others),
            )
            for row in derive.derive(applied.get(source.pk, []))
        ]
        changed |= catalogue.relations_replace_derived(
            actor=actor, source=source, target=target, rows=rows, origin=origin
        )
    return changed


def _derived_note(others: Iterable[str]) -> str:
    names = ", ".join(others)
    return f"Phụ lục, biểu mẫu: {names}" if names else ""


def _rederive(actor: Any, targets: Iterable[Document | None], origin: str) -> None:
    """The text and the relations of each target follow a change of its operations (same transaction); the
    consumers hear that its text changed after commit (the search index holds today's text)."""
    rederive(actor=actor, document_ids=[target.pk for target in targets if target is not None], origin=origin)


def rederive(*, actor: Any, document_ids: Iterable[int], origin: str = "system") -> list[int]:
    """Forget the stored texts of these documents and of every document whose text depends on them (those they
    amend; those amended by an amending act they repeal), derive those documents' relations again, and tell the
    consumers after commit that their texts changed. In the caller's transaction, or its own (the task run after
    a document was edited, published or unpublished). Returns the ids it re-derived."""
    with transaction.atomic():
        # Only documents operations act on can have a text or relations that changed: the others (an import's
        # thousands) are neither derived nor announced.
        ids = sorted(texts.amended_among(texts.forget(document_ids)))
        for target in Document.objects.filter(pk__in=ids).order_by("pk"):
            derive_relations(actor=actor, target=target, origin=origin)
        for pk in ids:
            events.publish(events.text_changed, document_id=pk)
    return ids


def operation_add(*, actor: Any, source: Document, data: OperationInput, origin: str = "api") -> Operation:
    """An operation the reader missed, added by an officer: proposed until confirmed."""
    _check_input(source, data)
    with transaction.atomic():
        Document.objects.select_for_update().filter(pk=source.pk).first()  # one writer of a source's seq at a time
        last = Operation.objects.filter(source=source).aggregate(last=Max("seq"))["last"] or 0
        op = Operation(source=source, seq=last + 1, origin=Operation.Origin.OFFICER, state="proposed")
        _fill(op, data)
        op.save()
        _audit(actor, op, None, origin)
    return op


def operation_correct(
    *, actor: Any, operation: Operation, data: OperationInput, expected_version: int | None, origin: str = "api"
) -> Operation:
    """Correct an operation (a listed one becomes proposed: its reasons were the reader's doubts, now answered by
    an officer). A confirmed operation stays confirmed and its relations follow."""
    with transaction.atomic():
        op = lock_at_version(operation, expected_version)
        _check_input(op.source, data)
        if op.state == "rejected":
            raise ApplicationError(
                "operation_rejected",
                "Thao tác đã bị loại; hãy khôi phục trước khi sửa.",
                "The operation was rejected; restore it before correcting it.",
                status=409,
            )
        before, old_target = audit.snapshot(op, exclude=_AUDIT_EXCLUDE), op.target
        _fill(op, data)
        if op.state == "listed":
            op.state, op.reasons = "proposed", []
        if op.state == "confirmed" and _missing_for_confirm(op):
            raise invalid(_missing_for_confirm(op))
        op.version += 1
        op.save()
        _audit(actor, op, before, origin)
        if op.state == "confirmed":
            _rederive(actor, (old_target, op.target), origin)
    return op


def _set_state(actor: Any, op: Operation, state: str, origin: str) -> bool:
    """Move a locked operation to `state`, audited; returns whether it moved (the caller re-derives)."""
    if state == "confirmed" and _missing_for_confirm(op):
        raise invalid(_missing_for_confirm(op))
    if op.state == state:
        return False  # idempotent: a repeated click changes nothing and audits nothing
    before = audit.snapshot(op, exclude=_AUDIT_EXCLUDE)
    op.state = state
    if state == "confirmed":
        op.reasons = []
    op.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    op.decided_at = timezone.now()
    op.version += 1
    op.save()
    _audit(actor, op, before, origin)
    return True


def _decide(*, actor: Any, operation: Operation, state: str, expected_version: int | None, origin: str) -> Operation:
    with transaction.atomic():
        op = lock_at_version(operation, expected_version)
        was_confirmed = op.state == "confirmed"
        if _set_state(actor, op, state, origin) and (state == "confirmed" or was_confirmed):
            _rederive(actor, (op.target,), origin)
    return op


def operation_confirm(
    *, actor: Any, operation: Operation, expected_version: int | None, origin: str = "api"
) -> Operation:
    """Confirm an operation: it applies to the text, and the pair's relations are derived again."""
    return _decide(
        actor=actor, operation=operation, state="confirmed", expected_version=expected_version, origin=origin
    )


def operation_reject(
    *, actor: Any, operation: Operation, expected_version: int | None, origin: str = "api"
) -> Operation:
    """Reject an operation: it is kept (reading the document again does not bring it back) but never applies."""
    return _decide(actor=actor, operation=operation, state="rejected", expected_version=expected_version, origin=origin)


def operation_restore(
    *, actor: Any, operation: Operation, expected_version: int | None, origin: str = "api"
) -> Operation:
    """Undo a confirmation or a rejection: the operation is proposed again, awaiting an officer."""
    return _decide(actor=actor, operation=operation, state="proposed", expected_version=expected_version, origin=origin)


def operations_store_proposal(
    *,
    actor: Any,
    source: Document,
    proposal: Sequence[legal_ops.Operation],
    targets: dict[str, Document],
    origin: str = "reader",
) -> list[Operation]:
    """Store what the reader read from `source`: its undecided reader operations are replaced; an officer's own
    operations and every decided one (confirmed, rejected) stay, and a read operation equal to a decided one is not
    stored again. `targets` maps the reader's target keys to documents (a key it lacks leaves the target empty).
    Idempotent: reading the same text twice stores the same rows, and when the undecided rows are what was read
    (the task that reads an act again after the upload stored it) they are left as they are: the same ids, which an
    officer's page may be confirming, and no audit rows for nothing."""
    with transaction.atomic():
        Document.objects.select_for_update().filter(pk=source.pk).first()
        undecided = Operation.objects.filter(
            source=source, origin=Operation.Origin.READER, state__in=("proposed", "listed")
        )
        decided = Operation.objects.filter(source=source).exclude(pk__in=undecided.values("pk"))
        known = {_identity(op.target_id, op.kind, op.target_eid, op.source_eid, op.old_words): op for op in decided}
        fresh: list[Operation] = []
        redated: list[Document | None] = []
        for read in proposal:
            target = targets.get(read.target)
            identity = _identity(
                target.pk if target else None, read.kind, read.target_eid, read.source_eid, read.old_words
            )
            same = known.get(identity)
            if same is not None:
                if _follow_date(actor, same, read, origin) and same.state == "confirmed":
                    redated.append(same.target)
                continue
            op = Operation(source=source, origin=Operation.Origin.READER)
            _fill_from_reader(op, read, target)
            fresh.append(op)
        stored: list[Operation] = []
        if [_as_read(op) for op in undecided.order_by("seq")] != [_as_read(op) for op in fresh]:
            for op in undecided:
                _audit(actor, op, audit.snapshot(op, exclude=_AUDIT_EXCLUDE), origin, action="delete")
            undecided.delete()
            seq = decided.aggregate(last=Max("seq"))["last"] or 0
            for op in fresh:
                seq += 1
                op.seq = seq
                op.save()
                stored.append(op)
            audit.record_created(actor, stored, source=origin)
        if redated:
            _rederive(actor, redated, origin)
    return stored


def _as_read(op: Operation) -> tuple[Any, ...]:
    """Everything the reader sets on an operation: two equal ones are the same reading."""
    return (
        op.target_id, op.source_eid, op.instruction, op.kind, op.target_eid, op.anchor_eid, op.new_text,
        op.old_words, op.new_words, tuple(op.except_words), tuple(op.scope_eids), op.applies_on, op.ends_on,
        op.state, tuple(op.reasons),
    )  # fmt: skip


def _follow_date(actor: Any, op: Operation, read: legal_ops.Operation, origin: str) -> bool:
    """A decided operation whose date was read from the act takes the date read again: an edit of the act that
    moved its effective date (or reworded a date clause) moves its confirmed changes with it. A date an officer
    gave is kept, and so is one the reader can no longer tell. Returns whether the date changed."""
    if op.origin != Operation.Origin.READER or op.dated_by_officer or "date_unclear" in read.reasons:
        return False
    if (op.applies_on, op.ends_on) == (read.applies_on, read.ends_on):
        return False
    before = audit.snapshot(op, exclude=_AUDIT_EXCLUDE)
    op.applies_on, op.ends_on = read.applies_on, read.ends_on
    op.version += 1
    op.save(update_fields=["applies_on", "ends_on", "version"])
    _audit(actor, op, before, origin)
    return True


OperationKey = tuple[int | None, str, str, str, str]


def _identity(target_id: int | None, kind: str, target_eid: str, source_eid: str, old_words: str) -> OperationKey:
    """What makes a read operation the same one when the act is read again: neither its text nor its date (those
    follow the act, _follow_date). The words tell apart two word changes of one sentence, or two corrections of
    one letter without articles."""
    return (target_id, kind, target_eid, source_eid, old_words)


def operation_key(
    *, target_id: int | None, kind: str, target_eid: str, source_eid: str, old_words: str
) -> OperationKey:
    """How the upload proposal names an operation for the officer to confirm: its identity when read again."""
    return _identity(target_id, kind, target_eid, source_eid, old_words)


def operations_confirm_named(
    *, actor: Any, source: Document, named: Iterable[OperationKey], origin: str = "api"
) -> list[Operation]:
    """Confirm the operations read from `source` that an officer named by their identity (operation_key) when they
    were shown before `source` was stored (the upload proposal). Only an operation read now as it was then, and
    proposed, is confirmed: one named but now listed (its provision missing on the date the form gave), no longer
    read (the catalogue changed), or lacking what confirming needs is left as it is, for the document's page.
    Audited as operation_confirm; one re-derivation of the documents acted on. In the caller's transaction."""
    wanted = set(named)
    if not wanted:
        return []
    confirmed: list[Operation] = []
    with transaction.atomic():
        rows = Operation.objects.filter(source=source, origin=Operation.Origin.READER, state="proposed")
        for op in rows.select_related("target").select_for_update(of=("self",)).order_by("seq"):
            key = operation_key(
                target_id=op.target_id,
                kind=op.kind,
                target_eid=op.target_eid,
                source_eid=op.source_eid,
                old_words=op.old_words,
            )
            if key in wanted and not _missing_for_confirm(op) and _set_state(actor, op, "confirmed", origin):
                confirmed.append(op)
        if confirmed:
            _rederive(actor, {op.target_id: op.target for op in confirmed}.values(), origin)
    return confirmed


def _fill_from_reader(op: Operation, read: legal_ops.Operation, target: Document | None) -> None:
    op.target = target
    op.source_eid, op.instruction = read.source_eid[:EID_MAX_LENGTH], read.instruction[:INSTRUCTION_MAX_LENGTH]
    op.kind, op.target_eid, op.anchor_eid = read.kind, read.target_eid, read.anchor_eid
    op.new_text, op.old_words, op.new_words = read.new_text, read.old_words, read.new_words
    op.except_words, op.scope_eids = list(read.except_words), list(read.scope_eids)
    # A date the reader could not tell is left for the officer to give: confirming asks for it.
    unclear = "date_unclear" in read.reasons
    op.applies_on, op.ends_on = (None if unclear else read.applies_on), read.ends_on
    op.state = "listed" if read.state == "listed" or target is None else "proposed"
    reasons = list(read.reasons)
    if target is None and "target_document_unknown" not in reasons:
        reasons.append("target_document_unknown")
    op.reasons = reasons if op.state == "listed" else []


# --- reading an amending document -----------------------------------------------------------------------------

MAX_TARGETS = 20  # documents one act is read against (08/2023 amends 15): a bound on the trees loaded


def _mentioned_documents(text: str, own_key: str | None) -> dict[str, Document]:
    """Catalogued documents an act's operative part names, by number key (the act itself excluded)."""
    mentioned: list[str] = []
    # A correcting letter may have no articles: what it corrects is named from its lead sentence on.
    part = corrections.correcting_lines if corrections.is_correcting_act(text) else instructions.operative_lines
    for number in numbers.find_numbers("\n".join(part(text))):
        key = numbers.key_or_none(number)
        if key is not None and key != own_key and key not in mentioned:
            mentioned.append(key)
    found: dict[str, Document] = {}
    for doc in Document.objects.filter(number_key__in=mentioned[: MAX_TARGETS * 3]).order_by("-issued_on"):
        found.setdefault(doc.number_key, doc)  # one document per number: the latest (issuers rarely collide)
    return dict(list(found.items())[:MAX_TARGETS])


def _tree_before(document: Document, on: dt.date) -> list[Any]:
    """The target's tree the day before the act applies: what its instructions name must exist then."""
    version = texts.version_of(document, on - dt.timedelta(days=1))
    return version.tree if version is not None else (document.structure or [])


@dataclass(frozen=True)
class Act:
    """What the reader needs of an amending act: catalogued (`Act.of`) or only uploaded (its proposal's fields)."""

    text: str
    title: str
    number_key: str | None
    issued_on: dt.date
    effective_from: dt.date | None
    key: str = ""  # the reader's name for the act (its id once catalogued)

    @classmethod
    def of(cls, document: Document) -> Act:
        return cls(
            text=document.text,
            title=document.title,
            number_key=document.number_key,
            issued_on=document.issued_on,
            effective_from=document.effective_from,
            key=str(document.pk),
        )


@dataclass(frozen=True)
class Reading:
    """An act's instructions read against the catalogue: the operations, and the documents their target keys name."""

    operations: list[legal_ops.Operation]
    targets: dict[str, Document]

    def target_of(self, read: legal_ops.Operation) -> Document | None:
        return self.targets.get(read.target)


def read_operations(act: Act) -> Reading:
    """Read `act`'s amending instructions (legal.instructions) against the catalogued documents it names, each as
    its text the day before the act applies. The one reading, whether the act is catalogued (propose_operations)
    or only uploaded (the upload proposal, which stores nothing). Writes nothing."""
    if not act.text.strip():
        return Reading(operations=[], targets={})
    applies = act.effective_from or act.issued_on
    targets = _mentioned_documents(act.text, act.number_key)
    title_keys = [key for n in numbers.find_numbers(act.title) if (key := numbers.key_or_none(n)) in targets]
    # A correction mends the words as the document printed them, from its own date: read it against that text.
    correcting = corrections.is_correcting_act(act.text)
    operations = instructions.read_instructions(
        act.text,
        source=act.key,
        issued_on=act.issued_on,
        effective_from=applies,
        targets={
            key: (doc.structure or []) if correcting else _tree_before(doc, applies) for key, doc in targets.items()
        },
        default_target=title_keys[0] if len(set(title_keys)) == 1 else None,
        target_dates={key: doc.effective_from or doc.issued_on for key, doc in targets.items()},
    )
    return Reading(operations=operations, targets=targets)


def operations_read_unsaved(act: Act) -> list[Operation]:
    """The operations `act` would store (proposed or listed, with their reasons, by the rules that store them),
    unsaved: what the upload proposal shows before the act is catalogued."""
    reading = read_operations(act)
    shown: list[Operation] = []
    for seq, read in enumerate(reading.operations, start=1):
        op = Operation(seq=seq, origin=Operation.Origin.READER)
        _fill_from_reader(op, read, reading.target_of(read))
        shown.append(op)
    return shown


def propose_operations(*, actor: Any, source: Document, origin: str = "reader") -> list[Operation]:
    """Read `source`'s amending instructions (read_operations) and store them as proposed or listed operations for
    an officer (operations_store_proposal: decisions kept). A document with no instruction stores nothing."""
    if not source.text.strip():
        return []
    reading = read_operations(Act.of(source))
    if not reading.operations and not Operation.objects.filter(source=source, origin=Operation.Origin.READER).exists():
        return []
    return operations_store_proposal(
        actor=actor, source=source, proposal=reading.operations, targets=reading.targets, origin=origin
    )


def propose_for(document_ids: Sequence[int]) -> int:
    """Read each document's instructions (a task's work after a document was created or its text changed);
    returns how many operations were stored. Idempotent: reading again keeps the officers' decisions."""
    stored = 0
    for source in Document.objects.filter(pk__in=list(document_ids)).exclude(text=""):
        stored += len(propose_operations(actor="hệ thống đọc văn bản", source=source))
    return stored
