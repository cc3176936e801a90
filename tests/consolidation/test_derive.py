"""Relations derived from confirmed operations (decision 0018 §2): pure, no database."""

from __future__ import annotations

import datetime as dt

from backend.catalogue.validity import RelationKind
from backend.consolidation.derive import OperationFacts, RelationRow, derive

ON = dt.date(2025, 7, 1)
LATER = dt.date(2026, 1, 1)


def op(kind: str, eid: str = "", on: dt.date = ON, **extra: object) -> OperationFacts:
    return OperationFacts(kind=kind, target_eid=eid, applies_on=on, **extra)  # type: ignore[arg-type]


def test_one_relation_per_kind_and_date_with_the_labels_in_order() -> None:
    rows = derive(
        [
            op("replace", "dieu-5/khoan-2"),
            op("rename", "dieu-3"),
            op("repeal", "dieu-9"),
            op("insert_after", "dieu-15a"),
            op("replace", "dieu-10", on=LATER),
        ]
    )
    assert rows == [
        RelationRow(RelationKind.AMENDS, ON, ("Điều 3", "Khoản 2 Điều 5"), None, ()),
        RelationRow(RelationKind.REPEALS, ON, ("Điều 9",), None, ()),
        RelationRow(RelationKind.SUPPLEMENTS, ON, ("Điều 15a",), None, ()),
        RelationRow(RelationKind.AMENDS, LATER, ("Điều 10",), None, ()),
    ]


def test_a_regulation_provision_is_named_as_the_regulations() -> None:
    """The decision's own Điều 1 and its regulation's Điều 1 are two provisions: the status of one is not the
    other's. The decision's come first, as printed."""
    (row,) = derive([op("replace", "quy-dinh/dieu-5/khoan-2/diem-dd"), op("rename", "quy-dinh/dieu-1")])
    assert row.provisions == ("Điều 1 (Quy định)", "Điểm đ Khoản 2 Điều 5 (Quy định)")
    (amends, repeals) = derive([op("replace", "dieu-1"), op("repeal", "quy-dinh/dieu-1")])
    assert (amends.provisions, repeals.provisions) == (("Điều 1",), ("Điều 1 (Quy định)",))


def test_words_name_their_scope_and_throughout_name_nothing() -> None:
    rows = derive(
        [
            op("substitute_words", scope_eids=("dieu-4/khoan-1", "dieu-2")),
            op("delete_words", on=LATER),
        ]
    )
    assert rows[0].provisions == ("Điều 2", "Khoản 1 Điều 4")
    # An amendment naming no provision is only noted by the validity engine: words changed throughout.
    assert rows[1] == RelationRow(RelationKind.AMENDS, LATER, (), None, ())


def test_a_whole_repeal_names_no_provision_even_beside_repealed_articles() -> None:
    (row,) = derive([op("repeal", "dieu-2"), op("repeal_document")])
    assert row == RelationRow(RelationKind.REPEALS, ON, (), None, ())


def test_an_annex_only_repeal_is_never_a_whole_repeal() -> None:
    """An empty provision list on a repeal means the whole document: an annex repeal must not become one."""
    rows = derive([op("repeal", "phu-luc-ii"), op("replace_annex", "mau-so-01")])
    assert rows == [RelationRow(RelationKind.AMENDS, ON, (), None, ("mau-so-01", "phu-luc-ii"))]


def test_an_annex_only_suspension_is_never_a_whole_suspension() -> None:
    rows = derive([op("suspend", "mau-so-02", ends_on=LATER)])
    assert rows == [RelationRow(RelationKind.AMENDS, ON, (), None, ("mau-so-02",))]


def test_suspensions_of_one_day_are_one_relation_to_the_last_end() -> None:
    rows = derive(
        [
            op("suspend", "dieu-1", ends_on=dt.date(2025, 9, 1)),
            op("suspend", "dieu-2", ends_on=LATER),
        ]
    )
    assert rows == [RelationRow(RelationKind.SUSPENDS, ON, ("Điều 1", "Điều 2"), LATER, ())]
    (open_ended,) = derive([op("suspend", "dieu-1", ends_on=LATER), op("suspend", "dieu-2")])
    assert open_ended.ends_on is None


def test_unknown_kinds_derive_nothing() -> None:
    assert derive([op("unknown")]) == []
