"""The 5-year systematization: four lists for a period, as JSON, .docx and .xlsx."""

from __future__ import annotations

import io
from typing import Any

import docx
import openpyxl
import pytest
from rest_framework.test import APIClient

from backend.reviews.models import Recommendation
from tests.announcements.test_yearly_list import timeline  # noqa: F401  (the same catalogue)

pytestmark = pytest.mark.django_db

URL = "/api/v1/systematization/"


def numbers(rows: list[dict[str, Any]]) -> set[str]:
    return {r["document"]["number"] for r in rows}


def test_the_four_lists_of_a_period(
    officer_api: APIClient,
    reviewer_api: APIClient,
    anon: APIClient,
    timeline: dict[str, Any],  # noqa: F811
) -> None:
    recommendation = Recommendation.objects.create(action="amend", drafting_body="Sở Tài chính", status="open")
    recommendation.targets.add(timeline["in_force"])
    Recommendation.objects.create(action="repeal", status="resolved").targets.add(timeline["later"])  # done: not listed
    res = officer_api.get(URL, {"from": 2021, "to": 2025, "issuer": "UBND-AG"})
    assert res.status_code == 200, res.data
    data = res.data
    assert data["cutoff"] == "2025-12-31"
    # Expired or suspended in the period; 05/2018 expired in 2024 (inside 2021-2025), 06/2020 only in 2026.
    assert numbers(data["expired_whole"]) == {
        "01/2020/QĐ-UBND",
        "02/2019/QĐ-UBND",
        "04/2021/QĐ-UBND",
        "05/2018/QĐ-UBND",
    }
    assert numbers(data["expired_partial"]) == {"03/2021/QĐ-UBND"}
    assert data["expired_partial"][0]["provisions"][0]["provision"] == "Điều 3"
    in_force = numbers(data["in_force"])
    assert {"03/2021/QĐ-UBND", "06/2020/QĐ-UBND", "07/2022/QĐ-UBND", "01/2026/QĐ-UBND"} <= in_force
    assert "01/2020/QĐ-UBND" not in in_force and "08/2020/QĐ-UBND" not in in_force  # another issuer
    assert [(r["document"]["number"], r["action"]) for r in data["needing_action"]] == [("07/2022/QĐ-UBND", "amend")]

    word = officer_api.get(URL, {"from": 2021, "to": 2025, "issuer": "UBND-AG", "format": "docx"})
    tables = docx.Document(io.BytesIO(word.content)).tables
    assert len(tables) == 4
    assert [len(t.rows) - 1 for t in tables] == [
        len(data["expired_whole"]),
        len(data["expired_partial"]),
        len(data["in_force"]),
        len(data["needing_action"]),
    ]
    assert tables[3].rows[1].cells[4].text == "Sửa đổi, bổ sung"
    sheets = openpyxl.load_workbook(
        io.BytesIO(officer_api.get(URL, {"from": 2021, "to": 2025, "format": "xlsx"}).content)
    )
    assert len(sheets.sheetnames) == 4

    assert reviewer_api.get(URL, {"from": 2021, "to": 2025}).status_code == 200
    # The public gets lists 1-3 (published documents); list 4 comes from the internal review workflow.
    public = anon.get(URL, {"from": 2021, "to": 2025, "issuer": "UBND-AG"})
    assert public.status_code == 200
    assert "needing_action" not in public.data
    assert public.data["expired_whole"] == data["expired_whole"] and public.data["in_force"] == data["in_force"]
    public_word = anon.get(URL, {"from": 2021, "to": 2025, "issuer": "UBND-AG", "format": "docx"})
    assert len(docx.Document(io.BytesIO(public_word.content)).tables) == 3
    for bad in ({}, {"from": 2025, "to": 2021}, {"from": "x", "to": 2025}, {"from": 2021, "to": 2025, "issuer": "NOPE"},
                {"from": 2021, "to": 2025, "format": "pdf"}):  # fmt: skip
        res = officer_api.get(URL, bad)
        assert res.status_code == 400 and res.data["message_en"], (bad, res.data)
