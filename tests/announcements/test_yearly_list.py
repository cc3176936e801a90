"""The yearly list of expired and suspended documents: a timeline across a year gives the expected rows."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.announcements.models import AnnouncementRow
from backend.audit.models import AuditEntry
from tests.catalogue import factories as f

pytestmark = pytest.mark.django_db

URL = "/api/v1/announcements/"


@pytest.fixture
def timeline(db: None) -> dict[str, Any]:
    f.authority("UBND-AG")
    f.authority("UBND-KG")
    docs = {
        "replaced": f.document("01/2020/QĐ-UBND", issued="2020-01-02", effective="2020-01-12"),
        "term": f.document("02/2019/QĐ-UBND", issued="2019-01-02", effective="2019-01-12", until="2025-06-30"),
        "amended": f.document("03/2021/QĐ-UBND", issued="2021-01-02", effective="2021-01-12"),
        "suspended": f.document("04/2021/QĐ-UBND", issued="2021-02-02", effective="2021-02-12"),
        "earlier": f.document("05/2018/QĐ-UBND", issued="2018-01-02", effective="2018-01-12"),
        "later": f.document("06/2020/QĐ-UBND", issued="2020-03-02", effective="2020-03-12"),
        "in_force": f.document("07/2022/QĐ-UBND", issued="2022-01-02", effective="2022-01-12"),
        "elsewhere": f.document("08/2020/QĐ-UBND", issuer="UBND-KG", issued="2020-01-02", effective="2020-01-12"),
    }
    new = f.document("20/2025/QĐ-UBND", issued="2025-02-10", effective="2025-03-01")
    f.relate(new, "replaces", docs["replaced"], "2025-03-01")
    amending = f.document("21/2025/QĐ-UBND", issued="2025-04-20", effective="2025-05-01")
    f.relate(amending, "amends", docs["amended"], "2025-05-01", provisions=["Điều 3"])
    suspending = f.document("22/2025/QĐ-UBND", issued="2025-07-20", effective="2025-08-01")
    f.relate(suspending, "suspends", docs["suspended"], "2025-08-01")
    old_repeal = f.document("23/2024/QĐ-UBND", issued="2024-01-20", effective="2024-02-01")
    f.relate(old_repeal, "repeals", docs["earlier"], "2024-02-01")
    next_year = f.document("01/2026/QĐ-UBND", issued="2025-12-20", effective="2026-01-05")
    f.relate(next_year, "repeals", docs["later"], "2026-01-05")
    f.relate(new, "replaces", docs["elsewhere"], "2025-03-01")
    return docs


def rows_by_number(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["document"]["number"]: r for r in data["rows"] if not r["removed"]}


def test_a_year_of_changes_gives_the_expected_rows(
    officer_api: APIClient, anon: APIClient, timeline: dict[str, Any]
) -> None:
    res = officer_api.post(URL, {"year": 2025, "issuers": ["UBND-AG"]}, format="json")
    assert res.status_code == 201, res.data
    rows = rows_by_number(res.data)
    assert set(rows) == {"01/2020/QĐ-UBND", "02/2019/QĐ-UBND", "03/2021/QĐ-UBND", "04/2021/QĐ-UBND", "05/2018/QĐ-UBND"}
    replaced = rows["01/2020/QĐ-UBND"]
    assert (replaced["scope"], replaced["status"], replaced["reason"], replaced["since"]) == (
        "whole",
        "expired",
        "replaced",
        "2025-03-01",
    )
    assert replaced["reason_label"] == "Bị thay thế" and replaced["caused_by"][0]["number"] == "20/2025/QĐ-UBND"
    term = rows["02/2019/QĐ-UBND"]
    assert (term["reason"], term["since"], term["caused_by"]) == ("term_ended", "2025-07-01", [])
    partial = rows["03/2021/QĐ-UBND"]
    assert partial["scope"] == "partial" and partial["reason"] == "amended"
    assert partial["provisions"] == [{"provision": "Điều 3", "status": "expired", "reason": "amended"}]
    assert partial["caused_by"][0]["number"] == "21/2025/QĐ-UBND" and partial["since"] == "2025-05-01"
    assert rows["04/2021/QĐ-UBND"]["status"] == "suspended"
    # Expired in 2024 and on no published list: added as missed.
    assert rows["05/2018/QĐ-UBND"]["since"] == "2024-02-01" and "missed" in rows["05/2018/QĐ-UBND"]["note"]
    announcement = res.data
    assert AuditEntry.objects.filter(object_type="announcements.announcement", action="create").count() == 1

    # Drafts are for staff only.
    assert anon.get(URL, {"year": 2025}).data["count"] == 0
    url = f"{URL}{announcement['id']}/"
    assert anon.get(url).status_code == 404

    # An officer edits the draft: takes a row off and adds one back, each with a reason.
    row_id = rows["05/2018/QĐ-UBND"]["id"]
    assert officer_api.post(url + "remove-row/", {"row": row_id, "version": 1}, format="json").status_code == 400
    res = officer_api.post(
        url + "remove-row/", {"row": row_id, "note": "Đã công bố trên giấy năm 2024", "version": 1}, format="json"
    )
    assert res.status_code == 200 and "05/2018/QĐ-UBND" not in rows_by_number(res.data)
    assert AnnouncementRow.objects.get(pk=row_id).removed  # kept, marked
    # A document still in force at the end of the year cannot be listed as expired, whatever the reason given.
    in_force = timeline["in_force"].pk
    res = officer_api.post(
        url + "add-row/",
        {"document": in_force, "scope": "whole", "note": "Theo đề nghị của Sở", "version": 2},
        format="json",
    )
    assert res.status_code == 400 and res.data["code"] == "not_expired" and res.data["errors"]["document"]
    assert "Còn hiệu lực" in res.data["message_vi"] and "07/2022/QĐ-UBND" in res.data["message_en"]
    res = officer_api.post(
        url + "add-row/",
        {"document": timeline["amended"].pk, "scope": "whole", "note": "x", "version": 2},
        format="json",
    )
    assert res.status_code == 400 and res.data["code"] == "not_expired"  # it expired in part only
    # A removed row added back with a reason counts again.
    res = officer_api.post(
        url + "add-row/",
        {"document": timeline["earlier"].pk, "scope": "whole", "note": "Chưa công bố năm trước", "version": 2},
        format="json",
    )
    assert res.status_code == 200 and rows_by_number(res.data)["05/2018/QĐ-UBND"]["added_manually"]

    # draft → submitted → approved → published, versioned; then public.
    assert officer_api.post(url + "publish/", {"version": 3}, format="json").status_code == 409
    assert officer_api.post(url + "submit/", {"version": 2}, format="json").status_code == 412
    for step, version in (("submit", 3), ("approve", 4), ("publish", 5)):
        res = officer_api.post(url + f"{step}/", {"version": version}, format="json")
        assert res.status_code == 200, (step, res.data)
    assert res.data["state"] == "published" and res.data["published_on"]
    assert (
        officer_api.post(
            url + "add-row/", {"document": in_force, "scope": "whole", "note": "x", "version": 6}, format="json"
        ).status_code
        == 409
    )
    public = anon.get(URL, {"year": 2025}).data
    assert public["count"] == 1 and "05/2018/QĐ-UBND" in rows_by_number(public["results"][0])

    # Next year's draft leaves out what a published list dealt with (listed, or taken off with a reason).
    later = officer_api.post(URL, {"year": 2026, "issuers": ["UBND-AG"]}, format="json").data
    assert set(rows_by_number(later)) == {"06/2020/QĐ-UBND"}


def test_bad_input_and_permissions(
    officer_api: APIClient, reviewer_api: APIClient, anon: APIClient, timeline: dict[str, Any]
) -> None:
    assert reviewer_api.post(URL, {"year": 2025}, format="json").status_code == 403
    assert anon.post(URL, {"year": 2025}, format="json").status_code in (401, 403)
    for body in ({}, {"year": "x"}, {"year": 1800}, {"year": 2025, "issuers": ["NOPE"]}):
        res = officer_api.post(URL, body, format="json")
        assert res.status_code == 400 and res.data["message_en"], (body, res.data)
    assert anon.get(URL, {"year": "abc"}).status_code == 400
    assert reviewer_api.get(URL).status_code == 200


def test_the_docx_tables_hold_exactly_the_rows(
    officer_api: APIClient, anon: APIClient, timeline: dict[str, Any]
) -> None:
    import io

    import docx
    import openpyxl

    from backend.announcements.export import data_rows

    created = officer_api.post(URL, {"year": 2025, "issuers": ["UBND-AG"]}, format="json").data
    url = f"{URL}{created['id']}/"
    res = officer_api.get(url + "export/", {"format": "docx"})
    assert res.status_code == 200 and res["Content-Disposition"].endswith('2025.docx"')
    document = docx.Document(io.BytesIO(res.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "QUYẾT ĐỊNH" in text and "toàn bộ hoặc một phần năm 2025" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in document.tables[0].cell(0, 1).text
    whole, partial = document.tables[1], document.tables[2]
    assert [c.text for c in whole.rows[0].cells] == [
        "STT",
        "Tên loại văn bản",
        "Số, ký hiệu; ngày, tháng, năm ban hành",
        "Tên gọi của văn bản",
        "Lý do hết hiệu lực, ngưng hiệu lực",
        "Ngày hết hiệu lực, ngưng hiệu lực",
    ]
    expected_whole = {r["document"]["number"] for r in created["rows"] if r["scope"] == "whole"}
    assert {row[2].split(" ngày ")[0] for row in data_rows(whole)} == expected_whole
    assert len(data_rows(whole)) == len(expected_whole) == 4
    replaced = next(r for r in data_rows(whole) if r[2].startswith("01/2020/QĐ-UBND"))
    assert replaced == [
        replaced[0],
        "Quyết định",
        "01/2020/QĐ-UBND ngày 02/01/2020",
        replaced[3],
        "Bị thay thế bởi văn bản số 20/2025/QĐ-UBND",
        "01/03/2025",
    ]
    assert whole.rows[1].cells[0].text.startswith("I. QUYẾT ĐỊNH CỦA")  # the group row
    [amended] = data_rows(partial)
    assert amended[2].startswith("03/2021/QĐ-UBND") and amended[4].startswith("Điều 3: được sửa đổi")
    sheet = officer_api.get(url + "export/", {"format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(sheet.content))
    numbered = [r for r in book["Toàn bộ"].iter_rows(values_only=True) if isinstance(r[0], int)]
    assert len(numbered) == 4
    assert officer_api.get(url + "export/", {"format": "pdf"}).status_code == 400
    assert anon.get(url + "export/").status_code == 404  # a draft is not public


def test_the_january_task_drafts_the_year_once_and_tells_the_officers(officer: Any, timeline: dict[str, Any]) -> None:
    from backend.announcements.models import Announcement
    from backend.notifications.models import Notification
    from workers import tasks

    made = tasks.announcements_yearly_draft(2025)
    assert made is not None
    announcement = Announcement.objects.get(pk=made)
    assert announcement.state == "draft" and announcement.rows.filter(document__number="01/2020/QĐ-UBND").exists()
    notice = Notification.objects.get(user=officer, kind="announcement_draft")
    assert "năm 2025" in notice.message_vi and notice.link == f"/can-bo/danh-muc/{made}"
    assert tasks.announcements_yearly_draft(2025) is None  # a second run (a retry, beat firing twice) makes nothing
    assert Announcement.objects.count() == 1


def test_the_page_and_the_docx_word_each_reason_alike_and_the_title_is_whole(
    officer_api: APIClient, timeline: dict[str, Any]
) -> None:
    import io

    import docx

    from backend.announcements.export import data_rows

    # Enough issuers for a title longer than 300 characters: it is kept whole (it used to be cut at 300).
    many = [f.authority(f"UBND-X{i}", name=f"Ủy ban nhân dân huyện thứ {i} của tỉnh An Giang").code for i in range(8)]
    created = officer_api.post(URL, {"year": 2025, "issuers": ["UBND-AG", *many]}, format="json").data
    assert len(created["title"]) > 300 and created["title"].endswith("Ủy ban nhân dân huyện thứ 7 của tỉnh An Giang)")
    rows = rows_by_number(created)
    assert rows["01/2020/QĐ-UBND"]["reason_text"] == "Bị thay thế bởi văn bản số 20/2025/QĐ-UBND"
    assert rows["03/2021/QĐ-UBND"]["reason_text"] == "Điều 3: được sửa đổi bởi văn bản số 21/2025/QĐ-UBND"
    res = officer_api.get(f"{URL}{created['id']}/export/", {"format": "docx"})
    document = docx.Document(io.BytesIO(res.content))
    in_docx = {row[2].split(" ngày ")[0]: row[4] for table in document.tables[1:3] for row in data_rows(table)}
    assert in_docx == {number: row["reason_text"] for number, row in rows.items()}


def test_the_systematization_words_its_reasons_as_the_yearly_list(anon: APIClient, timeline: dict[str, Any]) -> None:
    res = anon.get("/api/v1/systematization/", {"from": 2021, "to": 2025, "issuer": "UBND-AG"})
    assert res.status_code == 200, res.data
    by_number = {r["document"]["number"]: r for r in res.data["expired_whole"] + res.data["expired_partial"]}
    assert by_number["01/2020/QĐ-UBND"]["reason_text"] == "Bị thay thế bởi văn bản số 20/2025/QĐ-UBND"
    assert by_number["03/2021/QĐ-UBND"]["reason_text"] == "Điều 3: được sửa đổi bởi văn bản số 21/2025/QĐ-UBND"


def test_a_draft_document_cannot_be_added_to_a_list_the_public_will_read(
    officer_api: APIClient, anon: APIClient, timeline: dict[str, Any]
) -> None:
    """A yearly list is published to everyone, so it may name published documents only: the computation takes
    those alone, and an officer's added row is held to the same (a draft would reach the public with the list)."""
    draft = f.document(
        "09/2019/QĐ-UBND", issued="2019-03-02", effective="2019-03-12", until="2025-04-30", published=False
    )
    created = officer_api.post(URL, {"year": 2025, "issuers": ["UBND-AG"]}, format="json").data
    assert "09/2019/QĐ-UBND" not in rows_by_number(created)  # expired in 2025, but a draft: not computed
    url = f"{URL}{created['id']}/"
    res = officer_api.post(
        url + "add-row/",
        {"document": draft.pk, "scope": "whole", "note": "Bổ sung", "version": created["version"]},
        format="json",
    )
    assert res.status_code == 400 and res.data["code"] == "not_published" and res.data["errors"]["document"]
    assert "09/2019/QĐ-UBND" in res.data["message_vi"] and res.data["message_en"]
    for step, version in (("submit", 1), ("approve", 2), ("publish", 3)):
        assert officer_api.post(url + f"{step}/", {"version": version}, format="json").status_code == 200
    assert "09/2019" not in anon.get(url).content.decode()  # before the check: its number and title were here
