"""The chain the officers' journey needs (issue #12): an approved review with outcome "repeal" opens a
recommendation; uploading the decision that repeals the document (a real-layout .docx whose article says "Bãi bỏ
…") and confirming the proposal records the relation, and the recommendation closes by itself."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.catalogue.models import Document, Relation
from tests.catalogue.decision_files import Decision, decision_docx
from tests.reviews.conftest import approved_recommendation

pytestmark = pytest.mark.django_db


def test_confirming_an_uploaded_repeal_resolves_the_recommendation(
    catalogue: dict[str, Any],
    people: dict[str, Any],
    settings: Any,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    recommendation = approved_recommendation(people)  # review of 10/2020/QĐ-UBND approved with "repeal"
    assert (recommendation.action, recommendation.status) == ("repeal", "open")
    decision = dataclasses.replace(
        Decision(),
        number="30/2026/QĐ-UBND",
        issued_on=dt.date(2026, 5, 4),
        title_lines=("Bãi bỏ Quyết định số 10/2020/QĐ-UBND của Ủy ban nhân dân tỉnh An Giang",),
        bases=("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",),
        articles=(
            (
                "Điều 1. Bãi bỏ Quyết định số 10/2020/QĐ-UBND ngày 01 tháng 3 năm 2020 của Ủy ban nhân dân tỉnh An"
                " Giang.",
                (),
            ),
            ("Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày 15 tháng 5 năm 2026.", ()),
        ),
    )
    content = decision_docx(decision)
    officer = people["officer"][1]
    proposal = officer.post(
        "/api/v1/documents/extract/", {"file": SimpleUploadedFile("qd-30.docx", content)}, format="multipart"
    ).json()
    target = catalogue["ag1"]
    [repeal] = [r for r in proposal["relations"] if r["kind"] == "repeals"]
    assert repeal["target"] == target.pk
    assert (repeal["effect"]["status_now"], repeal["effect"]["status_after"]) == ("in_force", "expired")

    # The officer completes what the file could not say (the issuer is catalogued under its code) and confirms.
    document = {**proposal["document"], "issuer": "UBND-AG", "type": "quyet-dinh"}
    with django_capture_on_commit_callbacks(execute=True):
        res = officer.post(
            "/api/v1/documents/from-file/",
            {
                "file": SimpleUploadedFile("qd-30.docx", content),
                "document": json.dumps(document),
                "relations": json.dumps(proposal["relations"]),
            },
            format="multipart",
        )
    assert res.status_code == 201, res.data
    new = Document.objects.get(pk=res.data["id"])
    assert Relation.objects.filter(source=new, target=target, kind="repeals").exists()
    recommendation.refresh_from_db()
    assert recommendation.status == "resolved"
    assert recommendation.resolved_by == new and recommendation.resolved_on == dt.date(2026, 5, 4)
