"""Importing the Sở Tư pháp's tracking sheet (.xlsx) as recommendations."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from rest_framework.test import APIClient

from backend.catalogue.models import Document
from backend.reviews.models import Recommendation
from backend.reviews.tracker import import_tracker, match_targets
from legal import numbers
from tests.catalogue import factories as f

pytestmark = pytest.mark.django_db

TRACKER = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "angiang_vbqppl_tracker"

# The real layout of the "cần xử lý" sheet of resolutions (two header rows; "Hình thức xử lý" split below).
NQ_HEADER = [
    "STT", "Tên gọi văn bản", "Cơ quan soạn thảo", "Hình thức xử lý", None, None, None, "Người xử lý",
    "Văn bản đăng ký xây dựng NQ của cơ quan soạn thảo", "Ngày nhận/Số vb phúc đáp",
    "Văn bản đăng ký xây dựng NQ của UBND tỉnh", "Ý kiến chấp thuận của TT.HĐND tỉnh", "Ngày dự kiến trình ban hành",
    "Gửi lấy ý kiến góp ý (nếu có)", "Ngày nhận/Số vb phúc đáp", "Gửi Sở Tư pháp thẩm định",
    "Ngày nhận/Số vb phúc đáp", "Cơ quan soạn thảo trình UBND tỉnh", "UBND tỉnh trình HĐND tỉnh",
    "Số, trích yếu, ngày, tháng, năm ban hành VBQPPL", "Ghi chú",
]  # fmt: skip
NQ_SUB = [None, None, None, "Thay thế", "Bãi bỏ", "Ban hành mới", "Chưa xác định"]
DONE_HEADER = [
    "STT", "TÊN GỌI VĂN BẢN", "Cơ quan soạn thảo", "Hình thức xử lý", None, None, None, None, "Người xử lý",
    "VB đăng ký xây dựng", "Ngày nhận/Số vb phúc đáp", "Chấp thuận của UBND tỉnh", "Ngày dự kiến trình ban hành",
    "VB lấy ý kiến góp ý (nếu có)", "Ngày nhận/Số vb phúc đáp", "VB gửi Sở Tư pháp thẩm định",
    "Ngày nhận/Số vb phúc đáp", "VB trình UBND tỉnh ban hành", "Số, ngày, tháng năm ban hành VBQPPL",
    "Thời gian xử lý",
]  # fmt: skip
DONE_SUB = [
    None,
    None,
    None,
    "Thay thế",
    "Bãi bỏ",
    "Ban hành mới",
    "Hết hiệu lực theo thời gian",
    "Giữ nguyên không xử lý",
]


def row(width: int, **cells: Any) -> list[Any]:
    out: list[Any] = [None] * width
    for index, value in cells.items():
        out[int(index.removeprefix("c"))] = value
    return out


def workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for r in rows:
            sheet.append(r)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def catalogue(db: None) -> dict[str, Any]:
    f.authority("HDND-AG-OLD")
    f.authority("HDND-KG")
    f.authority("UBND-AG-OLD")
    f.authority("UBND-AG")
    return {
        # The same number under two issuers: the province named in the sheet decides.
        "ag": f.document("19/2022/NQ-HĐND", issuer="HDND-AG-OLD", issued="2022-12-07", effective="2022-12-17"),
        "kg": f.document("19/2022/NQ-HĐND", issuer="HDND-KG", issued="2022-12-09", effective="2022-12-19"),
        "ag15": f.document("15/2023/NQ-HĐND", issuer="HDND-AG-OLD", issued="2023-07-13", effective="2023-07-23"),
        "qd": f.document("11/2021/QĐ-UBND", issuer="UBND-AG-OLD", issued="2021-03-16", effective="2021-03-26"),
        "new": f.document("07/2025/QĐ-UBND", issuer="UBND-AG", issued="2025-09-26", effective="2025-10-06"),
    }


def sample() -> bytes:
    w = len(NQ_HEADER)
    todo = [
        NQ_HEADER,
        NQ_SUB + [None] * (w - len(NQ_SUB)),
        row(
            w,
            c0=1,
            c1="Nghị quyết quy định mức thu lệ phí đăng ký cư trú trên địa bàn tỉnh An Giang (thay thế Nghị quyết "
            "số 19/2022/NQ-HĐND ngày 07/12/2022 và Nghị quyết số 15/2023/NQ-HĐND ngày 13/7/2023 của Hội đồng nhân "
            "dân tỉnh An Giang)",
            c2="Công an tỉnh",
            c3=2,
            c7="Chuyên viên 1",
            c8="Tờ trình số 194/TTr-CAT-QLHC ngày 16/10/2025",
            c9="Công văn số 2170/STP-XDTHPL ngày 02/10/2025",
            c10="Tờ trình số 292/TTr-UBND ngày 03/11/2025",
            c11="Thông báo số 313/TB-TTHĐND ngày 09/12/2025",
            c12="Kỳ họp giữa năm 2026",
        ),
        row(w, c0=2, c1="Nghị quyết số 99/2020/NQ-HĐND của HĐND tỉnh Kiên Giang", c2="Sở Tài chính", c6=1),
        row(w, c0=3, c2="Sở Nội vụ", c4=1),  # no name
        row(w, c0=4, c1="Nghị quyết số 19/2022/NQ-HĐND của HĐND tỉnh Kiên Giang", c2="Sở Y tế", c4=1),
    ]
    wd = len(DONE_HEADER)
    done = [
        DONE_HEADER,
        DONE_SUB + [None] * (wd - len(DONE_SUB)),
        row(
            wd,
            c0=1,
            c1="Quyết định số 11/2021/QĐ-UBND ngày 16/3/2021 của Ủy ban nhân dân tỉnh An Giang",
            c2="Sở Văn hóa và Thể thao",
            c3=1,
            c8="Chuyên viên 3",
            c18="Quyết định số 07/2025/QĐ-UBND ngày 26/9/2025 của Ủy ban nhân dân tỉnh An Giang",
            c19="Tháng 9/2025",
        ),
        row(wd, c0=2, c1="Quyết định số 01/2015/QĐ-UBND", c2="Sở Nội vụ", c6=1),
    ]
    return workbook({"NQ can xu ly": todo, "QD UBND da xu ly": done})


def test_rows_become_recommendations_and_unreadable_rows_are_reported(catalogue: dict[str, Any]) -> None:
    report = import_tracker(sample(), actor="tests")
    assert (report.created, report.updated, report.resolved) == (3, 0, 1)
    assert report.sheets == {"NQ can xu ly": 2, "QD UBND da xu ly": 1}
    skipped = {(p.sheet, p.row): p.reason_en for p in report.skipped}
    assert skipped == {
        ("NQ can xu ly", 4): "No recommendation: the handling is not decided yet.",
        ("NQ can xu ly", 5): "The row has no document name.",
        ("QD UBND da xu ly", 4): "No recommendation: expired at the end of its term.",
    }
    assert report.unmatched_numbers == []

    replace = Recommendation.objects.get(source_ref="tracker:NQ can xu ly:3")
    assert replace.action == "replace" and replace.status == "in_progress"
    assert {d.pk for d in replace.targets.all()} == {catalogue["ag"].pk, catalogue["ag15"].pk}  # An Giang's 19/2022
    assert replace.drafting_body == "Công an tỉnh" and replace.officer == "Chuyên viên 1"
    steps = {s.kind: s for s in replace.steps.all()}
    assert steps["registration"].reference == "Tờ trình số 194/TTr-CAT-QLHC ngày 16/10/2025"
    assert "Phúc đáp: Công văn số 2170/STP-XDTHPL" in steps["registration"].note
    assert steps["approval"].reference == "Thông báo số 313/TB-TTHĐND ngày 09/12/2025"
    assert "Kỳ họp giữa năm 2026" in replace.note

    repeal = Recommendation.objects.get(source_ref="tracker:NQ can xu ly:6")
    assert repeal.action == "repeal" and [d.pk for d in repeal.targets.all()] == [catalogue["kg"].pk]

    done = Recommendation.objects.get(source_ref="tracker:QD UBND da xu ly:3")
    assert done.status == "resolved" and done.resolved_by == catalogue["new"]
    assert [d.pk for d in done.targets.all()] == [catalogue["qd"].pk]
    assert "Thời gian xử lý: Tháng 9/2025" in done.note


def test_a_re_import_updates_instead_of_duplicating(catalogue: dict[str, Any]) -> None:
    import_tracker(sample(), actor="tests")
    again = import_tracker(sample(), actor="tests")
    assert (again.created, again.updated) == (0, 3)
    assert Recommendation.objects.count() == 3


def test_numbers_not_in_the_catalogue_are_listed(catalogue: dict[str, Any]) -> None:
    w = len(NQ_HEADER)
    data = workbook(
        {
            "NQ": [
                NQ_HEADER,
                NQ_SUB + [None] * (w - len(NQ_SUB)),
                row(w, c0=1, c1="Nghị quyết bãi bỏ Nghị quyết số 88/2019/NQ-HĐND", c4=1),
            ]
        }
    )
    report = import_tracker(data, actor="tests")
    assert report.created == 1
    assert report.unmatched_numbers == [{"sheet": "NQ", "row": 3, "number": "88/2019/NQ-HĐND"}]


def _imported(client: APIClient, res: Any) -> Any:
    """The job the import answered, after the worker ran it (as workers.tasks.run_import does)."""
    from tests.catalogue.jobs import run_job

    assert res.status_code == 202 and res.data["kind"] == "tracker", res.data
    run_job(res)
    return client.get(f"/api/v1/imports/{res.data['id']}/").data


def test_the_api_takes_an_xlsx_as_a_job_and_refuses_bad_files(
    catalogue: dict[str, Any], officer_api: APIClient, reviewer_api: APIClient
) -> None:
    url = "/api/v1/recommendations/import/"
    job = _imported(officer_api, officer_api.post(url, {"file": io.BytesIO(sample())}, format="multipart"))
    assert job["state"] == "succeeded", job
    assert job["report"]["created"] == 3 and len(job["report"]["skipped"]) == 3
    assert job["report"]["skipped"][0]["message_vi"]
    assert reviewer_api.post(url, {"file": io.BytesIO(sample())}, format="multipart").status_code == 403
    for content in (b"not a workbook", b"PK\x03\x04broken zip"):
        bad = officer_api.post(url, {"file": io.BytesIO(content)}, format="multipart")
        assert bad.status_code == 400 and "file" in bad.data["errors"], bad.data
    assert officer_api.post(url, {}, format="multipart").status_code == 400
    other = workbook({"Sheet": [["a", "b"], [1, 2]]})
    job = _imported(officer_api, officer_api.post(url, {"file": io.BytesIO(other)}, format="multipart"))
    assert job["state"] == "failed" and job["report"]["errors"][0]["code"] == "not_a_tracker", job
    assert Recommendation.objects.count() == 3


def test_the_tracker_import_runs_in_the_worker_not_the_request(
    catalogue: dict[str, Any], officer_api: APIClient
) -> None:
    res = officer_api.post("/api/v1/recommendations/import/", {"file": io.BytesIO(sample())}, format="multipart")
    assert res.status_code == 202 and res.data["state"] == "pending"
    assert Recommendation.objects.count() == 0  # nothing imported until the worker runs the job


@pytest.mark.corpus
def test_the_real_sheet_imports_and_no_row_is_dropped_silently(db: None) -> None:
    from backend.catalogue.importers import readers
    from backend.catalogue.importers.service import import_bundle

    demo = Path(__file__).resolve().parents[2] / "backend" / "demo" / "demo.json"
    import_bundle(readers.read_file(demo.read_bytes(), demo.name), actor="tests")  # built from this very sheet
    sheets: dict[str, list[list[Any]]] = {}
    data_rows = 0
    for path in sorted(TRACKER.glob("*.csv")):
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        letters = [k for k in rows[0] if k != "xlsx_row"]
        sheets[path.stem] = [[r[k] or None for k in letters] for r in rows]
        data_rows += sum(1 for r in rows[2:] if any(r[k] for k in letters))
    report = import_tracker(workbook(sheets), actor="tests")
    assert report.created + len(report.skipped) == data_rows  # every row: imported or reported
    # Most rows of the "cần xử lý" sheets are still "Chưa xác định" (no decision yet): reported, not imported.
    reasons = {p.reason_en for p in report.skipped}
    assert reasons <= {
        "No recommendation: the handling is not decided yet.",
        "No recommendation: expired at the end of its term.",
        "No recommendation: kept as it is.",
        "No recommendation: no handling form is marked.",
        "The row has no document name.",
    }
    assert report.created >= 150 and report.resolved >= 50
    assert Recommendation.objects.count() == report.created
    # The demo catalogue holds the documents the sheet names in column B, not every one it cites in passing
    # ("thay thế Nghị quyết số …"): those are listed as unmatched. Measured: 87 of 181 linked, 99 numbers unmatched.
    linked = Recommendation.objects.filter(targets__isnull=False).distinct().count()
    assert linked >= 80
    held_once = {
        u["number"]
        for u in report.unmatched_numbers
        if Document.objects.filter(number_key=numbers.number_key(u["number"])).count() == 1
    }
    assert held_once == set()  # a number held by exactly one catalogued document is always linked


def test_targets_are_found_by_the_one_number_finder(catalogue: dict[str, Any]) -> None:
    found, unmatched = match_targets(
        "Quyết định sửa đổi Quyết định số 11 / 2021 / QĐ-UBND, thay thế Nghị quyết số 19/2022/NQ-HĐND của HĐND "
        "tỉnh Kiên Giang, Nghị quyết số 19/2022/NQ-HĐND (không rõ tỉnh), Công văn số 123/UBND-NC và Nghị quyết số "
        "15/2023/NQ-HĐND."
    )
    # A number ending the sentence is found (the tracker's own regex took the "." into the symbol and lost it);
    # the province after a number held in two provinces decides; a yearless correspondence number is not a target.
    assert found == [catalogue["qd"], catalogue["kg"], catalogue["ag15"]]
    assert unmatched == ["19/2022/NQ-HĐND"]
