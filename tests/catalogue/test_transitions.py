"""The daily pass: stored statuses follow the calendar, each change recorded once with its cause."""

from __future__ import annotations

import datetime as dt

import pytest

from backend.catalogue import services
from backend.catalogue.models import Document, StatusChange
from tests.catalogue import factories as f

pytestmark = pytest.mark.django_db


def D(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.fixture
def upcoming(db: None) -> dict[str, Document]:
    # Created "today" (2026-11-28 or whenever the suite runs), all events lie ahead.
    far = dt.date.today() + dt.timedelta(days=400)
    old = f.document("01/2026/QĐ-UBND", issued="2026-01-05", effective="2026-01-15")
    new = f.document("90/2026/QĐ-UBND", issued=dt.date.today().isoformat(), effective=far.isoformat())
    f.relate(new, "repeals", old, far.isoformat())
    term = f.document(
        "02/2026/QĐ-UBND", issued="2026-01-05", effective="2026-01-15", until=(far + dt.timedelta(days=30)).isoformat()
    )
    return {"old": old, "new": new, "term": term, "far": far}  # type: ignore[dict-item]


def test_pass_applies_due_changes_once(upcoming: dict) -> None:
    far: dt.date = upcoming["far"]
    old, new, term = upcoming["old"], upcoming["new"], upcoming["term"]
    assert (old.status, new.status, term.status) == ("in_force", "not_yet_effective", "in_force")
    assert Document.objects.get(pk=old.pk).next_transition_on == far

    nothing = services.apply_due_transitions(on=far - dt.timedelta(days=1))
    assert nothing.changed == 0

    report = services.apply_due_transitions(on=far)
    assert report.changed == 2  # the repeal and the new document's entry into force
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.status, new.status) == ("expired", "in_force")
    change = StatusChange.objects.get(document=old, status="expired")
    assert change.previous_status == "in_force"
    assert change.reason == "repealed"
    assert change.changed_on == far
    assert change.caused_by[0]["number"] == "90/2026/QĐ-UBND"

    again = services.apply_due_transitions(on=far)
    assert (again.examined, again.changed) == (0, 0)
    assert StatusChange.objects.filter(document=old, status="expired").count() == 1

    later = services.apply_due_transitions(on=far + dt.timedelta(days=31))
    assert later.changed == 1
    term.refresh_from_db()
    assert term.status == "expired"
    assert StatusChange.objects.get(document=term, status="expired").reason == "term_ended"


def test_a_missed_day_is_caught_up(upcoming: dict) -> None:
    far: dt.date = upcoming["far"]
    report = services.apply_due_transitions(on=far + dt.timedelta(days=90))
    assert report.changed == 3
    assert set(Document.objects.values_list("status", flat=True)) == {"expired", "in_force"}


def test_recorded_history_shows_in_timeline_endpoint(upcoming: dict, anon: object) -> None:
    services.apply_due_transitions(on=upcoming["far"])
    res = anon.get(f"/api/v1/documents/{upcoming['old'].pk}/timeline/")  # type: ignore[attr-defined]
    assert [h["status"] for h in res.data["history"]][-1] == "expired"


def test_management_command(upcoming: dict, capsys: pytest.CaptureFixture[str]) -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    call_command("apply_transitions", "--on", upcoming["far"].isoformat())
    assert "changed 2" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("apply_transitions", "--on", "tomorrow")
