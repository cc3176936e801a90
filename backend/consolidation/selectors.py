"""Reads of amending operations, already limited to what the caller may see."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.db.models import Q, QuerySet

from backend.accounts.roles import Role, has_role
from backend.catalogue.models import Document
from backend.catalogue.selectors import today
from backend.consolidation import texts
from backend.consolidation.models import Operation
from backend.core.errors import ApplicationError
from legal import consolidate


def operations_for(user: Any) -> QuerySet[Operation]:
    """Every operation for reviewers and officers (they check what the reader proposed and listed); for anyone
    else, the confirmed operations between published documents: what the text on a date is built from."""
    qs = Operation.objects.select_related("source__issuer", "target__issuer", "decided_by")
    if has_role(user, Role.REVIEWER):
        return qs
    return qs.filter(Q(state="confirmed") & Q(source__published=True) & Q(target__published=True))


# --- the text on a date ----------------------------------------------------------------------------------------


def readable_document(user: Any, document_id: int) -> Document:
    """The document if `user` may read it (drafts: reviewers and officers), else a 404."""
    readable = Document.objects.all() if has_role(user, Role.REVIEWER) else Document.objects.filter(published=True)
    # One query, without the stored text and structure (decoding a 300-article structure's JSON took 7 ms of a
    # 22 ms answer): a stored version does not need them, and a build loads them when it does.
    found = readable.filter(pk=document_id).defer("text", "structure").first()
    if found is None:
        raise ApplicationError("not_found", "Không tìm thấy văn bản.", "No such document.", status=404)
    return found


def text_answer(user: Any, document_id: int, on: dt.date | None) -> bytes:
    """The JSON answer of the text on `on` (default today): the stored version's bytes as they are."""
    document = readable_document(user, document_id)
    day = on or today()
    body = texts.version_body(document, day)
    head = json.dumps({"document": document.pk, "on": day.isoformat()}).encode()[:-1]
    return head + b',"version":' + (body if body is not None else b"null") + b"}"


def text_version(user: Any, document_id: int, on: dt.date | None) -> tuple[Document, dt.date, Any]:
    """(document with its issuer and type, the day, the version in force that day as the text answer's `version`
    or None), for the .docx export."""
    readable_document(user, document_id)
    document = Document.objects.select_related("issuer", "doc_type").get(pk=document_id)
    day = on or today()
    body = texts.version_body(document, day)
    return document, day, json.loads(body) if body is not None else None


def versions_answer(user: Any, document_id: int) -> dict[str, Any]:
    """The dates on which the text changed and why; what the applier held back is for staff only."""
    document = readable_document(user, document_id)
    built = texts.build_of(document)
    answer: dict[str, Any] = {
        "document": document.pk,
        "base_from": built.base_from,
        "versions": built.versions,
        "sources": built.sources,
    }
    answer["held"] = built.held if has_role(user, Role.REVIEWER) else []
    return answer


def compare_answer(user: Any, document_id: int, first: dt.date, second: dt.date) -> dict[str, Any]:
    """Per provision, what changed between the versions in force on two dates (added, repealed, reworded…)."""
    document = readable_document(user, document_id)
    before, after = texts.version_of(document, first), texts.version_of(document, second)
    changes = consolidate.compare(before, after) if before is not None and after is not None else []
    return {
        "document": document.pk,
        "first_on": first,
        "second_on": second,
        "first_version": before.valid_from if before else None,
        "second_version": after.valid_from if after else None,
        "changes": changes,
    }
