"""Reviews that open by themselves (căn cứ rà soát, Decree 79/2025 art. 37 and 39), and recommendations that
close by themselves.

- When a document is amended, replaced, repealed or suspended (a relation of that kind is recorded), or expires,
  every catalogued document that has it as `basis` (căn cứ) or `details` (quy định chi tiết) gets a review task in
  a triggered plan, one plan per event; the task names the trigger. `relation_reviews` and `expiry_reviews` decide
  whether an event opens reviews, find the dependents, make the plan and the trigger; workers/tasks.py then fans
  the dependents out in chunks (a Celery group) to `create_tasks`. Every step is idempotent: the plan is keyed by
  its event and a document gets one task per plan (a unique constraint), so a re-run, or a retry after a worker
  died, creates nothing twice.
- When a document is registered with a relation that carries out an open recommendation on its target (a
  `replaces` relation for a "replace" recommendation, `repeals` for "repeal", `amends`/`supplements` for "amend",
  `suspends` for "suspend"), the recommendation is resolved and linked to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from backend.audit import services as audit
from backend.catalogue import selectors
from backend.catalogue.models import Document, Relation
from backend.catalogue.validity import Reason
from backend.reviews import notices
from backend.reviews.models import Recommendation, ReviewPlan, ReviewTask
from backend.reviews.workflow import Outcome, RecommendationStatus

TRIGGER_KINDS = frozenset({"amends", "replaces", "repeals", "suspends"})
DEPENDENT_KINDS = ("basis", "details")
REVIEW_DAYS = 30  # a triggered review is due this many days after the event
SOURCE = "task"

EVENT_LABELS = {
    "amends": ("được sửa đổi, bổ sung", "amended"),
    "replaces": ("bị thay thế", "replaced"),
    "repeals": ("bị bãi bỏ", "repealed"),
    "suspends": ("bị ngưng hiệu lực", "suspended"),
    "expired": ("hết hiệu lực", "expired"),
}

# Which relation carries out which recommended action.
CARRIED_OUT_BY = {
    Outcome.REPLACE.value: frozenset({"replaces"}),
    Outcome.REPEAL.value: frozenset({"repeals"}),
    Outcome.AMEND.value: frozenset({"amends", "supplements"}),
    Outcome.SUSPEND.value: frozenset({"suspends"}),
}
OPEN_STATUSES = (
    RecommendationStatus.OPEN.value,
    RecommendationStatus.IN_PROGRESS.value,
    RecommendationStatus.OVERDUE.value,
)


@dataclass(frozen=True)
class Reviews:
    """The reviews one event opens: the plan (made already), the documents to review, the trigger each task names."""

    plan_id: int
    document_ids: list[int]
    trigger: dict[str, Any]


def relation_reviews(relation_id: int) -> Reviews | None:
    """The reviews a recorded relation opens: when its published source amends, replaces, repeals or suspends its
    target, the target's dependents. None when it opens none."""
    relation = Relation.objects.select_related("source").filter(pk=relation_id).first()
    if relation is None or relation.kind not in TRIGGER_KINDS or not relation.source.published:
        return None
    return _reviews(
        event=relation.kind,
        target_id=relation.target_id,
        key=relation_event_key(relation_id, relation.kind, relation.target_id),
        cause_id=relation.source_id,
        relation_id=relation_id,
        on=relation.effective_on,
    )


def expiry_reviews(document_id: int, on: dt.date) -> Reviews | None:
    """The reviews a document's expiry at the end of its term opens: its dependents. None when it opens none (an
    expiry caused by a replacing or repealing document is that relation's event: see relation_reviews)."""
    document = Document.objects.filter(pk=document_id).first()
    if document is None or selectors.validity_on(document, on).reason != Reason.TERM_ENDED:
        return None
    return _reviews(
        event="expired",
        target_id=document_id,
        key=f"expired:{document_id}:{on.isoformat()}",
        cause_id=None,
        relation_id=None,
        on=on,
    )


def _reviews(
    *, event: str, target_id: int, key: str, cause_id: int | None, relation_id: int | None, on: dt.date
) -> Reviews | None:
    """Find the dependents, make (or find) the event's plan and the trigger. None when nothing depends on the
    target (and then no plan is made)."""
    ids = dependent_ids(target_id)
    if not ids:
        return None
    plan = triggered_plan(event=event, target_id=target_id, key=key, cause_id=cause_id, on=on)
    target = Document.objects.get(pk=target_id)
    cause = Document.objects.filter(pk=cause_id).first() if cause_id else None
    trigger = trigger_info(event=event, target=target, cause=cause, relation_id=relation_id, on=on)
    return Reviews(plan_id=int(plan.pk), document_ids=ids, trigger=trigger)


