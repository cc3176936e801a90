"""The plain data that crosses the search interface. No Django, no engine types."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol


class SearchError(Exception):
    """Base of the errors the search package raises on purpose."""


class SearchSyntaxError(SearchError, ValueError):
    """The user's query cannot be read. Carries a Vietnamese and an English message (HTTP 400)."""

    def __init__(self, message_vi: str, message_en: str, position: int | None = None) -> None:
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en
        self.position = position


# Bump when search.analysis or search.scoring change what is indexed for the same document (2: pairs with function
# words, the title in the body fields; 3: an unreadable number's serial without its leading zeros, the issued year).
ANALYSIS_VERSION = 3
_SEP, _SEP2 = "\x1f", "\x1e"  # unit and record separators: not in legal text


class EngineUnavailable(SearchError):
    """The engine cannot be reached or is busy (a transient error: index tasks retry it)."""


@dataclass(frozen=True)
class IndexedArticle:
    anchor: str  # "dieu-5", stable within the document (see legal/provisions.py)
    label: str  # "Điều 5"
    title: str
    text: str


@dataclass(frozen=True)
class IndexedDocument:
    id: int
    number: str
    title: str
    text: str
    doc_type: str  # document type code, e.g. "quyet-dinh"
    issuer: str  # authority code, e.g. "UBND-AG"
    fields: tuple[str, ...]  # field codes
    status: str  # the stored (today's) status, one of the validity engine's six values
    issued_on: dt.date
    effective_from: dt.date | None
    published: bool
    articles: tuple[IndexedArticle, ...] = ()
    # The catalogue row's version: an engine never replaces a document by an older version of it (a task that read
    # the row before a later write may reach the index after that write's task). 0: unversioned, always written.
    version: int = 0

    def fingerprint(self) -> str:
        """A hash of everything indexed and of how it is analysed (ANALYSIS_VERSION): reconciliation compares it
        with the one stored in the index, so after an upgrade that analyses text differently every document is
        re-indexed by the next reconciliation, on either engine."""
        # Fields joined by a control character, not JSON: the JSON of a whole document was a quarter of the
        # analysis time of an index build (bench/search_speed.py).
        parts = [
            str(ANALYSIS_VERSION),
            str(self.id),
            self.number,
            self.title,
            self.text,
            self.doc_type,
            self.issuer,
            _SEP2.join(self.fields),
            self.status,
            self.issued_on.isoformat(),
            self.effective_from.isoformat() if self.effective_from else "",
            "1" if self.published else "0",
            str(len(self.articles)),
        ]
        for article in self.articles:
            parts.extend((article.anchor, article.label, article.title, article.text))
        return hashlib.sha1(_SEP.join(parts).encode("utf-8", "surrogatepass")).hexdigest()


class Sort(StrEnum):
    RELEVANCE = "relevance"
    ISSUED_DESC = "-issued_on"
    ISSUED_ASC = "issued_on"
    EFFECTIVE_DESC = "-effective_from"
    EFFECTIVE_ASC = "effective_from"


@dataclass(frozen=True)
class Filters:
    doc_types: tuple[str, ...] = ()
    issuers: tuple[str, ...] = ()  # the caller expands predecessors into this list
    fields: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()  # matched against the stored status
    ids: tuple[int, ...] | None = None  # an allow-list (the caller's answer to "status on another date")
    issued_from: dt.date | None = None
    issued_to: dt.date | None = None
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    published_only: bool = True


FACETS = ("type", "issuer", "field", "status", "year")


@dataclass(frozen=True)
class SearchRequest:
    query: str
    filters: Filters = field(default_factory=Filters)
    sort: Sort = Sort.RELEVANCE
    offset: int = 0
    limit: int = 20
    facets: bool = True
    # Synonym groups (equivalent forms as written) the query is expanded with (search.synonyms.expand); empty: the
    # shipped list (legal.synonyms), so benches and direct engine users get it too. The backend passes shipped +
    # admin groups.
    synonyms: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Hit:
    id: int
    score: float


@dataclass(frozen=True)
class Page:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]  # facet name (FACETS) -> value -> count, over all matches
    # The query as typed found too little, and these are the near matches of its relaxed form (search.forgiving):
    # ``exact_total`` documents had everything the query asked for (they come first), ``suggestion`` is the query
    # corrected ("did you mean"), when a word or a number was corrected.
    relaxed: bool = False
    exact_total: int | None = None
    suggestion: str | None = None


@dataclass(frozen=True)
class Suggestion:
    id: int
    number: str
    title: str


class Engine(Protocol):
    """What both engines implement, with the same behaviour (tests/search runs one suite on each)."""

    name: str

    def upsert(self, documents: list[IndexedDocument]) -> None: ...

    def delete(self, ids: list[int]) -> None: ...

    def search(self, request: SearchRequest) -> Page: ...

    def suggest(self, prefix: str, *, limit: int = 10, published_only: bool = True) -> list[Suggestion]: ...

    def more_like_this(self, doc_id: int, *, limit: int = 10, published_only: bool = True) -> list[Hit]: ...

    def fingerprints(self) -> dict[int, str]: ...

    def rebuild(self, documents: Any) -> int: ...

    def health(self) -> dict[str, Any]: ...

    def close(self) -> None: ...
