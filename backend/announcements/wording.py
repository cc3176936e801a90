"""How a list row words its reason ("Bị thay thế bởi văn bản số 20/2025/QĐ-UBND"): the one copy of that wording,
used by the .docx/.xlsx exports, the API (``reason_text``) and so the web pages, so they never disagree."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from backend.announcements.models import AnnouncementRow
from backend.catalogue.validity import REASON_LABELS, Reason


def reason_text(
    reason: str,
    caused_by: Iterable[Mapping[str, Any]] | None,
    provisions: Iterable[Mapping[str, Any]] | None = None,
    *,
    partial: bool = False,
) -> str:
    """The reason of a row: "Bị thay thế bởi văn bản số …"; listed in part, its provisions first ("Điều 3: …")."""
    try:
        label = REASON_LABELS[Reason(reason)]["vi"]
    except ValueError:
        label = reason
    causes = ", ".join(f"số {c['number']}" for c in caused_by or [])
    text = f"{label} bởi văn bản {causes}" if causes else label
    named = [p["provision"] for p in provisions or []]
    if partial and named:
        text = f"{', '.join(named)}: {text[0].lower()}{text[1:]}"
    return text


def row_reason(row: AnnouncementRow) -> str:
    return reason_text(row.reason, row.caused_by, row.provisions, partial=row.scope == AnnouncementRow.Scope.PARTIAL)
