"""Tests for the pure validity engine (backend/catalogue/validity.py); no database, no Django."""

from __future__ import annotations

import itertools
import json
import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.catalogue.validity import (
    REASON_LABELS,
    RELATION_LABELS,
    STATUS_LABELS,
    BasisFacts,
    Cause,
    DocumentFacts,
    ProvisionState,
    Reason,
    RelationFacts,
    RelationKind,
    ReviewFlag,
    Status,
    TimelineError,
    Validity,
    change_points,
    check_document,
    check_relation,
    evaluate,
    find_replacement_cycle,
    next_change_after,
    relation_reason,
    timeline,
)
from legal.provisions import provision_sort_key

K = RelationKind
DAY = timedelta(days=1)

DOC = DocumentFacts(
    id=1,
    number="05/2017/NQ-HĐND",
    issued_on=date(2017, 7, 10),
    effective_from=date(2017, 7, 20),
    effective_until=None,
)


def rel(
    rid: int,
    kind: RelationKind,
    on: date,
    *provisions: str,
    ends_on: date | None = None,
    source_id: int | None = None,
    number: str | None = None,
) -> RelationFacts:
    return RelationFacts(
        id=rid,
        kind=kind,
        source_id=source_id if source_id is not None else 100 + rid,
        source_number=number or f"{rid:02d}/2020/QĐ-UBND",
        effective_on=on,
        ends_on=ends_on,
        provisions=tuple(provisions),
    )


def cause_of(relation: RelationFacts) -> Cause:
    return Cause(
        number=relation.source_number,
        kind=relation.kind,
        effective_on=relation.effective_on,
        source_id=relation.source_id,
        relation_id=relation.id,
    )


def doc(
    issued: date | None = date(2017, 7, 10),
    start: date | None = date(2017, 7, 20),
    until: date | None = None,
    did: int = 1,
    number: str = "05/2017/NQ-HĐND",
) -> DocumentFacts:
    return DocumentFacts(id=did, number=number, issued_on=issued, effective_from=start, effective_until=until)


# ----------------------------------------------------------------------------------------------------
# The six statuses
# ----------------------------------------------------------------------------------------------------


def test_not_yet_effective_before_the_effective_date() -> None:
    v = evaluate(DOC, [], date(2017, 7, 19))
    assert v.status is Status.NOT_YET_EFFECTIVE
    assert v.reason is Reason.NOT_YET_EFFECTIVE
    assert v.since is None
    assert v.caused_by == () and v.provisions == () and v.notes == ()
    assert v.effective_date_assumed is False
    assert v.label() == "Chưa có hiệu lực"


def test_in_force_from_the_effective_date_inclusive() -> None:
    v = evaluate(DOC, [], date(2017, 7, 20))
    assert v.status is Status.IN_FORCE
    assert v.reason is Reason.EFFECTIVE
    assert v.since == date(2017, 7, 20)
    assert v.caused_by == ()
    assert v.label() == "Còn hiệu lực"
    assert v.label("en") == "In force"


def test_partially_expired_names_provisions_and_causes() -> None:
    repeal = rel(1, K.REPEALS, date(2019, 1, 1), "Điều 10", "Điều 2", number="12/2018/NQ-HĐND")
    v = evaluate(DOC, [repeal], date(2019, 6, 1))
    assert v.status is Status.PARTIALLY_EXPIRED
    assert v.reason is Reason.REPEALED
    assert v.since == date(2019, 1, 1)
    assert v.caused_by == (cause_of(repeal),)
    assert v.provisions == (
        ProvisionState("Điều 2", "expired", Reason.REPEALED, (cause_of(repeal),)),
        ProvisionState("Điều 10", "expired", Reason.REPEALED, (cause_of(repeal),)),
    )
    assert v.label() == "Hết hiệu lực một phần"


def test_expired_when_replaced_as_a_whole() -> None:
    replace = rel(1, K.REPLACES, date(2020, 3, 1), number="07/2020/NQ-HĐND")
    v = evaluate(DOC, [replace], date(2020, 3, 1))
    assert v.status is Status.EXPIRED
    assert v.reason is Reason.REPLACED
    assert v.since == date(2020, 3, 1)
    assert v.caused_by == (cause_of(replace),)
    assert v.provisions == ()
    assert v.label() == "Hết hiệu lực toàn bộ"
    assert evaluate(DOC, [replace], date(2020, 2, 29)).status is Status.IN_FORCE


def test_suspended_as_a_whole() -> None:
    suspend = rel(1, K.SUSPENDS, date(2020, 1, 1))
    v = evaluate(DOC, [suspend], date(2021, 1, 1))
    assert v.status is Status.SUSPENDED
    assert v.reason is Reason.SUSPENDED
    assert v.since == date(2020, 1, 1)
    assert v.caused_by == (cause_of(suspend),)
    assert v.label() == "Ngưng hiệu lực"


def test_partially_suspended() -> None:
    suspend = rel(1, K.SUSPENDS, date(2020, 1, 1), "Khoản 2 Điều 5", ends_on=date(2020, 7, 1))
    v = evaluate(DOC, [suspend], date(2020, 2, 1))
    assert v.status is Status.PARTIALLY_SUSPENDED
    assert v.reason is Reason.SUSPENDED
    assert v.since == date(2020, 1, 1)
    assert v.provisions == (ProvisionState("Khoản 2 Điều 5", "suspended", Reason.SUSPENDED, (cause_of(suspend),)),)
    assert v.label() == "Ngưng hiệu lực một phần"
    lifted = evaluate(DOC, [suspend], date(2020, 7, 1))
    assert lifted.status is Status.IN_FORCE
    assert lifted.provisions == ()
    assert lifted.since == date(2020, 7, 1)


