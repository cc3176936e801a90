"""Catalogue events -> watch events: one per source event, whatever the outbox re-delivers; only public documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from backend.catalogue import services as catalogue
from backend.outbox import consumers
from backend.watching.models import WatchEvent
from tests.catalogue import factories as f

pytestmark = pytest.mark.django_db


def _keys() -> list[str]:
    return sorted(WatchEvent.objects.values_list("key", flat=True))


def test_a_relation_is_one_event_however_often_it_is_delivered(on_commit: Any) -> None:
    with on_commit(execute=True):
        old = f.document("1/2024/QĐ-UBND", issued="2024-01-01", effective="2024-01-11")
        new = f.document("2/2024/QĐ-UBND", issued="2024-02-01", effective="2024-02-11")
        relation = f.relate(new, "replaces", old, "2024-02-11")
    assert f"relation:{relation.pk}" in _keys()
    event = WatchEvent.objects.get(key=f"relation:{relation.pk}")
    assert (event.kind, event.document_id) == ("relation", old.pk)
    assert event.payload["source_number"] == "2/2024/QĐ-UBND" and event.payload["relation_kind"] == "replaces"
    before = _keys()
    deliver = consumers.get("watching.events")
    assert deliver is not None
    payload = {"relation_id": relation.pk, "source_id": new.pk, "target_id": old.pk, "kind": "replaces"}
    with on_commit(execute=True):
        deliver.deliver([payload, payload])
    assert _keys() == before


def test_new_public_documents_and_their_status_changes(on_commit: Any) -> None:
    with on_commit(execute=True):
        doc = f.document("3/2024/QĐ-UBND", issued="2024-01-01", effective="2030-01-01")
    assert f"new:{doc.pk}" in _keys()
    with on_commit(execute=True):
        catalogue.apply_due_transitions(on=dt.date(2030, 1, 1))
    status = WatchEvent.objects.get(key=f"status:{doc.pk}:in_force:2030-01-01")
    assert status.payload["previous_status"] == "not_yet_effective"
    assert status.happened_on == dt.date(2030, 1, 1)
    with on_commit(execute=True):
        catalogue.apply_due_transitions(on=dt.date(2030, 1, 1))  # a second run of the same day
    assert WatchEvent.objects.filter(kind="status", document=doc).count() == 1


def test_drafts_make_no_event_until_published(on_commit: Any) -> None:
    with on_commit(execute=True):
        target = f.document("4/2024/QĐ-UBND", issued="2024-01-01", effective="2024-01-11")
        draft = f.document("5/2024/QĐ-UBND", issued="2024-03-01", effective="2024-03-11", published=False)
        relation = f.relate(draft, "repeals", target, "2024-03-11")
    assert f"new:{draft.pk}" not in _keys()
    assert f"relation:{relation.pk}" not in _keys()
    data = catalogue.DocumentInput(
        number=draft.number,
        doc_type=draft.doc_type,
        issuer=draft.issuer,
        title=draft.title,
        issued_on=draft.issued_on,
        effective_from=draft.effective_from,
        published=True,
    )
    with on_commit(execute=True):
        catalogue.document_update(actor="tests", document=draft, data=data, expected_version=draft.version)
    assert f"new:{draft.pk}" in _keys()
    assert f"relation:{relation.pk}" in _keys()  # told once it is public
    # An edit of a document public all along is no "new" document (its event forgotten, as for a document
    # catalogued before watching existed).
    WatchEvent.objects.filter(key=f"new:{target.pk}").delete()
    with on_commit(execute=True):
        catalogue.document_update(
            actor="tests", document=target, data=_same(target, title="Sửa trích yếu"), expected_version=target.version
        )
    assert f"new:{target.pk}" not in _keys()


def _same(doc: Any, **changes: Any) -> Any:
    doc.refresh_from_db()
    values = {
        "number": doc.number,
        "doc_type": doc.doc_type,
        "issuer": doc.issuer,
        "title": doc.title,
        "issued_on": doc.issued_on,
        "effective_from": doc.effective_from,
        "published": doc.published,
    }
    values.update(changes)
    return catalogue.DocumentInput(**values)


def test_basis_relations_are_not_news(on_commit: Any) -> None:
    with on_commit(execute=True):
        law = f.document("6/2024/QĐ-UBND", issued="2024-01-01", effective="2024-01-11")
        decision = f.document("7/2024/QĐ-UBND", issued="2024-02-01", effective="2024-02-11")
        relation = f.relate(decision, "basis", law, "2024-02-11")
    assert f"relation:{relation.pk}" not in _keys()
