"""The public lookup's answer: a number in any spelling (and an issuer, a date) → the published documents with that
number and the status of each on that date, as the JSON bytes the API sends.

The path is view → here → selectors → the validity engine. The bytes are cached whole (number key, issuer,
date, language), and so are a number's date-independent facts (its documents and their incoming relations), so a
new date for a known number is evaluated without the database (lookup_cache.py says when they go stale). The
answer is encoded here, not by DRF, because the cached bytes are what a GET returns (catalogue/api/public.py).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from backend.catalogue import lookup_cache, selectors, validity
from backend.catalogue.validity import Validity
from backend.core.errors import as_application_error
from legal import numbers


def answer_json(raw_number: str, *, issuer: str | None, on: dt.date | None, lang: str) -> bytes:
    """The answer's JSON ({"results": [...], "on": ...}) for a number that is not blank; `on` defaults to today.
    An unreadable number is an ApplicationError on `number` (invalid_number)."""
    on = on or selectors.today()
    try:
        key = numbers.lookup_key(raw_number)
    except numbers.NumberError as exc:
        raise as_application_error(exc, field="number", code="invalid_number") from exc
    caching = lookup_cache.enabled()
    slot, cached = lookup_cache.get(("answer", key, issuer or "", on.isoformat(), lang)) if caching else (None, None)
    if cached is not None:
        return bytes(cached)
    rows, incoming = _facts(raw_number, key, issuer, caching)
    results = [
        lookup_result(row, validity.evaluate(row.facts, incoming.get(row.facts.id, ()), on), lang) for row in rows
    ]
    body = json_bytes({"results": results, "on": on.isoformat()})
    if slot is not None:
        lookup_cache.put(slot, body)
    return body


def lookup_result(row: selectors.LookupRow, answer: Validity, lang: str) -> dict[str, Any]:
    """One document of the answer (described for the schema by catalogue/api/answers.LookupAnswerSerializer)."""
    facts, data = row.facts, answer.to_dict()
    return {
        "id": facts.id,
        "number": facts.number,
        "title": row.title,
        "issuer": {"code": row.issuer_code, "name": row.issuer_name},
        "type": row.type_name,
        "issued_on": facts.issued_on.isoformat() if facts.issued_on else None,
        "effective_from": facts.effective_from.isoformat() if facts.effective_from else None,
        "status": data["status"],
        "status_label": answer.label(lang),
        "reason": data["reason"],
        "since": data["since"],
        "caused_by": [_cause(c) for c in data["caused_by"]],
        "provisions": [
            {"provision": p["provision"], "status": p["status"], "caused_by": [_cause(c) for c in p["caused_by"]]}
            for p in data["provisions"]
        ],
        "on": data["on"],
    }


def json_bytes(data: Any) -> bytes:
    """As DRF's JSONRenderer writes it: UTF-8, compact."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _cause(item: dict[str, Any]) -> dict[str, Any]:
    return {"number": item["number"], "kind": item["kind"], "effective_on": item["effective_on"]}


def _facts(
    raw: str, key: str, issuer: str | None, caching: bool
) -> tuple[list[selectors.LookupRow], dict[int, list[validity.RelationFacts]]]:
    """The number's documents and their incoming relations: what the answer depends on, whatever the date."""
    slot, cached = lookup_cache.get(("facts", key, issuer or "")) if caching else (None, None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    rows = selectors.lookup_rows(raw, issuer_code=issuer)
    incoming = selectors.incoming_facts(row.facts.id for row in rows)
    if slot is not None:
        lookup_cache.put(slot, (rows, incoming))
    return rows, incoming