# ----------------------------------------------------------------------------------------------------
# Reasons and labels
# ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", list(Status))
def test_every_status_has_both_labels(status: Status) -> None:
    assert STATUS_LABELS[status]["vi"] and STATUS_LABELS[status]["en"]


@pytest.mark.parametrize("reason", list(Reason))
def test_every_reason_has_both_labels(reason: Reason) -> None:
    assert REASON_LABELS[reason]["vi"] and REASON_LABELS[reason]["en"]


@pytest.mark.parametrize("kind", list(RelationKind))
def test_every_relation_kind_has_both_labels(kind: RelationKind) -> None:
    assert RELATION_LABELS[kind]["vi"] and RELATION_LABELS[kind]["en"]


def test_vietnamese_labels_follow_the_yearly_lists() -> None:
    assert REASON_LABELS[Reason.REPLACED]["vi"] == "Bị thay thế"
    assert REASON_LABELS[Reason.REPEALED]["vi"] == "Bị bãi bỏ"
    assert REASON_LABELS[Reason.TERM_ENDED]["vi"] == "Hết thời hạn có hiệu lực"
    assert REASON_LABELS[Reason.AMENDED]["vi"] == "Được sửa đổi"
    assert REASON_LABELS[Reason.SUPPLEMENTED]["vi"] == "Được bổ sung"
    assert REASON_LABELS[Reason.SUSPENDED]["vi"] == "Bị ngưng hiệu lực"
    assert REASON_LABELS[Reason.CORRECTED]["vi"] == "Được đính chính"
    assert [RELATION_LABELS[k]["vi"] for k in RelationKind] == [
        "Căn cứ",
        "Quy định chi tiết, hướng dẫn",
        "Sửa đổi",
        "Bổ sung",
        "Thay thế",
        "Bãi bỏ",
        "Ngưng hiệu lực",
        "Đính chính",
    ]


def test_relation_reason_maps_every_changing_kind() -> None:
    assert relation_reason(K.REPLACES) is Reason.REPLACED
    assert relation_reason(K.REPEALS) is Reason.REPEALED
    assert relation_reason(K.AMENDS) is Reason.AMENDED
    assert relation_reason(K.SUPPLEMENTS) is Reason.SUPPLEMENTED
    assert relation_reason(K.SUSPENDS) is Reason.SUSPENDED
    assert relation_reason(K.CORRECTS) is Reason.CORRECTED
    assert relation_reason(K.BASIS) is None
    assert relation_reason(K.DETAILS) is None


def test_label_language_fallbacks() -> None:
    v = evaluate(DOC, [], date(2018, 1, 1))
    assert v.label("en-GB") == "In force"
    assert v.label("EN") == "In force"
    assert v.label("fr") == "Còn hiệu lực"
    assert v.reason_label() == "Có hiệu lực"
    assert v.reason_label("en") == "In force"


def test_reason_repealed_as_a_whole() -> None:
    repeal = rel(1, K.REPEALS, date(2022, 5, 1))
    v = evaluate(DOC, [repeal], date(2022, 5, 2))
    assert (v.status, v.reason, v.caused_by) == (Status.EXPIRED, Reason.REPEALED, (cause_of(repeal),))


def test_reason_amended_for_named_provisions() -> None:
    amend = rel(1, K.AMENDS, date(2019, 1, 1), "Điều 4")
    v = evaluate(DOC, [amend], date(2019, 1, 1))
    assert (v.status, v.reason) == (Status.PARTIALLY_EXPIRED, Reason.AMENDED)
    assert v.provisions[0] == ProvisionState("Điều 4", "expired", Reason.AMENDED, (cause_of(amend),))


def test_supplements_corrections_and_unnamed_amendments_are_notes() -> None:
    supplement = rel(1, K.SUPPLEMENTS, date(2018, 1, 1), "Điều 3a")
    correction = rel(2, K.CORRECTS, date(2018, 2, 1))
    unnamed = rel(3, K.AMENDS, date(2018, 3, 1))
    relations = [unnamed, correction, supplement]
    v = evaluate(DOC, relations, date(2018, 6, 1))
    assert (v.status, v.reason, v.since) == (Status.IN_FORCE, Reason.EFFECTIVE, date(2017, 7, 20))
    assert v.caused_by == () and v.provisions == ()
    assert v.notes == (cause_of(supplement), cause_of(correction), cause_of(unnamed))
    assert [relation_reason(n.kind) for n in v.notes] == [
        Reason.SUPPLEMENTED,
        Reason.CORRECTED,
        Reason.AMENDED,
    ]
    # Before they apply they are not even notes.
    assert evaluate(DOC, relations, date(2018, 1, 31)).notes == (cause_of(supplement),)


def test_suspension_ended_reason_is_available_for_history_but_status_is_effective() -> None:
    # The brief fixes IN_FORCE's reason to EFFECTIVE; SUSPENSION_ENDED is a label for status-change records.
    suspend = rel(1, K.SUSPENDS, date(2020, 1, 1), ends_on=date(2020, 4, 1))
    v = evaluate(DOC, [suspend], date(2020, 4, 1))
    assert (v.status, v.reason, v.since) == (Status.IN_FORCE, Reason.EFFECTIVE, date(2020, 4, 1))
    assert REASON_LABELS[Reason.SUSPENSION_ENDED]["vi"] == "Tiếp tục có hiệu lực"


