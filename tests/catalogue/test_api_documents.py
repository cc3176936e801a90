from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.audit.models import AuditEntry
from backend.catalogue.models import Document, Relation
from tests.catalogue import factories as f

pytestmark = pytest.mark.django_db

URL = "/api/v1/documents/"


def payload(**over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "number": "15/2017/QĐ-UBND",
        "type": "Quyết định",
        "issuer": "UBND-KG",
        "title": "Ban hành quy định về quản lý chợ",
        "signer": "Nguyễn Văn A",
        "issued_on": "2017-05-02",
        "effective_from": "2017-05-12",
        "text": "Điều 1. Phạm vi\n1. Quy định này áp dụng.\nĐiều 2. Hiệu lực\nCó hiệu lực từ ngày ký.",
    }
    data.update(over)
    return data


@pytest.fixture
def kg(db: None) -> None:
    f.authority("UBND-AG", name="Ủy ban nhân dân tỉnh An Giang")
    f.authority("UBND-KG", name="Ủy ban nhân dân tỉnh Kiên Giang")


def test_officer_creates_document_with_structure_and_audit(officer_api: APIClient, kg: None) -> None:
    res = officer_api.post(URL, payload(), format="json")
    assert res.status_code == 201, res.data
    body = res.data
    assert body["number"] == "15/2017/QĐ-UBND"
    assert body["number_key"] == "15/2017/QD-UBND"
    assert body["status"] == "in_force"
    assert [n["label"] for n in body["structure"] if n["kind"] == "article"] == ["Điều 1", "Điều 2"]
    entry = AuditEntry.objects.get(object_type="catalogue.document", action="create")
    assert entry.actor_label == "officer"
    assert entry.after["number"] == "15/2017/QĐ-UBND"


def test_update_is_audited_with_before_and_after(officer_api: APIClient, kg: None) -> None:
    doc_id = officer_api.post(URL, payload(), format="json").data["id"]
    res = officer_api.patch(f"{URL}{doc_id}/", {"title": "Tên mới"}, format="json", HTTP_IF_MATCH='"1"')
    assert res.status_code == 200, res.data
    entry = AuditEntry.objects.get(object_type="catalogue.document", action="update")
    assert entry.changes["title"] == ["Ban hành quy định về quản lý chợ", "Tên mới"]
    log = officer_api.get("/api/v1/audit/", {"object_type": "catalogue.document", "object_id": doc_id})
    assert log.status_code == 200
    assert {e["action"] for e in log.data["results"]} == {"create", "update"}


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"number": "không phải số"}, "number"),
        ({"number": ""}, "number"),
        ({"issued_on": "2017-13-40"}, "issued_on"),
        ({"type": "Loại lạ"}, "type"),
        ({"issuer": "KHONG-CO"}, "issuer"),
        ({"title": ""}, "title"),
        ({"effective_from": "2017-05-12", "effective_until": "2017-01-01"}, "effective_until"),
        ({"effective_from": "2017-04-01"}, "effective_from"),
        ({"fields": ["Không có lĩnh vực này"]}, "fields"),
        ({"issued_on": None}, "issued_on"),
        ({"published": "maybe"}, "published"),
    ],
)
def test_bad_document_input_is_a_400_with_field_messages(
    officer_api: APIClient, kg: None, over: dict[str, object], field: str
) -> None:
    res = officer_api.post(URL, payload(**over), format="json")
    assert res.status_code == 400, res.data
    assert field in res.data["errors"], res.data
    assert res.data["message_vi"] and res.data["message_en"]
    assert not Document.objects.exists()


def test_messages_follow_the_requested_language(officer_api: APIClient, kg: None) -> None:
    vi = officer_api.post(URL, payload(number="xyz"), format="json")
    en = officer_api.post(f"{URL}?lang=en", payload(number="xyz"), format="json")
    assert vi.data["message"] != en.data["message"]
    assert en.data["message"] == en.data["message_en"]


def test_same_number_is_unique_per_issuer_only(officer_api: APIClient, kg: None) -> None:
    assert officer_api.post(URL, payload(), format="json").status_code == 201
    dup = officer_api.post(URL, payload(number="15/2017/QD-UBND "), format="json")
    assert dup.status_code == 400
    assert "number" in dup.data["errors"]
    other = officer_api.post(URL, payload(issuer="UBND-AG"), format="json")
    assert other.status_code == 201
    assert Document.objects.count() == 2


def test_roles_on_writes(anon: APIClient, reviewer_api: APIClient, kg: None) -> None:
    assert anon.post(URL, payload(), format="json").status_code in (401, 403)
    assert reviewer_api.post(URL, payload(), format="json").status_code == 403
    assert anon.get("/api/v1/audit/").status_code in (401, 403)
    assert reviewer_api.get("/api/v1/audit/").status_code == 403
    assert not Document.objects.exists()


