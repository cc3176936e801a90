"""The reads of watching: what a target names (checked, with its human label), who follows an event, and the
events a feed shows. Only published documents are ever named or shown."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from backend.catalogue import filters
from backend.catalogue import selectors as catalogue
from backend.catalogue.models import Authority, Document, Field
from backend.core.errors import ApplicationError, invalid
from backend.watching.models import Kind, Subscription, WatchEvent, Webhook


def document_label(document: Document) -> str:
    """ "Quyết định 12/2024/QĐ-UBND về …": the type, the number and the title, as a reader names it."""
    title = " ".join(document.title.split())
    if len(title) > 160:
        title = title[:159].rstrip() + "…"
    return f"{document.doc_type.name} {document.number} {title}"


def document_id(target: str) -> int | None:
    """A document target's id, or None: ASCII digits within a bigint ("²" is a digit to str.isdigit)."""
    text = target.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def _target_error(vi: str, en: str) -> ApplicationError:
    return invalid({"target": [f"{vi} / {en}"]})


def search_params(target: str) -> dict[str, Any]:
    """A saved search's filters: a JSON object of the document list's parameters, or words (the list's `q`)."""
    text = target.strip()
    if text.startswith("{"):
        try:
            params = json.loads(text)
        except ValueError:
            params = None
        if not isinstance(params, dict):
            raise _target_error("Tìm kiếm đã lưu phải là đối tượng JSON.", "A saved search must be a JSON object.")
    else:
        params = {"q": text}
    known = filters.filter_names()
    params = {str(k): v for k, v in params.items() if k in known and k != "published"}
    for value in params.values():
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(item, str | int | bool) for item in items):
            raise _target_error("Giá trị tìm kiếm không hợp lệ.", "A search value is not valid.")
    if not params or all(v in ("", []) for v in params.values()):
        raise _target_error("Tìm kiếm đã lưu không có điều kiện nào.", "The saved search has no condition.")
    return params


def _search_matches(params: dict[str, Any], ids: Iterable[int]) -> set[int]:
    """The documents among `ids` the document list would show for `params` (public ones only)."""
    found = filters.documents_matching(params).filter(pk__in=list(ids), published=True)
    return set(found.values_list("pk", flat=True))


def check_target(kind: str, target: str) -> str:
    """The target as stored (stripped), or a 400 on `target`: an unknown id or code, a document not public, a
    search that is not one the document list can run."""
    target = target.strip()
    if kind == Kind.DOCUMENT:
        pk = document_id(target)
        if pk is None or not Document.objects.filter(pk=pk, published=True).exists():
            raise _target_error("Không có văn bản công khai này.", "No such public document.")
        return str(pk)
    if kind == Kind.ISSUER:
        if not Authority.objects.filter(code=target).exists():
            raise _target_error("Không có cơ quan ban hành mã này.", "No issuing authority has this code.")
        return target
    if kind == Kind.FIELD:
        if not Field.objects.filter(code=target).exists():
            raise _target_error("Không có lĩnh vực mã này.", "No field has this code.")
        return target
    params = search_params(target)
    try:
        _search_matches(params, [])
    except ApplicationError as exc:
        errors = exc.extra.get("errors") or {exc.field or "q": [f"{exc.message_vi} / {exc.message_en}"]}
        messages = [
            f"Tìm kiếm đã lưu không hợp lệ ({name}: {message}) / The saved search is not valid ({name}: {message})"
            for name, items in errors.items()
            for message in items
        ]
        raise invalid({"target": messages}) from exc
    return target


def label(kind: str, target: str) -> str:
    """The followed thing's human name: a document's type, number and title; an issuer's or a field's name; the
    search's words. "" when it no longer exists."""
    if kind == Kind.DOCUMENT:
        pk = document_id(target)
        document = Document.objects.select_related("doc_type").filter(pk=pk).first() if pk is not None else None
        return document_label(document) if document is not None else ""
    if kind == Kind.ISSUER:
        return str(Authority.objects.filter(code=target).values_list("name", flat=True).first() or "")
    if kind == Kind.FIELD:
        return str(Field.objects.filter(code=target).values_list("name", flat=True).first() or "")
    try:
        params = search_params(target)
    except ApplicationError:
        return target
    words = params.get("q") or params.get("number")
    if words and not isinstance(words, list):
        return str(words)
    return ", ".join(f"{k}={v}" for k, v in sorted(params.items()))