# ----------------------------------------------------------------------------------------------------
# Whole-document expiry
# ----------------------------------------------------------------------------------------------------


def test_term_end_is_the_last_day_in_force() -> None:
    d = doc(until=date(2020, 12, 31))
    last = evaluate(d, [], date(2020, 12, 31))
    assert last.status is Status.IN_FORCE
    after = evaluate(d, [], date(2021, 1, 1))
    assert (after.status, after.reason, after.since, after.caused_by) == (
        Status.EXPIRED,
        Reason.TERM_ENDED,
        date(2021, 1, 1),
        (),
    )


def test_repeal_after_the_term_ended_changes_nothing_but_is_noted() -> None:
    d = doc(until=date(2020, 12, 31))
    late_repeal = rel(1, K.REPEALS, date(2021, 6, 1))
    v = evaluate(d, [late_repeal], date(2021, 7, 1))
    assert (v.status, v.reason, v.since, v.caused_by) == (
        Status.EXPIRED,
        Reason.TERM_ENDED,
        date(2021, 1, 1),
        (),
    )
    assert v.notes == (cause_of(late_repeal),)


def test_repeal_before_the_term_ends_wins() -> None:
    d = doc(until=date(2020, 12, 31))
    repeal = rel(1, K.REPEALS, date(2020, 6, 1))
    v = evaluate(d, [repeal], date(2021, 7, 1))
    assert (v.status, v.reason, v.since, v.caused_by) == (
        Status.EXPIRED,
        Reason.REPEALED,
        date(2020, 6, 1),
        (cause_of(repeal),),
    )


def test_repeal_on_the_day_the_term_ends_names_the_act() -> None:
    d = doc(until=date(2020, 12, 31))
    repeal = rel(1, K.REPEALS, date(2021, 1, 1))
    v = evaluate(d, [repeal], date(2021, 1, 1))
    assert (v.reason, v.caused_by) == (Reason.REPEALED, (cause_of(repeal),))


def test_repeal_before_effectiveness_expires_the_document() -> None:
    d = doc(issued=date(2024, 1, 5), start=date(2024, 3, 1))
    repeal = rel(1, K.REPEALS, date(2024, 2, 1))
    before = evaluate(d, [repeal], date(2024, 1, 31))
    assert before.status is Status.NOT_YET_EFFECTIVE
    v = evaluate(d, [repeal], date(2024, 2, 1))
    assert (v.status, v.reason, v.since) == (Status.EXPIRED, Reason.REPEALED, date(2024, 2, 1))
    # ... and it never takes effect afterwards.
    assert evaluate(d, [repeal], date(2024, 3, 1)).status is Status.EXPIRED


def test_whole_expiry_reason_from_earliest_and_all_causes_listed() -> None:
    repeal = rel(1, K.REPEALS, date(2021, 1, 1))
    replace = rel(2, K.REPLACES, date(2020, 1, 1))
    v = evaluate(DOC, [repeal, replace], date(2022, 1, 1))
    assert (v.reason, v.since) == (Reason.REPLACED, date(2020, 1, 1))
    assert v.caused_by == (cause_of(replace), cause_of(repeal))


def test_replace_and_repeal_on_the_same_day_both_apply() -> None:
    same_day = date(2021, 1, 1)
    repeal = rel(1, K.REPEALS, same_day)
    replace = rel(2, K.REPLACES, same_day)
    v = evaluate(DOC, [repeal, replace], same_day)
    assert v.status is Status.EXPIRED
    assert v.reason is Reason.REPLACED  # the more informative of the two
    assert set(v.caused_by) == {cause_of(repeal), cause_of(replace)}


def test_repeal_during_a_suspension_expires() -> None:
    suspend = rel(1, K.SUSPENDS, date(2020, 1, 1))
    repeal = rel(2, K.REPEALS, date(2020, 5, 1))
    v = evaluate(DOC, [suspend, repeal], date(2020, 6, 1))
    assert (v.status, v.reason, v.since) == (Status.EXPIRED, Reason.REPEALED, date(2020, 5, 1))
    assert v.provisions == ()


def test_partial_events_are_dropped_from_provisions_once_expired_as_a_whole() -> None:
    amend = rel(1, K.AMENDS, date(2019, 1, 1), "Điều 2")
    replace = rel(2, K.REPLACES, date(2021, 1, 1))
    v = evaluate(DOC, [amend, replace], date(2021, 1, 1))
    assert v.status is Status.EXPIRED
    assert v.provisions == ()
    assert v.caused_by == (cause_of(replace),)


def test_until_at_date_max_never_overflows() -> None:
    d = doc(until=date.max)
    assert evaluate(d, [], date.max).status is Status.IN_FORCE
    assert change_points(d, []) == [date(2017, 7, 20)]


# ----------------------------------------------------------------------------------------------------
# Suspension
# ----------------------------------------------------------------------------------------------------


def test_suspension_start_and_lift() -> None:
    suspend = rel(1, K.SUSPENDS, date(2020, 1, 1), ends_on=date(2020, 4, 1))
    assert evaluate(DOC, [suspend], date(2019, 12, 31)).status is Status.IN_FORCE
    during = evaluate(DOC, [suspend], date(2020, 3, 31))
    assert (during.status, during.since) == (Status.SUSPENDED, date(2020, 1, 1))
    lifted = evaluate(DOC, [suspend], date(2020, 4, 1))  # ends_on is the first day no longer suspended
    assert (lifted.status, lifted.reason, lifted.since, lifted.caused_by) == (
        Status.IN_FORCE,
        Reason.EFFECTIVE,
        date(2020, 4, 1),
        (),
    )