def test_public_sees_published_only_reviewer_sees_drafts(anon: APIClient, reviewer_api: APIClient, kg: None) -> None:
    f.document("01/2024/QĐ-UBND", issuer="UBND-AG", issued="2024-01-02", effective="2024-01-12")
    draft = f.document("02/2024/QĐ-UBND", issuer="UBND-AG", issued="2024-02-02", effective=None, published=False)
    assert {d["number"] for d in anon.get(URL).data["results"]} == {"01/2024/QĐ-UBND"}
    assert anon.get(f"{URL}{draft.pk}/").status_code == 404
    assert {d["number"] for d in reviewer_api.get(URL).data["results"]} == {
        "01/2024/QĐ-UBND",
        "02/2024/QĐ-UBND",
    }


def test_filters_and_predecessors(anon: APIClient, db: None) -> None:
    ag = f.authority("UBND-AG")
    f.authority("UBND-KG", succeeded_by=ag, succeeded_on=f.dt.date(2025, 7, 1))
    f.document("01/2019/QĐ-UBND", issuer="UBND-KG", issued="2019-03-01", effective="2019-03-11")
    f.document("05/2025/QĐ-UBND", issuer="UBND-AG", issued="2025-08-01", effective="2025-08-11")
    f.document("07/2019/NQ-HĐND", issuer="UBND-AG", issued="2019-06-01", effective="2019-06-11")

    def numbers(**params: object) -> set[str]:
        res = anon.get(URL, params)
        assert res.status_code == 200, res.data
        return {d["number"] for d in res.data["results"]}

    assert numbers(issuer="UBND-AG") == {"05/2025/QĐ-UBND", "07/2019/NQ-HĐND"}
    assert numbers(issuer="UBND-AG", with_predecessors="true") == {
        "05/2025/QĐ-UBND",
        "07/2019/NQ-HĐND",
        "01/2019/QĐ-UBND",
    }
    assert numbers(type="nghi-quyet") == {"07/2019/NQ-HĐND"}
    assert numbers(year=2019) == {"01/2019/QĐ-UBND", "07/2019/NQ-HĐND"}
    assert numbers(number="Số 1/2019/qđ-ubnd") == {"01/2019/QĐ-UBND"}
    assert numbers(status="not_yet_effective", on="2025-08-05") == {"05/2025/QĐ-UBND"}
    assert numbers(status="in_force", on="2019-04-01") == {"01/2019/QĐ-UBND"}
    ordered = anon.get(URL, {"ordering": "issued_on"}).data["results"]
    assert ordered[0]["number"] == "01/2019/QĐ-UBND"
    assert anon.get(URL, {"issuer": "NOPE"}).status_code == 400
    assert anon.get(URL, {"status": "in_force", "on": "yesterday"}).status_code == 400
    assert anon.get(URL, {"status": "bogus"}).status_code == 400
    assert anon.get(URL, {"year": 0}).status_code == 400  # found by the fuzzer: was a 500


def test_field_filter(officer_api: APIClient, anon: APIClient, kg: None) -> None:
    officer_api.post("/api/v1/fields/", {"code": "dat-dai", "name": "Đất đai"}, format="json")
    officer_api.post(URL, payload(fields=["Đất đai"]), format="json")
    officer_api.post(URL, payload(number="16/2017/QĐ-UBND"), format="json")
    res = anon.get(URL, {"field": "dat-dai"})
    assert [d["number"] for d in res.data["results"]] == ["15/2017/QĐ-UBND"]
    assert res.data["results"][0]["fields"] == ["Đất đai"]


def test_relation_api_and_validation(officer_api: APIClient, kg: None) -> None:
    old = f.document("19/2022/NQ-HĐND", issuer="UBND-AG", issued="2022-12-07", effective="2022-12-17")
    new = f.document("07/2025/NQ-HĐND", issuer="UBND-AG", issued="2025-09-26", effective="2025-10-06")
    base = {"source": new.pk, "target": "19/2022/NQ-HDND", "kind": "replaces", "effective_on": "2025-10-06"}
    ok = officer_api.post("/api/v1/relations/", base, format="json")
    assert ok.status_code == 201, ok.data
    old.refresh_from_db()
    assert old.status == "expired"
    bad_cases = [
        ({**base, "target": new.pk}, "target"),  # acting on itself
        ({**base, "effective_on": "2025-01-01"}, "effective_on"),  # before the source was issued
        ({"source": old.pk, "target": new.pk, "kind": "replaces", "effective_on": "2025-12-01"}, "target"),
        ({**base, "kind": "abolishes"}, "kind"),
        ({**base, "target": "99/2099/QĐ-UBND"}, "target"),
        ({**base, "provisions": ["hello"]}, "provisions"),
        ({**base, "kind": "amends", "ends_on": "2026-01-01"}, "ends_on"),
        ({**base, "target": {"number": 5}}, "target"),
    ]
    for body, field in bad_cases:
        res = officer_api.post("/api/v1/relations/", body, format="json")
        assert res.status_code == 400, (body, res.data)
        assert field in res.data["errors"], (body, res.data)
    assert Relation.objects.count() == 1


