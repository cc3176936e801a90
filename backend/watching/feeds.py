"""Atom feeds of what happens to public documents: per document, per issuer, per field, and the recent changes.
Django's syndication framework writes the Atom 1.0 (`Atom1Feed`); entry ids are `tag:` URIs of the watch event
(stable across hosts and reloads: the host is the site's, HIEULUC_SITE_URL), `updated` is when it was recorded.
A draft, an unknown document, issuer or field is a 404."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.feedgenerator import Atom1Feed

from backend.catalogue.models import Authority, Document, Field
from backend.core import throttling
from backend.core.api import throttled
from backend.watching import messages, selectors
from backend.watching.models import WatchEvent

SCOPE = "public"


def _tag_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


class _EventFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    author_name = "Hiệu Lực"
    language = "vi"

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        wait = throttling.check(request, SCOPE)
        if wait is not None:
            error = throttled(wait)
            answer = HttpResponse(error.message_vi, status=429, content_type="text/plain; charset=utf-8")
            answer["Retry-After"] = str(error.extra["retry_after"])
            return answer
        return super().__call__(request, *args, **kwargs)

    def feed_guid(self, obj: Any) -> str:
        return f"tag:{_tag_host()},2026:feed{self.path(obj)}"

    def path(self, obj: Any) -> str:
        raise NotImplementedError

    def feed_url(self, obj: Any) -> str:
        return self.path(obj)

    def item_title(self, item: WatchEvent) -> str:
        return messages.describe(item, selectors.document_label(item.document))[0]

    def item_description(self, item: WatchEvent) -> str:
        vi, en = messages.describe(item, selectors.document_label(item.document))
        return f"{vi}\n{en}"

    def item_link(self, item: WatchEvent) -> str:
        return f"/van-ban/{item.document_id}"

    def item_guid(self, item: WatchEvent) -> str:
        return f"tag:{_tag_host()},2026:watch-event/{item.pk}"

    def item_guid_is_permalink(self, item: WatchEvent) -> bool:
        return False

    def item_updateddate(self, item: WatchEvent) -> dt.datetime:
        return item.created_at

    def item_pubdate(self, item: WatchEvent) -> dt.datetime:
        return item.created_at


class DocumentFeed(_EventFeed):
    def get_object(self, request: HttpRequest, pk: int) -> Document:
        document = selectors.public_document(pk)
        if document is None:
            raise Document.DoesNotExist
        return document

    def path(self, obj: Document) -> str:
        return f"/feeds/documents/{obj.pk}.atom"

    def title(self, obj: Document) -> str:
        return f"Theo dõi văn bản: {selectors.document_label(obj)}"

    def link(self, obj: Document) -> str:
        return f"/van-ban/{obj.pk}"

    def subtitle(self, obj: Document) -> str:
        return "Thay đổi tình trạng hiệu lực và văn bản tác động / Status changes and acting documents"

    def items(self, obj: Document) -> QuerySet[WatchEvent]:
        return selectors.events_of_document(obj)


class IssuerFeed(_EventFeed):
    def get_object(self, request: HttpRequest, code: str) -> Authority:
        return Authority.objects.get(code=code)

    def path(self, obj: Authority) -> str:
        return f"/feeds/issuers/{obj.code}.atom"

    def title(self, obj: Authority) -> str:
        return f"Văn bản của {obj.name}"

    def link(self, obj: Authority) -> str:
        return f"/?issuer={obj.code}"

    def items(self, obj: Authority) -> QuerySet[WatchEvent]:
        return selectors.events_of_issuer(obj)


class FieldFeed(_EventFeed):
    def get_object(self, request: HttpRequest, code: str) -> Field:
        return Field.objects.get(code=code)

    def path(self, obj: Field) -> str:
        return f"/feeds/fields/{obj.code}.atom"

    def title(self, obj: Field) -> str:
        return f"Văn bản lĩnh vực {obj.name}"

    def link(self, obj: Field) -> str:
        return f"/?field={obj.code}"

    def items(self, obj: Field) -> QuerySet[WatchEvent]:
        return selectors.events_of_field(obj)


class RecentFeed(_EventFeed):
    def get_object(self, request: HttpRequest) -> None:
        return None

    def path(self, obj: None) -> str:
        return "/feeds/recent.atom"

    def title(self, obj: None) -> str:
        return "Hiệu Lực: thay đổi gần đây"

    def link(self, obj: None) -> str:
        return "/"

    def items(self, obj: None) -> QuerySet[WatchEvent]:
        return selectors.recent_events()