def test_overlapping_suspensions_count_from_the_first() -> None:
    first = rel(1, K.SUSPENDS, date(2020, 1, 1), ends_on=date(2020, 3, 1))
    second = rel(2, K.SUSPENDS, date(2020, 2, 1), ends_on=date(2020, 6, 1))
    v = evaluate(DOC, [first, second], date(2020, 4, 1))
    assert (v.status, v.since, v.caused_by) == (Status.SUSPENDED, date(2020, 1, 1), (cause_of(second),))
    assert evaluate(DOC, [first, second], date(2020, 2, 15)).caused_by == (cause_of(first), cause_of(second))


def test_suspension_before_effectiveness_and_its_lift() -> None:
    d = doc(issued=date(2024, 1, 5), start=date(2024, 3, 1))
    suspend = rel(1, K.SUSPENDS, date(2024, 2, 1), ends_on=date(2024, 2, 20))
    assert evaluate(d, [suspend], date(2024, 2, 10)).status is Status.SUSPENDED
    back = evaluate(d, [suspend], date(2024, 2, 25))
    assert (back.status, back.since) == (Status.NOT_YET_EFFECTIVE, date(2024, 2, 20))
    assert evaluate(d, [suspend], date(2024, 3, 1)).status is Status.IN_FORCE


def test_suspension_interrupting_a_partial_expiry() -> None:
    amend = rel(1, K.AMENDS, date(2019, 1, 1), "Điều 3")
    suspend = rel(2, K.SUSPENDS, date(2020, 1, 1), ends_on=date(2020, 6, 1))
    during = evaluate(DOC, [amend, suspend], date(2020, 2, 1))
    assert (during.status, during.provisions) == (Status.SUSPENDED, ())
    after = evaluate(DOC, [amend, suspend], date(2020, 7, 1))
    assert (after.status, after.reason, after.since) == (
        Status.PARTIALLY_EXPIRED,
        Reason.AMENDED,
        date(2020, 6, 1),
    )


# ----------------------------------------------------------------------------------------------------
# Provisions
# ----------------------------------------------------------------------------------------------------


def test_expired_provision_dominates_suspension_and_keeps_all_causes() -> None:
    suspend = rel(1, K.SUSPENDS, date(2019, 1, 1), "Điều 5")
    repeal = rel(2, K.REPEALS, date(2019, 6, 1), "Điều 5")
    v = evaluate(DOC, [repeal, suspend], date(2019, 7, 1))
    assert v.status is Status.PARTIALLY_EXPIRED
    assert v.provisions == (
        ProvisionState("Điều 5", "expired", Reason.REPEALED, (cause_of(suspend), cause_of(repeal))),
    )
    assert v.since == date(2019, 6, 1)


def test_provision_reason_is_the_latest_expiring_event() -> None:
    amend = rel(1, K.AMENDS, date(2019, 1, 1), "Điều 2")
    replace = rel(2, K.REPLACES, date(2020, 1, 1), "Điều 2")
    v = evaluate(DOC, [replace, amend], date(2020, 1, 1))
    assert v.provisions == (ProvisionState("Điều 2", "expired", Reason.REPLACED, (cause_of(amend), cause_of(replace))),)
    assert v.reason is Reason.REPLACED
    assert evaluate(DOC, [replace, amend], date(2019, 12, 31)).reason is Reason.AMENDED


def test_partially_expired_reason_ignores_later_suspension_of_another_provision() -> None:
    repeal = rel(1, K.REPEALS, date(2019, 1, 1), "Điều 1")
    suspend = rel(2, K.SUSPENDS, date(2020, 1, 1), "Điều 7")
    v = evaluate(DOC, [repeal, suspend], date(2020, 2, 1))
    assert (v.status, v.reason) == (Status.PARTIALLY_EXPIRED, Reason.REPEALED)
    assert v.caused_by == (cause_of(repeal), cause_of(suspend))
    assert [(p.provision, p.status) for p in v.provisions] == [("Điều 1", "expired"), ("Điều 7", "suspended")]


def test_several_events_on_one_day_all_apply() -> None:
    day = date(2021, 7, 1)
    amend = rel(1, K.AMENDS, day, "Điều 3")
    repeal = rel(2, K.REPEALS, day, "Điều 8")
    supplement = rel(3, K.SUPPLEMENTS, day, "Điều 8a")
    suspend = rel(4, K.SUSPENDS, day, "Điều 9")
    v = evaluate(DOC, [supplement, suspend, repeal, amend], day)
    assert v.status is Status.PARTIALLY_EXPIRED
    assert v.reason is Reason.REPEALED  # same day: repeal is stronger than amend
    assert [(p.provision, p.status, p.reason) for p in v.provisions] == [
        ("Điều 3", "expired", Reason.AMENDED),
        ("Điều 8", "expired", Reason.REPEALED),
        ("Điều 9", "suspended", Reason.SUSPENDED),
    ]
    assert v.caused_by == (cause_of(amend), cause_of(repeal), cause_of(suspend))
    assert v.notes == (cause_of(supplement),)
    assert evaluate(DOC, [supplement, suspend, repeal, amend], day - DAY).status is Status.IN_FORCE


def test_provision_labels_are_normalised_and_naturally_sorted() -> None:
    decomposed = "\u0110ie\u0302\u0300u 3"  # "Điều 3" with combining circumflex and grave accents
    eth = "\u00d0iều  10"  # "Ð" (U+00D0) typed for "Đ" and a doubled space
    repeal = rel(1, K.REPEALS, date(2019, 1, 1), eth, decomposed, "Khoản 1 Điều 3", "Điều 3", " ")
    v = evaluate(DOC, [repeal], date(2019, 1, 1))
    assert [p.provision for p in v.provisions] == ["Điều 3", "Khoản 1 Điều 3", "Điều 10"]