def test_replacement_cycle_is_rejected(officer_api: APIClient, kg: None) -> None:
    a = f.document("01/2020/QĐ-UBND", issued="2020-01-01", effective="2020-01-11")
    b = f.document("02/2020/QĐ-UBND", issued="2020-01-01", effective="2020-01-11")
    f.relate(a, "replaces", b, "2020-02-01")
    res = officer_api.post(
        "/api/v1/relations/",
        {"source": b.pk, "target": a.pk, "kind": "replaces", "effective_on": "2020-03-01"},
        format="json",
    )
    assert res.status_code == 400
    assert res.data["code"] == "replacement_cycle"
    # A longer loop through the database: a replaces b, b replaces c; c replacing a would close it.
    c = f.document("03/2020/QĐ-UBND", issued="2020-01-01", effective="2020-01-11")
    f.relate(b, "replaces", c, "2020-02-01")
    res = officer_api.post(
        "/api/v1/relations/",
        {"source": c.pk, "target": a.pk, "kind": "replaces", "effective_on": "2020-03-01"},
        format="json",
    )
    assert res.status_code == 400 and res.data["code"] == "replacement_cycle", res.data
    assert "01/2020/QĐ-UBND" in res.data["message_en"]


def test_reference_crud_is_audited_and_protected(officer_api: APIClient, reviewer_api: APIClient, kg: None) -> None:
    res = officer_api.post(
        "/api/v1/authorities/",
        {"code": "HDND-AG", "name": "HĐND tỉnh An Giang", "level": "province"},
        format="json",
    )
    assert res.status_code == 201, res.data
    assert (
        reviewer_api.post(
            "/api/v1/authorities/", {"code": "X", "name": "X", "level": "province"}, format="json"
        ).status_code
        == 403
    )
    res = officer_api.patch("/api/v1/authorities/UBND-KG/", {"succeeded_by": "UBND-AG"}, format="json")
    assert res.status_code == 400 and "succeeded_on" in res.data["errors"]
    res = officer_api.patch(
        "/api/v1/authorities/UBND-KG/",
        {"succeeded_by": "UBND-AG", "succeeded_on": "2025-07-01"},
        format="json",
    )
    assert res.status_code == 200, res.data
    res = officer_api.patch(
        "/api/v1/authorities/UBND-AG/",
        {"succeeded_by": "UBND-KG", "succeeded_on": "2025-07-01"},
        format="json",
    )
    assert res.status_code == 400 and res.data["code"] == "succession_cycle"
    f.document("01/2020/QĐ-UBND", issuer="UBND-AG")
    assert officer_api.delete("/api/v1/authorities/UBND-AG/").status_code == 409
    assert AuditEntry.objects.filter(object_type="catalogue.authority").count() >= 3


def test_token_auth(db: None, officer: object) -> None:
    client = APIClient()
    bad = client.post("/api/v1/auth/token/", {"username": "officer", "password": "wrong"}, format="json")
    assert bad.status_code == 400
    res = client.post("/api/v1/auth/token/", {"username": "officer", "password": "pw-officer"}, format="json")
    assert res.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {res.data['token']}")
    f.authority("UBND-KG")
    assert client.post(URL, payload(), format="json").status_code == 201


def test_schema_docs_and_health(anon: APIClient) -> None:
    schema = anon.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/public/lookup/" in schema.content
    assert anon.get("/api/v1/docs/").status_code == 200
    health = anon.get("/healthz")
    assert health.status_code == 200
    assert health.json()["database"]["ok"] is True
    assert health.json()["search"]["ok"] is True and health.json()["search"]["engine"] == "tantivy"


def test_source_file_upload(officer_api: APIClient, reviewer_api: APIClient, kg: None, settings: object) -> None:
    import io

    settings.MEDIA_ROOT = f"/tmp/hieuluc-test-media-{id(settings)}"  # type: ignore[attr-defined]
    doc_id = officer_api.post(URL, payload(), format="json").data["id"]

    def upload(client: APIClient, name: str, content: bytes) -> object:
        buffer = io.BytesIO(content)
        buffer.name = name
        return client.post(f"{URL}{doc_id}/source-file/", {"file": buffer}, format="multipart")

    assert upload(reviewer_api, "qd.docx", b"PK..").status_code == 403  # type: ignore[attr-defined]
    bad = upload(officer_api, "virus.exe", b"MZ")
    assert bad.status_code == 400 and "file" in bad.data["errors"]  # type: ignore[attr-defined]
    from tests.catalogue.decision_files import Decision, decision_docx

    ok = upload(officer_api, "15-2017-QD-UBND.docx", decision_docx(Decision()))
    assert ok.status_code == 200, ok.data  # type: ignore[attr-defined]
    assert ok.data["source_file"].endswith(".docx")  # type: ignore[attr-defined]
    entry = AuditEntry.objects.filter(object_type="catalogue.document", action="update").latest("at")
    assert entry.changes["source_file"][1].endswith("15-2017-QD-UBND.docx")


def test_home_page_links_the_public_lookup(anon: APIClient, settings: Any, tmp_path: Any) -> None:
    settings.FRONTEND_DIST = tmp_path  # not built: the plain page (tests/test_spa.py covers the app)
    res = anon.get("/")
    assert res.status_code == 200
    assert "Tra cứu" in res.content.decode()
    assert b"/api/v1/public/lookup/" in res.content
