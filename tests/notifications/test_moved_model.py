"""The Notification model moved from `reviews` to `notifications` (decision 0016) without touching its table: a
notice written before the move is the same row, read through the new app, after it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("reviews", "0006_review_notices"), ("notifications", None)]


def _migrate(targets: list[tuple[str, str | None]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()  # what was applied changed: read it again
    return executor


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # migrates back and forth: leaves the rows as found
def test_a_notice_written_before_the_move_is_read_after_it() -> None:
    from django.contrib.contenttypes.models import ContentType

    from backend.notifications.models import Notification

    content_type = ContentType.objects.get_for_model(Notification).pk
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = _migrate(BEFORE).loader.project_state(BEFORE[0]).apps  # the models as reviews.0006 left them
        user = old.get_model("auth", "User").objects.create(username="officer")
        written = old.get_model("reviews", "Notification").objects.create(
            user_id=user.pk,
            kind="review_due",
            object_type="review",
            object_id=7,
            day=dt.date(2026, 12, 28),
            message_vi="Nhiệm vụ rà soát văn bản 15/2017/QĐ-UBND đến hạn ngày 31/12/2026.",
            message_en="The review of 15/2017/QĐ-UBND is due on 2026-12-31.",
            link="/can-bo/ra-soat/7",
        )
        # Before the move the content type (and any permission on it) is `reviews`'.
        assert ContentType.objects.get(pk=content_type).app_label == "reviews"
    finally:
        _migrate(latest)

    notice = Notification.objects.get()
    assert (notice.pk, notice.user_id, notice.kind, notice.object_id, notice.day, notice.link) == (
        written.pk,
        user.pk,
        "review_due",
        7,
        dt.date(2026, 12, 28),
        "/can-bo/ra-soat/7",
    )
    assert notice.message_vi.startswith("Nhiệm vụ rà soát") and notice.read_at is None and notice.closed_at is None
    assert Notification._meta.db_table == "reviews_notification"
    assert ContentType.objects.get(pk=content_type).app_label == "notifications"
    assert not ContentType.objects.filter(app_label="reviews", model="notification").exists()
    # The table kept its constraint: one notice per user, kind, object and day.
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            user_id=user.pk, kind="review_due", object_type="review", object_id=7, day=notice.day
        )
    # And its sequence: a new notice gets the next id.
    assert (
        Notification.objects.create(
            user_id=user.pk, kind="review_overdue", object_type="review", object_id=7, day=notice.day
        ).pk
        > notice.pk
    )