def dependent_ids(target_id: int) -> list[int]:
    """Documents that have `target_id` as their legal basis or that detail it."""
    return sorted(
        set(Relation.objects.filter(target_id=target_id, kind__in=DEPENDENT_KINDS).values_list("source_id", flat=True))
    )


def relation_event_key(relation_id: int, kind: str, target_id: int) -> str:
    """The event key of a relation: its kind and target are part of it, so a relation edited to act on another
    document (or in another way) is a new event with its own plan, while a retried or re-sent event is not."""
    return f"relation:{relation_id}:{kind}:{target_id}"


def triggered_plan(*, event: str, target_id: int, key: str, cause_id: int | None, on: dt.date) -> ReviewPlan:
    """The plan of one triggering event (made once: later calls return it)."""
    target = Document.objects.select_related("issuer").get(pk=target_id)
    cause = Document.objects.filter(pk=cause_id).first() if cause_id else None
    vi, _en = EVENT_LABELS[event]
    title = f"Rà soát các văn bản quy định chi tiết, căn cứ vào {target.number} ({vi}"
    title += f" bởi {cause.number})" if cause else f" từ {on:%d/%m/%Y})"
    plan, created = ReviewPlan.objects.get_or_create(
        trigger_key=key,
        defaults={
            "title": title[:300],
            "kind": ReviewPlan.Kind.TRIGGERED,
            "scope": {"basis_of": target_id},
            "owner": None,
            "deadline": on + dt.timedelta(days=REVIEW_DAYS),
        },
    )
    if created:
        audit.record(
            actor="system", action="create", instance=plan, before=None, after=audit.snapshot(plan), source=SOURCE
        )
    return plan


def trigger_info(
    *, event: str, target: Document, cause: Document | None, relation_id: int | None, on: dt.date
) -> dict[str, Any]:
    vi, en = EVENT_LABELS[event]
    return {
        "event": event,
        "document": target.pk,
        "number": target.number,
        "cause": cause.pk if cause else None,
        "cause_number": cause.number if cause else None,
        "relation": relation_id,
        "on": on.isoformat(),
        "label_vi": f"Căn cứ {target.number} {vi}" + (f" bởi {cause.number}" if cause else ""),
        "label_en": f"Basis {target.number} {en}" + (f" by {cause.number}" if cause else ""),
    }


@transaction.atomic
def create_tasks(plan_id: int, document_ids: list[int], trigger: dict[str, Any]) -> int:
    """One task per document not yet in the plan; returns how many were created. Safe to run twice at once."""
    plan = ReviewPlan.objects.get(pk=plan_id)
    existing = set(
        ReviewTask.objects.filter(plan=plan, document_id__in=document_ids).values_list("document_id", flat=True)
    )
    wanted = [pk for pk in dict.fromkeys(document_ids) if pk not in existing]
    if not wanted:
        return 0
    ReviewTask.objects.bulk_create(
        [ReviewTask(plan=plan, document_id=pk, due_on=plan.deadline, trigger=trigger) for pk in wanted],
        ignore_conflicts=True,  # another worker made the same task in the meantime
        batch_size=2_000,
    )
    # In a race with another worker some of these may be its rows: then both audit them, nothing is lost.
    audit.record_created("system", list(ReviewTask.objects.filter(plan=plan, document_id__in=wanted)), source=SOURCE)
    return len(wanted)


@transaction.atomic
def resolve_recommendations(relation_id: int) -> list[int]:
    """Resolve the open recommendations that the relation's source document carries out; their ids."""
    relation = Relation.objects.select_related("source").filter(pk=relation_id).first()
    if relation is None or not relation.source.published:
        return []
    actions = [action for action, kinds in CARRIED_OUT_BY.items() if relation.kind in kinds]
    if not actions:
        return []
    ids = set(
        Recommendation.objects.filter(
            targets=relation.target_id, action__in=actions, status__in=OPEN_STATUSES
        ).values_list("pk", flat=True)
    )
    found = Recommendation.objects.select_for_update().filter(pk__in=ids, status__in=OPEN_STATUSES).order_by("pk")
    resolved = []
    for recommendation in found:
        before = audit.snapshot(recommendation)
        recommendation.status = RecommendationStatus.RESOLVED.value
        recommendation.resolved_by = relation.source
        recommendation.resolved_on = relation.source.issued_on
        recommendation.version += 1
        recommendation.save()
        audit.record(
            actor="system",
            action="update",
            instance=recommendation,
            before=before,
            after=audit.snapshot(recommendation),
            source=SOURCE,
        )
        resolved.append(recommendation.pk)
    notices.record_recommendations(resolved)  # their "overdue" notices are closed
    return resolved