def test_provision_states_are_listed_in_the_catalogue_order_of_provisions() -> None:
    # Issue #13: the engine had an order of its own, with chapters and parts after the articles (and "Phần I"
    # after "Chương II", alphabetically), while the catalogue stored the same labels parts first. One order now:
    # legal.provisions.provision_sort_key (tests/legal/test_provisions.py).
    labels = ("Điều 1", "Chương II", "Phần I", "Khoản 2 Điều 1", "Mục 1 Chương II")
    repeal = rel(1, K.REPEALS, date(2019, 1, 1), *labels)
    v = evaluate(DOC, [repeal], date(2019, 1, 1))
    expected = ["Phần I", "Chương II", "Mục 1 Chương II", "Điều 1", "Khoản 2 Điều 1"]
    assert [p.provision for p in v.provisions] == expected == sorted(labels, key=provision_sort_key)


def test_provisions_of_a_not_yet_effective_document_are_kept_informative() -> None:
    d = doc(issued=date(2024, 1, 5), start=date(2024, 3, 1))
    repeal = rel(1, K.REPEALS, date(2024, 2, 1), "Điều 4")
    v = evaluate(d, [repeal], date(2024, 2, 15))
    assert v.status is Status.NOT_YET_EFFECTIVE
    assert [p.provision for p in v.provisions] == ["Điều 4"]
    assert evaluate(d, [repeal], date(2024, 3, 1)).status is Status.PARTIALLY_EXPIRED


# ----------------------------------------------------------------------------------------------------
# Dates, ignored relations, assumed start
# ----------------------------------------------------------------------------------------------------


def test_future_relations_are_ignored() -> None:
    repeal = rel(1, K.REPEALS, date(2030, 1, 1))
    v = evaluate(DOC, [repeal], date(2025, 1, 1))
    assert (v.status, v.caused_by, v.notes) == (Status.IN_FORCE, (), ())


def test_basis_and_details_relations_acting_on_the_document_are_ignored() -> None:
    relations = [rel(1, K.BASIS, date(2019, 1, 1)), rel(2, K.DETAILS, date(2019, 2, 1), "Điều 3")]
    v = evaluate(DOC, relations, date(2020, 1, 1))
    assert (v.status, v.since, v.notes) == (Status.IN_FORCE, date(2017, 7, 20), ())
    assert change_points(DOC, relations) == [date(2017, 7, 20)]


def test_missing_effective_date_uses_the_issue_date() -> None:
    d = doc(issued=date(2010, 3, 1), start=None)
    before = evaluate(d, [], date(2010, 2, 28))
    assert (before.status, before.effective_date_assumed) == (Status.NOT_YET_EFFECTIVE, True)
    v = evaluate(d, [], date(2010, 3, 1))
    assert (v.status, v.since, v.effective_date_assumed) == (Status.IN_FORCE, date(2010, 3, 1), True)
    assert change_points(d, []) == [date(2010, 3, 1)]


def test_no_dates_at_all_means_in_force_since_forever() -> None:
    d = doc(issued=None, start=None)
    v = evaluate(d, [], date(1990, 1, 1))
    assert (v.status, v.since, v.effective_date_assumed) == (Status.IN_FORCE, None, True)
    repealed = evaluate(d, [rel(1, K.REPEALS, date(2000, 1, 1))], date(2001, 1, 1))
    assert (repealed.status, repealed.since) == (Status.EXPIRED, date(2000, 1, 1))


def test_relations_can_be_any_iterable() -> None:
    relations = [rel(1, K.REPEALS, date(2020, 1, 1), "Điều 1")]
    assert evaluate(DOC, iter(relations), date(2021, 1, 1)) == evaluate(DOC, tuple(relations), date(2021, 1, 1))
    assert len(timeline(DOC, iter(relations))) == 3


# ----------------------------------------------------------------------------------------------------
# Review flags
# ----------------------------------------------------------------------------------------------------


def _basis_validity(status: Status, causes: tuple[Cause, ...] = (), on: date = date(2021, 1, 1)) -> Validity:
    return Validity(
        on=on,
        status=status,
        reason=Reason.REPLACED if status is Status.EXPIRED else Reason.EFFECTIVE,
        since=None,
        caused_by=causes,
        provisions=(),
        notes=(),
        review_flags=(),
        effective_date_assumed=False,
    )


def test_basis_changed_flags_for_review_without_expiring() -> None:
    replacer = cause_of(rel(9, K.REPLACES, date(2020, 7, 1), number="55/2020/NĐ-CP"))
    bases = [
        BasisFacts(K.BASIS, 50, "34/2016/NĐ-CP", _basis_validity(Status.EXPIRED, (replacer,))),
        BasisFacts(K.DETAILS, 51, "80/2015/QH13", _basis_validity(Status.IN_FORCE)),
        BasisFacts(K.DETAILS, 52, "10/2019/TT-BTC", _basis_validity(Status.PARTIALLY_SUSPENDED)),
    ]
    v = evaluate(DOC, [], date(2021, 1, 1), bases)
    assert v.status is Status.IN_FORCE  # flagged, never expired automatically
    assert v.review_flags == (
        ReviewFlag("10/2019/TT-BTC", 52, K.DETAILS, Status.PARTIALLY_SUSPENDED, ()),
        ReviewFlag("34/2016/NĐ-CP", 50, K.BASIS, Status.EXPIRED, (replacer,)),
    )


