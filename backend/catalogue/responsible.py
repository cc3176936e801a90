"""A document's responsible organisation (cơ quan chủ trì soạn thảo), as the catalogue finds it: by code (the form),
by code or name (an import), by the body a decision's preamble names (an upload), and "this organisation and its
predecessors and descendants" (the document list's filter).

The organisations room imports the catalogue (an organisation manages fields; plans share documents out), so the
catalogue never imports it: it reaches the model through `Document.responsible`'s related model, and the one
lookup that is the organisations room's own (its tree: `organisations.selectors.subtree`) is registered by that
room at start (`use_subtree`, called in `OrganisationsConfig.ready`), as the audit and accounts rooms learn
about organisations (decision 0023, "As built").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from backend.catalogue.models import Document
from legal.numbers import fold

_subtree: Callable[[str], frozenset[int]] | None = None


def organisation_model() -> Any:
    return Document._meta.get_field("responsible").related_model


def use_subtree(lookup: Callable[[str], frozenset[int]]) -> None:
    """Register the organisations room's tree walk (the organisation, its descendants and predecessors)."""
    global _subtree
    _subtree = lookup


def subtree(code: str) -> frozenset[int]:
    """The ids of the organisation coded `code`, its descendants and predecessors; raises the organisations room's
    ApplicationError for an unknown code. Without the room (never in this project) only the organisation itself."""
    if _subtree is not None:
        return _subtree(code)
    return frozenset(organisation_model().objects.filter(code=code).values_list("pk", flat=True))


def by_code(code: str) -> Any | None:
    return organisation_model().objects.filter(code=code).first()


# "… tỉnh An Giang", "… tỉnh": the province a body's full name ends with; a decision names "Sở Tài chính" or
# "Công an tỉnh", the list "Sở Tài chính tỉnh An Giang" and "Công an tỉnh An Giang".
_PROVINCE_SUFFIX = re.compile(r"\s+tinh(?!\s+uy\b)(?:\s+.*)?$")  # not "Văn phòng Tỉnh ủy"
_ABBREVIATIONS = ((re.compile(r"\bubnd\b"), "uy ban nhan dan"), (re.compile(r"\bhdnd\b"), "hoi dong nhan dan"))


def name_key(name: str) -> str:
    """A body's name folded for comparison: no diacritics, lower case, single spaces, no "tỉnh <province>" end."""
    folded = " ".join(fold(name).lower().replace("–", "-").split())
    for short, long in _ABBREVIATIONS:
        folded = short.sub(long, folded)
    return _PROVINCE_SUFFIX.sub("", folded)


def by_code_or_name(text: str) -> list[Any]:
    """An import's `responsible` cell: the organisation with that code, else those whose name is this one, folded
    (the full name first, then without the "tỉnh …" end). Several when a name is ambiguous; none when unknown."""
    value = " ".join(text.split())
    found = by_code(value)
    if found is not None:
        return [found]
    everything = list(organisation_model().objects.all())
    full = " ".join(fold(value).lower().split())
    same = [org for org in everything if " ".join(fold(org.name).lower().split()) == full]
    if same:
        return same
    key = name_key(value)
    return [org for org in everything if key and name_key(org.name) == key]


def _active_on(org: Any, on: dt.date | None) -> bool:
    if on is None:
        return org.succeeded_by_id is None and org.valid_until is None
    return (org.valid_from is None or org.valid_from <= on) and (org.valid_until is None or on <= org.valid_until)


def match_body(body: str, on: dt.date | None) -> Any | None:
    """The organisation a decision's "Theo đề nghị của …" names (`body`, e.g. "Sở Tài chính"): one whose name,
    folded and without "tỉnh <province>", equals the body's or starts with it; of several, the exact name first, then
    the one active on `on` (the issue date: "Sở Kế hoạch và Đầu tư" before its 2025 merger), then by code."""
    key = name_key(body)
    if not key:
        return None
    candidates = []
    for org in organisation_model().objects.all():
        org_key = name_key(org.name)
        if org_key == key or org_key.startswith(key + " "):
            candidates.append((org_key != key, not _active_on(org, on), org.code, org))
    return min(candidates, key=lambda c: c[:3])[3] if candidates else None


def brief(org: Any | None) -> dict[str, str] | None:
    """How answers show it: {code, name}, or None."""
    return {"code": org.code, "name": org.name} if org is not None else None
