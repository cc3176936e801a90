"""Reviews that open by themselves when a legal basis changes, and recommendations that close by themselves.

Celery runs in-process here (no REDIS_URL in the tests), so the events' tasks, and the fan-out's group, run when
the write's transaction commits, as they would on a worker.
"""

from __future__ import annotations

from typing import Any

import pytest

from backend.audit.models import AuditEntry
from backend.catalogue import services as catalogue_services
from backend.catalogue.validity import RelationKind
from backend.reviews.models import Recommendation, ReviewPlan, ReviewTask
from backend.reviews.workflow import Outcome
from tests.catalogue import factories as f
from tests.conftest import d
from workers import tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def basis(db: None, django_capture_on_commit_callbacks: Any) -> dict[str, Any]:
    with django_capture_on_commit_callbacks(execute=True):
        f.authority("QH", level="central")
        f.authority("UBND-AG")
        law = f.document("45/2019/QH14", issuer="QH", issued="2019-11-20", effective="2021-01-01")
        resting = f.document("10/2021/QĐ-UBND", issued="2021-03-01", effective="2021-03-15")
        detailing = f.document("11/2021/QĐ-UBND", issued="2021-04-01", effective="2021-04-15")
        unrelated = f.document("12/2021/QĐ-UBND", issued="2021-05-01", effective="2021-05-15")
        f.relate(resting, "basis", law, "2021-03-15")
        f.relate(detailing, "details", law, "2021-04-15")
        f.relate(unrelated, "basis", resting, "2021-05-15")  # rests on a dependent, not on the law
    assert not ReviewPlan.objects.exists()  # a basis relation changes nothing by itself
    return {"law": law, "resting": resting, "detailing": detailing, "unrelated": unrelated}