@pytest.mark.parametrize(
    ("status", "flagged"),
    [
        (Status.EXPIRED, True),
        (Status.SUSPENDED, True),
        (Status.PARTIALLY_EXPIRED, True),
        (Status.PARTIALLY_SUSPENDED, True),
        (Status.IN_FORCE, False),
        (Status.NOT_YET_EFFECTIVE, False),
    ],
)
def test_which_basis_statuses_raise_a_flag(status: Status, flagged: bool) -> None:
    bases = [BasisFacts(K.BASIS, 50, "34/2016/NĐ-CP", _basis_validity(status))]
    assert bool(evaluate(DOC, [], date(2021, 1, 1), bases).review_flags) is flagged


def test_only_basis_and_details_relations_raise_flags() -> None:
    bases = [BasisFacts(K.AMENDS, 50, "34/2016/NĐ-CP", _basis_validity(Status.EXPIRED))]
    assert evaluate(DOC, [], date(2021, 1, 1), bases).review_flags == ()


def test_timeline_attaches_a_flag_to_the_entry_in_force_on_the_snapshot_date() -> None:
    repeal = rel(1, K.REPEALS, date(2022, 1, 1), "Điều 1")
    bases = [BasisFacts(K.BASIS, 50, "34/2016/NĐ-CP", _basis_validity(Status.EXPIRED, on=date(2021, 1, 1)))]
    entries = timeline(DOC, [repeal], bases)
    assert [bool(e.review_flags) for e in entries] == [False, True, False]


# ----------------------------------------------------------------------------------------------------
# Timeline, change points, serialisation
# ----------------------------------------------------------------------------------------------------


def test_timeline_contents() -> None:
    amend = rel(1, K.AMENDS, date(2019, 8, 1), "Điều 3", "Khoản 2 Điều 10")
    suspend = rel(2, K.SUSPENDS, date(2020, 1, 1), ends_on=date(2020, 6, 1))
    supplement = rel(3, K.SUPPLEMENTS, date(2021, 1, 1))
    replace = rel(4, K.REPLACES, date(2023, 1, 1))
    entries = timeline(DOC, [replace, supplement, suspend, amend])
    assert [(e.on, e.status, e.reason, e.since) for e in entries] == [
        (date.min, Status.NOT_YET_EFFECTIVE, Reason.NOT_YET_EFFECTIVE, None),
        (date(2017, 7, 20), Status.IN_FORCE, Reason.EFFECTIVE, date(2017, 7, 20)),
        (date(2019, 8, 1), Status.PARTIALLY_EXPIRED, Reason.AMENDED, date(2019, 8, 1)),
        (date(2020, 1, 1), Status.SUSPENDED, Reason.SUSPENDED, date(2020, 1, 1)),
        (date(2020, 6, 1), Status.PARTIALLY_EXPIRED, Reason.AMENDED, date(2020, 6, 1)),
        (date(2023, 1, 1), Status.EXPIRED, Reason.REPLACED, date(2023, 1, 1)),
    ]
    # The supplement changed nothing, so it has no entry, but later entries carry it as a note.
    assert entries[-1].notes == (cause_of(supplement),)


def test_timeline_without_events() -> None:
    entries = timeline(doc(issued=None, start=None), [])
    assert [(e.on, e.status) for e in entries] == [(date.min, Status.IN_FORCE)]


def test_change_points_and_next_change_after() -> None:
    d = doc(until=date(2025, 12, 31))
    relations = [
        rel(1, K.SUSPENDS, date(2020, 1, 1), ends_on=date(2020, 6, 1)),
        rel(2, K.CORRECTS, date(2018, 1, 1)),
        rel(3, K.AMENDS, date(2020, 1, 1), "Điều 1"),
    ]
    assert change_points(d, relations) == [
        date(2017, 7, 20),
        date(2018, 1, 1),
        date(2020, 1, 1),
        date(2020, 6, 1),
        date(2026, 1, 1),
    ]
    assert next_change_after(d, relations, date(2017, 1, 1)) == date(2017, 7, 20)
    assert next_change_after(d, relations, date(2020, 1, 1)) == date(2020, 6, 1)
    assert next_change_after(d, relations, date(2025, 12, 31)) == date(2026, 1, 1)
    assert next_change_after(d, relations, date(2026, 1, 1)) is None


def test_to_dict_is_json_ready() -> None:
    repeal = rel(1, K.REPEALS, date(2019, 1, 1), "Điều 2")
    bases = [BasisFacts(K.BASIS, 50, "34/2016/NĐ-CP", _basis_validity(Status.EXPIRED, (cause_of(repeal),)))]
    data = evaluate(DOC, [repeal, rel(2, K.CORRECTS, date(2019, 2, 1))], date(2019, 3, 1), bases).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["status"] == "partially_expired"
    assert data["since"] == "2019-01-01"
    assert data["provisions"][0] == {
        "provision": "Điều 2",
        "status": "expired",
        "reason": "repealed",
        "caused_by": [
            {
                "number": repeal.source_number,
                "kind": "repeals",
                "effective_on": "2019-01-01",
                "source_id": repeal.source_id,
                "relation_id": 1,
            }
        ],
    }
    assert data["notes"][0]["kind"] == "corrects"
    assert data["review_flags"][0]["basis_status"] == "expired"
    assert data["effective_date_assumed"] is False


# ----------------------------------------------------------------------------------------------------
# Checks
# ----------------------------------------------------------------------------------------------------


