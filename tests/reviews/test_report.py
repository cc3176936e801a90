"""The yearly review report against the seed (DOMAIN.md): Kiên Giang, 2017.

"HĐND and UBND issued 51 VBQPPL; 26 documents were reviewed, recommending replacement of 5 resolutions and 10
decisions and repeal of 5 resolutions and 6 decisions." The year is built with the JSON import and the review
API, then the report must show exactly those numbers, as JSON, .docx and .xlsx.
"""

from __future__ import annotations

import io
import json
from typing import Any

import docx
import openpyxl
import pytest
from rest_framework.test import APIClient

from backend.reviews.models import ReviewTask
from tests.reviews.conftest import PLANS, TASKS

pytestmark = pytest.mark.django_db

REPORT = "/api/v1/reports/reviews/"


def _document(number: str, type_name: str, issuer: str, issued: str) -> dict[str, Any]:
    y, m, d = issued.split("-")
    return {
        "number": number,
        "type": type_name,
        "issuer": issuer,
        "title": f"{type_name} {number}",
        "issued_on": issued,
        "effective_from": f"{y}-{m}-{int(d) + 10:02d}",
    }


def seed_bundle() -> dict[str, Any]:
    docs = []
    # Issued in 2017: 17 resolutions of the HĐND, 34 decisions of the UBND (51).
    docs += [_document(f"{n:02d}/2017/NQ-HĐND", "Nghị quyết", "HDND-KG", "2017-07-14") for n in range(1, 18)]
    docs += [_document(f"{n:02d}/2017/QĐ-UBND", "Quyết định", "UBND-KG", "2017-03-01") for n in range(1, 35)]
    # Reviewed in 2017: 10 older resolutions and 16 older decisions (26).
    docs += [_document(f"{n:02d}/2012/NQ-HĐND", "Nghị quyết", "HDND-KG", "2012-07-10") for n in range(1, 11)]
    docs += [_document(f"{n:02d}/2013/QĐ-UBND", "Quyết định", "UBND-KG", "2013-04-02") for n in range(1, 17)]
    # Another province's 2017 documents must not count.
    docs += [_document("99/2017/QĐ-UBND", "Quyết định", "UBND-AG", "2017-05-05")]
    return {
        "authorities": [
            {"code": "HDND-KG", "name": "Hội đồng nhân dân tỉnh Kiên Giang", "level": "province"},
            {"code": "UBND-KG", "name": "Ủy ban nhân dân tỉnh Kiên Giang", "level": "province"},
            {"code": "UBND-AG", "name": "Ủy ban nhân dân tỉnh An Giang", "level": "province"},
        ],
        "documents": docs,
        "relations": [],
    }


def outcome_for(task: ReviewTask) -> str:
    serial = int(task.document.number.split("/")[0])
    if task.document.number.endswith("NQ-HĐND"):
        return "replace" if serial <= 5 else "repeal"  # 5 + 5 resolutions
    return "replace" if serial <= 10 else "repeal"  # 10 + 6 decisions


def test_the_2017_report_shows_the_seed_figures(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any, anon: APIClient
) -> None:
    officer, officer2, reviewer = people["officer"][1], people["officer2"][1], people["reviewer"][1]
    upload = io.BytesIO(json.dumps(seed_bundle()).encode())
    upload.name = "kien-giang-2017.json"
    with django_capture_on_commit_callbacks(execute=True):
        res = officer.post("/api/v1/imports/", {"file": upload}, format="multipart")
    assert res.status_code in (201, 202), res.data
    plan = officer.post(
        PLANS,
        {
            "title": "Rà soát văn bản quy phạm pháp luật năm 2017",
            "kind": "periodic",
            "scope": {"issued_to": "2016-12-31"},
            "deadline": "2017-12-31",
            "reviewer": "reviewer1",
        },
        format="json",
    )
    assert plan.status_code == 201 and plan.data["tasks"] == 26
    for task in ReviewTask.objects.filter(plan_id=plan.data["id"]).select_related("document"):
        url = f"{TASKS}{task.pk}/"
        sent = reviewer.post(url + "submit/", {"version": 1, "outcome": outcome_for(task)}, format="json")
        assert sent.status_code == 200, sent.data
        assert officer2.post(url + "approve/", {"version": 2}, format="json").status_code == 200

    res = officer.get(REPORT, {"year": 2017, "issuer": "HDND-KG,UBND-KG"})
    assert res.status_code == 200, res.data
    data = res.data
    assert data["issued"] == {
        "total": 51,
        "by_type": {"Nghị quyết": 17, "Quyết định": 34},
        "by_issuer": {"HDND-KG": 17, "UBND-KG": 34},
    }
    assert data["reviewed"] == 26
    assert data["outcomes"]["by_type"] == {
        "Nghị quyết": {"repeal": 5, "replace": 5},
        "Quyết định": {"repeal": 6, "replace": 10},
    }
    assert data["outcomes"]["by_action"] == {"repeal": 11, "replace": 15}
    assert data["recommendations"]["opened"] == 26 and data["recommendations"]["resolved"] == 0
    everything = officer.get(REPORT, {"year": 2017}).data
    assert everything["issued"]["total"] == 52  # An Giang's decision too

    word = officer.get(REPORT, {"year": 2017, "issuer": "HDND-KG,UBND-KG", "format": "docx"})
    assert word.status_code == 200 and word["Content-Disposition"].endswith('2017.docx"')
    table = docx.Document(io.BytesIO(word.content)).tables[0]
    rows = {(r.cells[2].text): r.cells[3].text for r in table.rows[1:]}
    assert rows["Tổng số"] == "51" and rows["Số văn bản đã rà soát"] == "26"
    assert rows["Nghị quyết: Thay thế"] == "5" and rows["Quyết định: Bãi bỏ"] == "6"
    sheet = officer.get(REPORT, {"year": 2017, "issuer": "HDND-KG,UBND-KG", "format": "xlsx"})
    cells = {r[2]: r[3] for r in openpyxl.load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True)}
    assert cells["Quyết định: Thay thế"] == 10 and cells["Nghị quyết: Bãi bỏ"] == 5

    assert anon.get(REPORT, {"year": 2017}).status_code in (401, 403)
    for bad in ({}, {"year": "x"}, {"year": 0}, {"year": 2017, "issuer": "NOPE"}, {"year": 2017, "format": "pdf"}):
        res = officer.get(REPORT, bad)
        assert res.status_code == 400 and res.data["message_en"], (bad, res.data)