# --- who follows an event ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Targets:
    """What an event concerns, as subscription targets: the documents it names (a relation names both ends),
    and, for a new document, its issuer, fields and the document itself for saved searches."""

    documents: frozenset[str]
    issuers: frozenset[str]
    fields: frozenset[str]
    search_document: int | None


def event_targets(event: WatchEvent) -> Targets:
    document = event.document
    documents = {str(document.pk)}
    if event.kind == WatchEvent.EventKind.RELATION and event.payload.get("source_id"):
        documents.add(str(event.payload["source_id"]))
    if event.kind != WatchEvent.EventKind.NEW:
        # Issuers, fields and searches are told of new documents (issue #16: "a new document matches"); the
        # changes of a document are for its own followers.
        return Targets(frozenset(documents), frozenset(), frozenset(), None)
    fields = frozenset(document.fields.values_list("code", flat=True))
    return Targets(frozenset(documents), frozenset({document.issuer.code}), fields, document.pk)


def _followers_filter(targets: Targets, live_search_targets: Iterable[str]) -> Q:
    condition = Q(kind=Kind.DOCUMENT, target__in=sorted(targets.documents))
    if targets.issuers:
        condition |= Q(kind=Kind.ISSUER, target__in=sorted(targets.issuers))
    if targets.fields:
        condition |= Q(kind=Kind.FIELD, target__in=sorted(targets.fields))
    if targets.search_document is not None:
        matching = [t for t in live_search_targets if _search_matches_safely(t, targets.search_document)]
        if matching:
            condition |= Q(kind=Kind.SEARCH, target__in=matching)
    return condition


def _search_matches_safely(target: str, document_id: int) -> bool:
    try:
        return bool(_search_matches(search_params(target), [document_id]))
    except ApplicationError:  # a saved search the filters no longer accept matches nothing
        return False


def live_subscriptions() -> QuerySet[Subscription]:
    """Confirmed and not unsubscribed: the only ones anything but a confirmation is sent to."""
    return Subscription.objects.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True).exclude(email=None)


def followers(event: WatchEvent) -> QuerySet[Subscription]:
    """The live subscriptions this event is owed to."""
    targets = event_targets(event)
    searches: list[str] = []
    if targets.search_document is not None:
        searches = list(live_subscriptions().filter(kind=Kind.SEARCH).values_list("target", flat=True).distinct())
    return live_subscriptions().filter(_followers_filter(targets, searches))


def webhooks_for(event: WatchEvent) -> QuerySet[Webhook]:
    targets = event_targets(event)
    searches: list[str] = []
    if targets.search_document is not None:
        searches = list(Webhook.objects.filter(active=True, kind=Kind.SEARCH).values_list("target", flat=True))
    return Webhook.objects.filter(active=True).filter(_followers_filter(targets, searches))


# --- feeds ---------------------------------------------------------------------------------------------------

FEED_SIZE = 50


def public_events() -> QuerySet[WatchEvent]:
    return WatchEvent.objects.filter(document__published=True).select_related(
        "document", "document__doc_type", "document__issuer"
    )


def events_of_document(document: Document) -> QuerySet[WatchEvent]:
    """Its own events and the relations it records on others (it amends, replaces, repeals them)."""
    acting = Q(kind=WatchEvent.EventKind.RELATION, payload__source_id=document.pk)
    return public_events().filter(Q(document=document) | acting)[:FEED_SIZE]


def events_of_issuer(authority: Authority) -> QuerySet[WatchEvent]:
    return public_events().filter(document__issuer=authority)[:FEED_SIZE]


def events_of_field(field: Field) -> QuerySet[WatchEvent]:
    return public_events().filter(document__fields=field)[:FEED_SIZE]


def recent_events() -> QuerySet[WatchEvent]:
    return public_events()[:FEED_SIZE]


def public_document(pk: int) -> Document | None:
    return catalogue.document_queryset(include_drafts=False).filter(pk=pk).first()


def webhooks_readable_by(user: Any) -> QuerySet[Webhook]:
    """The webhooks a user manages: every one for the province's coordinators (scope_of), else their own (a
    department's officer does not read another's receiver addresses)."""
    from backend.organisations.scope import scope_of

    hooks = Webhook.objects.select_related("owner").order_by("pk")
    return hooks if scope_of(user).province else hooks.filter(owner_id=user.pk)