def test_check_document_accepts_consistent_dates() -> None:
    check_document(DOC)
    check_document(doc(issued=date(2020, 1, 1), start=date(2020, 1, 1), until=date(2020, 1, 1)))
    check_document(doc(issued=None, start=None, until=date(2020, 1, 1)))


def test_check_document_until_before_effective() -> None:
    with pytest.raises(TimelineError) as info:
        check_document(doc(until=date(2017, 7, 19)))
    err = info.value
    assert (err.code, err.field) == ("until_before_effective", "effective_until")
    assert "2017-07-19" in str(err) and "19/07/2017" in err.message_vi
    assert isinstance(err, ValueError)
    assert str(err) == err.message_en


def test_check_document_until_before_issue_when_effective_date_missing() -> None:
    with pytest.raises(TimelineError) as info:
        check_document(doc(issued=date(2017, 7, 10), start=None, until=date(2017, 7, 1)))
    assert info.value.code == "until_before_effective"


def test_check_document_no_retroactive_effect() -> None:
    with pytest.raises(TimelineError) as info:
        check_document(doc(issued=date(2017, 7, 10), start=date(2017, 7, 1)))
    err = info.value
    assert (err.code, err.field) == ("effective_before_issued", "effective_from")
    assert "trở về trước" in err.message_vi


SOURCE = doc(did=2, number="07/2020/NQ-HĐND", issued=date(2020, 2, 1), start=date(2020, 3, 1))


def test_check_relation_accepts_a_valid_relation() -> None:
    check_relation(source=SOURCE, target=DOC, kind=K.REPLACES, effective_on=date(2020, 3, 1))
    check_relation(source=SOURCE, target=DOC, kind=K.SUSPENDS, effective_on=date(2020, 2, 1), ends_on=date(2020, 2, 2))
    same_day = doc(did=3, issued=SOURCE.issued_on)
    check_relation(source=SOURCE, target=same_day, kind=K.REPEALS, effective_on=date(2020, 2, 1))


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        ({"target": SOURCE}, "self_reference", "target"),
        ({"effective_on": date(2020, 1, 31)}, "effective_before_issued", "effective_on"),
        ({"target": doc(did=3, issued=date(2020, 2, 2))}, "target_issued_later", "target"),
        ({"ends_on": date(2020, 6, 1)}, "ends_only_for_suspension", "ends_on"),
        ({"kind": K.SUSPENDS, "ends_on": date(2020, 3, 1)}, "ends_before_starts", "ends_on"),
        ({"kind": K.SUSPENDS, "ends_on": date(2020, 2, 1)}, "ends_before_starts", "ends_on"),
    ],
)
def test_check_relation_errors(kwargs: dict[str, object], code: str, field: str) -> None:
    arguments: dict[str, object] = {
        "source": SOURCE,
        "target": DOC,
        "kind": K.REPLACES,
        "effective_on": date(2020, 3, 1),
    }
    arguments.update(kwargs)
    with pytest.raises(TimelineError) as info:
        check_relation(**arguments)  # type: ignore[arg-type]
    err = info.value
    assert (err.code, err.field) == (code, field)
    assert err.message_vi and err.message_en and str(err) == err.message_en


# ----------------------------------------------------------------------------------------------------
# Replacement cycles
# ----------------------------------------------------------------------------------------------------


def test_two_cycle() -> None:
    assert find_replacement_cycle([(1, 2)], (2, 1)) == [2, 1]


def test_three_cycle() -> None:
    assert find_replacement_cycle([(1, 2), (2, 3)], (3, 1)) == [3, 1, 2]


def test_self_replacement_is_a_cycle() -> None:
    assert find_replacement_cycle([], (4, 4)) == [4]


def test_no_false_positives_on_chains_and_diamonds() -> None:
    assert find_replacement_cycle([(1, 2), (2, 3)], (3, 4)) is None
    assert find_replacement_cycle([(1, 2), (2, 3)], (1, 3)) is None  # shortcut, not a loop
    assert find_replacement_cycle([(1, 2), (1, 3), (2, 4), (3, 4)], (5, 1)) is None
    assert find_replacement_cycle([], (1, 2)) is None


def test_shortest_cycle_is_reported() -> None:
    edges = [(1, 2), (2, 3), (3, 4), (4, 5), (2, 5)]
    assert find_replacement_cycle(edges, (5, 1)) == [5, 1, 2]


# ----------------------------------------------------------------------------------------------------
# Properties
# ----------------------------------------------------------------------------------------------------

LABELS = ["Điều 1", "Điều 2", "Khoản 1 Điều 2", "Điều 10", "Điểm a Khoản 1 Điều 10"]
BASE = date(2000, 1, 1)
SPAN = 365 * 30


def dates(low: int = 0, high: int = SPAN) -> st.SearchStrategy[date]:
    return st.integers(low, high).map(lambda n: BASE + timedelta(days=n))