def test_replacing_a_basis_opens_reviews_of_its_dependents(
    basis: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        new_law = f.document("99/2025/QH15", issuer="QH", issued="2025-06-01", effective="2026-01-01")
        relation = f.relate(new_law, "replaces", basis["law"], "2026-01-01")
    plan = ReviewPlan.objects.get()
    assert plan.kind == "triggered" and plan.owner is None
    assert plan.trigger_key == f"relation:{relation.pk}:replaces:{basis['law'].pk}"
    assert "45/2019/QH14" in plan.title and "99/2025/QH15" in plan.title
    tasks_made = ReviewTask.objects.filter(plan=plan).order_by("document__number")
    assert [t.document.number for t in tasks_made] == ["10/2021/QĐ-UBND", "11/2021/QĐ-UBND"]
    trigger = tasks_made[0].trigger
    assert trigger["event"] == "replaces" and trigger["number"] == "45/2019/QH14"
    assert trigger["cause_number"] == "99/2025/QH15" and trigger["label_vi"].startswith("Căn cứ 45/2019/QH14")
    assert AuditEntry.objects.filter(object_type="reviews.reviewtask", actor_label="system").count() == 2

    # Re-running the event's task (a retry, a redelivery) creates nothing twice.
    again = tasks.reviews_on_relation_added(relation.pk)
    assert again["plan"] == plan.pk
    assert ReviewPlan.objects.count() == 1 and ReviewTask.objects.count() == 2


def test_a_relation_edited_to_act_on_another_document_opens_that_documents_reviews(
    basis: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        other_law = f.document("46/2019/QH14", issuer="QH", issued="2019-06-01", effective="2020-01-01")
        resting_on_other = f.document("13/2021/QĐ-UBND", issued="2021-06-01", effective="2021-06-15")
        f.relate(resting_on_other, "basis", other_law, "2021-06-15")
        new_law = f.document("99/2025/QH15", issuer="QH", issued="2025-06-01", effective="2026-01-01")
        relation = f.relate(new_law, "replaces", basis["law"], "2026-01-01")  # recorded against the wrong law
    first = ReviewPlan.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        catalogue_services.relation_update(
            actor="tests",
            relation=relation,
            data=catalogue_services.RelationInput(
                source=new_law, target=other_law, kind=RelationKind.REPLACES, effective_on=d("2026-01-01")
            ),
            expected_version=relation.version,
        )
    second = ReviewPlan.objects.exclude(pk=first.pk).get()
    assert "46/2019/QH14" in second.title and second.scope == {"basis_of": other_law.pk}
    assert [t.document.number for t in ReviewTask.objects.filter(plan=second)] == ["13/2021/QĐ-UBND"]
    assert ReviewTask.objects.filter(plan=first).count() == 2  # the first event's reviews stay for the officers


def test_the_fan_out_is_chunked_and_idempotent(
    basis: dict[str, Any], django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tasks, "FANOUT_CHUNK", 1)
    with django_capture_on_commit_callbacks(execute=True):
        new_law = f.document("99/2025/QH15", issuer="QH", issued="2025-06-01", effective="2026-01-01")
        relation = f.relate(new_law, "amends", basis["law"], "2026-01-01", provisions=["Điều 3"])
    assert ReviewTask.objects.count() == 2
    plan = ReviewPlan.objects.get()
    # A chunk that ran before (a worker died after committing it) is skipped.
    ids = [basis["resting"].pk, basis["detailing"].pk]
    assert tasks.create_review_tasks(plan.pk, ids, {"event": "amends"}) == 0
    assert ReviewTask.objects.count() == 2
    assert tasks.reviews_on_relation_added(relation.pk)["plan"] == plan.pk


def test_an_expiry_opens_reviews_too(basis: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        law = basis["law"]
        catalogue_services.document_update(
            actor="tests",
            document=law,
            data=catalogue_services.DocumentInput(
                number=law.number,
                doc_type=law.doc_type,
                issuer=law.issuer,
                title=law.title,
                issued_on=law.issued_on,
                effective_from=law.effective_from,
                effective_until=d("2026-06-30"),
                text=law.text,
            ),
            expected_version=law.version,
        )
    with django_capture_on_commit_callbacks(execute=True):
        catalogue_services.apply_due_transitions(on=d("2026-07-01"))
    plan = ReviewPlan.objects.get()
    assert plan.trigger_key.startswith(f"expired:{law.pk}:")
    assert ReviewTask.objects.filter(plan=plan).count() == 2
    assert ReviewTask.objects.first().trigger["event"] == "expired"  # type: ignore[union-attr]


def test_a_recommendation_resolves_when_the_document_that_carries_it_out_is_registered(
    basis: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    resting = basis["resting"]
    task = ReviewTask.objects.create(
        plan=ReviewPlan.objects.create(title="x", kind="periodic", deadline=d("2026-12-31")),
        document=resting,
        due_on=d("2026-12-31"),
        state="approved",
        outcome="replace",
    )
    replace = Recommendation.objects.create(task=task, action=Outcome.REPLACE.value)
    replace.targets.add(resting)
    repeal_other = Recommendation.objects.create(action=Outcome.REPEAL.value)
    repeal_other.targets.add(resting)
    with django_capture_on_commit_callbacks(execute=True):
        draft = f.document("70/2026/QĐ-UBND", issued="2026-08-01", effective="2026-08-15", published=False)
        f.relate(draft, "replaces", resting, "2026-08-15")
    replace.refresh_from_db()
    assert replace.status == "open"  # a draft carries nothing out
    with django_capture_on_commit_callbacks(execute=True):
        issued = f.document("71/2026/QĐ-UBND", issued="2026-09-01", effective="2026-09-15")
        f.relate(issued, "replaces", resting, "2026-09-15")
    replace.refresh_from_db()
    repeal_other.refresh_from_db()
    assert replace.status == "resolved" and replace.resolved_by == issued
    assert str(replace.resolved_on) == "2026-09-01"
    assert repeal_other.status == "open"  # a replacement does not carry out a repeal
    assert AuditEntry.objects.filter(object_type="reviews.recommendation", object_id=str(replace.pk)).exists()


def test_expiries_in_a_batch_open_reviews_only_for_documents_something_rests_on(
    django_capture_on_commit_callbacks: Any,
) -> None:
    from backend.catalogue import events

    with django_capture_on_commit_callbacks(execute=True):
        f.authority("HDND-AG")
        f.authority("UBND-AG")
        rested_on = f.document(
            "01/2021/NQ-HĐND", issuer="HDND-AG", issued="2021-01-05", effective="2021-01-15", until="2027-06-30"
        )
        lonely = f.document(
            "02/2021/NQ-HĐND", issuer="HDND-AG", issued="2021-01-05", effective="2021-01-15", until="2027-06-30"
        )
        resting = f.document("20/2021/QĐ-UBND", issued="2021-02-01", effective="2021-02-15")
        f.relate(resting, "basis", rested_on, "2021-02-15")
    assert not ReviewPlan.objects.exists()
    # As the daily pass delivers them: inside its event batch, collected, then checked with one query at its end.
    with events.batch():
        for document in (rested_on, lonely):
            with django_capture_on_commit_callbacks(execute=True):
                events.publish(
                    events.status_changed, document_id=document.pk, status="expired", changed_on="2027-07-01"
                )
        assert not ReviewPlan.objects.exists()  # nothing before the batch ends
    plans = list(ReviewPlan.objects.all())
    assert [p.trigger_key for p in plans] == [f"expired:{rested_on.pk}:2027-07-01"]
    assert [t.document_id for t in ReviewTask.objects.all()] == [resting.pk]


def test_the_triggers_service_decides_which_events_open_reviews(
    basis: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    """backend/reviews/triggers.py, called with ids (the tasks only fan its answer out): which events open reviews,
    of which documents, under which plan and trigger."""
    from backend.reviews import triggers

    law, resting = basis["law"], basis["resting"]
    with django_capture_on_commit_callbacks(execute=True):
        new_law = f.document("99/2025/QH15", issuer="QH", issued="2025-06-01", effective="2026-01-01")
        draft = f.document("98/2025/QH15", issuer="QH", issued="2025-06-01", effective="2026-01-01", published=False)
        replacing = f.relate(new_law, "replaces", law, "2026-01-01")
        by_draft = f.relate(draft, "repeals", law, "2026-01-01")
        later = f.document("13/2021/QĐ-UBND", issued="2021-06-01", effective="2021-06-15")
        based = f.relate(later, "basis", law, "2021-06-15")
        of_undepended = f.relate(new_law, "amends", basis["unrelated"], "2026-01-01")
    plans = ReviewPlan.objects.count()
    assert triggers.relation_reviews(based.pk) is None  # a basis relation is not a change to the law
    assert triggers.relation_reviews(by_draft.pk) is None  # a draft changes nothing yet
    assert triggers.relation_reviews(of_undepended.pk) is None  # nothing rests on its target: no plan either
    assert triggers.relation_reviews(10**9) is None
    assert ReviewPlan.objects.count() == plans

    reviews = triggers.relation_reviews(replacing.pk)
    assert reviews is not None
    plan = ReviewPlan.objects.get(pk=reviews.plan_id)
    assert plan.trigger_key == f"relation:{replacing.pk}:replaces:{law.pk}"
    assert reviews.document_ids == sorted([resting.pk, basis["detailing"].pk, later.pk])
    assert reviews.trigger["event"] == "replaces" and reviews.trigger["cause_number"] == "99/2025/QH15"
    assert reviews.trigger["relation"] == replacing.pk and reviews.trigger["on"] == "2026-01-01"

    # An expiry opens reviews only when it is the end of the document's term, on that day.
    assert triggers.expiry_reviews(resting.pk, d("2026-07-01")) is None  # in force: no expiry at all
    assert triggers.expiry_reviews(law.pk, d("2026-07-01")) is None  # replaced: that was the relation's event
    assert triggers.expiry_reviews(10**9, d("2026-07-01")) is None
