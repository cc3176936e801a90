"""Keep the search index equal to the catalogue: upsert on change, reconcile periodically, rebuild on demand; and
the admins' synonym groups (audited; the cached groups are forgotten after each write)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q

from backend.audit import services as audit
from backend.catalogue.models import Document
from backend.catalogue.selectors import today
from backend.consolidation.models import Operation
from backend.core.errors import invalid
from backend.core.tasks import enqueue
from backend.searching import engine
from backend.searching.documents import indexed_documents
from backend.searching.handlers import TASK_IDS
from backend.searching.models import SearchSynonym
from backend.searching.selectors import forget_synonyms
from search.synonyms import form_syllables

BATCH = 500


def index_documents(ids: Iterable[int]) -> tuple[int, int]:
    """Upsert the documents with `ids` that exist and delete the others. Idempotent; returns (upserted, deleted)."""
    wanted = sorted(set(ids))
    found = list(indexed_documents(wanted))
    missing = sorted(set(wanted) - {doc.id for doc in found})
    current = engine.current()
    for start in range(0, len(found), BATCH):
        current.upsert(found[start : start + BATCH])
    if missing:
        current.delete(missing)
    return len(found), len(missing)


def reindex_texts_taking_effect(on: dt.date | None = None) -> list[int]:
    """Enqueue the indexing of the documents whose text in force changes on `on` (default today): the targets of
    confirmed operations of published documents that apply that day, or whose suspension ends that day. Nothing
    is forgotten or built: the stored texts are per date already, and indexing reads the one in force. Idempotent.
    Returns the ids."""
    day = on or today()
    due = Operation.objects.filter(state="confirmed", source__published=True, target__isnull=False).filter(
        Q(applies_on=day) | Q(ends_on=day)
    )
    ids = sorted(set(due.values_list("target_id", flat=True)))
    for start in range(0, len(ids), TASK_IDS):
        enqueue("search.index_documents", ids[start : start + TASK_IDS])
    return ids


@dataclass(frozen=True)
class ReconcileReport:
    checked: int
    upserted: int
    deleted: int


def reconcile() -> ReconcileReport:
    """Compare every document's fingerprint with the index and repair the differences.

    Catches what a lost message missed: an update made while the broker or the engine was down.
    """
    current = engine.current()
    in_index = current.fingerprints()
    stale: list[int] = []
    checked = 0
    for doc in indexed_documents():
        checked += 1
        if in_index.pop(doc.id, None) != doc.fingerprint():
            stale.append(doc.id)
    extra = sorted(in_index)  # indexed, but no longer in the catalogue
    upserted, _ = index_documents(stale) if stale else (0, 0)
    if extra:
        current.delete(extra)
    return ReconcileReport(checked=checked, upserted=upserted, deleted=len(extra))


def rebuild(progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index from the catalogue (on Elasticsearch: a new index, then an alias swap)."""
    total = Document.objects.count()
    done = 0

    def documents() -> Iterable:  # type: ignore[type-arg]
        nonlocal done
        for doc in indexed_documents():
            done += 1
            if progress and (done % 200 == 0 or done == total):
                progress(done, total)
            yield doc

    return engine.current().rebuild(documents())


# --- synonym groups (admins extend the shipped list, legal/synonyms.py) ------------------------------------------

MAX_FORMS = 10  # forms in one group
MAX_FORM_CHARS = 100
MAX_FORM_SYLLABLES = 12
MAX_SYNONYMS = 500  # groups admins may keep (active or not): each is matched against every query


def clean_forms(forms: Sequence[str]) -> list[str]:
    """The forms of a group, trimmed, each once; a 400 on `forms` unless there are two distinct ones (as search
    matches them: folded syllables, so "ATTP" and "attp" are one), each with a letter, within the bounds."""
    cleaned = list(dict.fromkeys(" ".join(str(f).split()) for f in forms if str(f).strip()))
    problems: list[str] = []
    if len(cleaned) > MAX_FORMS:
        problems.append(f"Tối đa {MAX_FORMS} cách viết / At most {MAX_FORMS} forms.")
    for form in cleaned:
        if len(form) > MAX_FORM_CHARS or len(form_syllables(form)) > MAX_FORM_SYLLABLES:
            problems.append(
                f"«{form[:40]}»: tối đa {MAX_FORM_CHARS} ký tự và {MAX_FORM_SYLLABLES} tiếng / "
                f"at most {MAX_FORM_CHARS} characters and {MAX_FORM_SYLLABLES} syllables."
            )
        elif not any(ch.isalpha() for ch in form):
            problems.append(f"«{form[:40]}»: cần ít nhất một chữ cái / needs at least one letter.")
    if len({form_syllables(f) for f in cleaned}) < 2:
        problems.append(
            "Cần ít nhất hai cách viết khác nhau (không tính hoa/thường, dấu và dấu câu) / "
            "At least two different forms are needed (case, diacritics and punctuation aside)."
        )
    if problems:
        raise invalid({"forms": problems})
    return cleaned


def _forget_after_commit() -> None:
    transaction.on_commit(forget_synonyms)


@transaction.atomic
def add_synonym(*, actor: Any, forms: Sequence[str], note: str = "") -> SearchSynonym:
    cleaned = clean_forms(forms)
    if SearchSynonym.objects.count() >= MAX_SYNONYMS:
        raise invalid(
            {
                "forms": [
                    f"Đã có {MAX_SYNONYMS} nhóm: hãy xóa nhóm không dùng trước / "
                    f"There are {MAX_SYNONYMS} groups already: delete unused ones first."
                ]
            }
        )
    synonym = SearchSynonym.objects.create(
        forms=cleaned, note=note.strip(), created_by=actor if getattr(actor, "is_authenticated", False) else None
    )
    audit.record(actor=actor, action="create", instance=synonym, before=None, after=audit.snapshot(synonym))
    _forget_after_commit()
    return synonym


@transaction.atomic
def update_synonym(
    *,
    actor: Any,
    synonym: SearchSynonym,
    forms: Sequence[str] | None = None,
    note: str | None = None,
    active: bool | None = None,
) -> SearchSynonym:
    """Change a group's forms, note or whether it is used (deactivate keeps it, to turn it on again)."""
    row = SearchSynonym.objects.select_for_update().get(pk=synonym.pk)
    before = audit.snapshot(row)
    if forms is not None:
        row.forms = clean_forms(forms)
    if note is not None:
        row.note = note.strip()
    if active is not None:
        row.active = active
    row.save()
    after = audit.snapshot(row)
    if audit.diff(before, after).keys() - {"updated_at"}:
        audit.record(actor=actor, action="update", instance=row, before=before, after=after)
        _forget_after_commit()
    return row


@transaction.atomic
def delete_synonym(*, actor: Any, synonym: SearchSynonym) -> None:
    audit.record(actor=actor, action="delete", instance=synonym, before=audit.snapshot(synonym), after=None)
    synonym.delete()
    _forget_after_commit()