@st.composite
def documents(draw: st.DrawFn) -> DocumentFacts:
    issued = draw(st.none() | dates(0, SPAN // 2))
    floor = issued or BASE
    start = draw(st.none() | st.integers(0, 400).map(lambda n: floor + timedelta(days=n)))
    begin = start or floor
    until = draw(st.none() | st.integers(0, 5000).map(lambda n: begin + timedelta(days=n)))
    return DocumentFacts(id=1, number="01/2000/QĐ-UBND", issued_on=issued, effective_from=start, effective_until=until)


@st.composite
def relation_lists(draw: st.DrawFn) -> list[RelationFacts]:
    count = draw(st.integers(0, 7))
    relations = []
    for index in range(count):
        kind = draw(st.sampled_from(list(RelationKind)))
        effective_on = draw(dates())
        ends_on = None
        if kind is RelationKind.SUSPENDS and draw(st.booleans()):
            ends_on = effective_on + timedelta(days=draw(st.integers(1, 2000)))
        provisions = tuple(draw(st.lists(st.sampled_from(LABELS), max_size=3, unique=True)))
        source = draw(st.integers(2, 6))
        relations.append(
            RelationFacts(
                id=index + 1,
                kind=kind,
                source_id=source,
                source_number=f"{source:02d}/20{source:02d}/NQ-HĐND",
                effective_on=effective_on,
                ends_on=ends_on,
                provisions=provisions,
            )
        )
    return relations


def _shape(v: Validity) -> tuple[object, ...]:
    return (v.status, v.reason, v.provisions)


@settings(max_examples=150, deadline=None)
@given(documents(), relation_lists(), dates(-365, SPAN + 365))
def test_evaluate_never_raises_and_is_coherent(
    document: DocumentFacts, relations: list[RelationFacts], on: date
) -> None:
    v = evaluate(document, relations, on)
    assert v.on == on
    assert v.label() in {labels["vi"] for labels in STATUS_LABELS.values()}
    assert json.loads(json.dumps(v.to_dict())) == v.to_dict()
    if v.status in (Status.EXPIRED, Status.SUSPENDED):
        assert v.provisions == ()
    if v.status is Status.PARTIALLY_EXPIRED:
        assert any(p.status == "expired" for p in v.provisions)
    if v.status is Status.PARTIALLY_SUSPENDED:
        assert v.provisions and all(p.status == "suspended" for p in v.provisions)
    if v.reason in (Reason.TERM_ENDED, Reason.EFFECTIVE, Reason.NOT_YET_EFFECTIVE):
        assert v.caused_by == ()
    if v.since is not None:
        assert v.since <= on
        assert evaluate(document, relations, v.since).status is v.status
        if v.since > date.min:
            assert evaluate(document, relations, v.since - DAY).status is not v.status
    assert all(c.effective_on <= on for c in (*v.caused_by, *v.notes))


@settings(max_examples=100, deadline=None)
@given(documents(), relation_lists(), st.lists(dates(-365, SPAN + 365), min_size=1, max_size=5))
def test_status_matches_the_last_timeline_entry(
    document: DocumentFacts, relations: list[RelationFacts], days: list[date]
) -> None:
    entries = timeline(document, relations)
    assert entries[0].on == date.min
    assert [e.on for e in entries] == sorted({e.on for e in entries})
    assert all(_shape(a) != _shape(b) for a, b in itertools.pairwise(entries))
    for day in days + [e.on for e in entries]:
        current = [e for e in entries if e.on <= day][-1]
        assert _shape(evaluate(document, relations, day)) == _shape(current)


@settings(max_examples=100, deadline=None)
@given(documents(), relation_lists(), dates(), st.integers(0, SPAN))
def test_whole_replace_or_repeal_is_final(
    document: DocumentFacts, relations: list[RelationFacts], on: date, later: int
) -> None:
    whole = [
        r.effective_on
        for r in relations
        if r.kind in (RelationKind.REPLACES, RelationKind.REPEALS) and not r.provisions and r.effective_on <= on
    ]
    if not whole:
        return
    assert evaluate(document, relations, on).status is Status.EXPIRED
    assert evaluate(document, relations, on + timedelta(days=later)).status is Status.EXPIRED


@settings(max_examples=100, deadline=None)
@given(documents(), relation_lists(), dates(-365, SPAN + 365), st.randoms(use_true_random=False))
def test_evaluate_is_independent_of_relation_order(
    document: DocumentFacts, relations: list[RelationFacts], on: date, rnd: random.Random
) -> None:
    shuffled = list(relations)
    rnd.shuffle(shuffled)
    assert evaluate(document, shuffled, on) == evaluate(document, relations, on)
    assert evaluate(document, relations, on) == evaluate(document, relations, on)
    assert timeline(document, shuffled) == timeline(document, relations)


@settings(max_examples=100, deadline=None)
@given(documents(), relation_lists(), dates(-365, SPAN))
def test_nothing_changes_before_the_next_change_point(
    document: DocumentFacts, relations: list[RelationFacts], on: date
) -> None:
    following = next_change_after(document, relations, on)
    last_same = (following - DAY) if following is not None else on + timedelta(days=3650)
    assert _shape(evaluate(document, relations, last_same)) == _shape(evaluate(document, relations, on))
    if following is not None:
        assert following > on
        assert following in change_points(document, relations)


def _reachable(edges: list[tuple[int, int]], start: int, goal: int) -> bool:
    seen, stack = {start}, [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for a, b in edges:
            if a == node and b not in seen:
                seen.add(b)
                stack.append(b)
    return False


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 8), st.integers(1, 8)), max_size=12),
    st.tuples(st.integers(1, 8), st.integers(1, 8)),
)
def test_cycle_detection_matches_reachability(edges: list[tuple[int, int]], new_edge: tuple[int, int]) -> None:
    cycle = find_replacement_cycle(edges, new_edge)
    source, target = new_edge
    expected = source == target or _reachable(edges, target, source)
    assert (cycle is not None) is expected
    if cycle is not None:
        assert cycle[0] == source and len(set(cycle)) == len(cycle)
        closing = [*edges, new_edge]
        for a, b in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
            assert (a, b) in closing
