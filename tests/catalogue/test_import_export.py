"""Import is all or nothing, lists every bad row, and export writes what import reads."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from backend.audit.models import AuditEntry
from backend.catalogue.importers import export, readers
from backend.catalogue.importers.service import ImportFailed, import_bundle
from backend.catalogue.models import Authority, Document, Relation
from legal.numbers import number_key

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[2] / "backend" / "demo" / "demo.json"

GOOD = {
    "authorities": [
        {"code": "UBND-AG", "name": "Ủy ban nhân dân tỉnh An Giang", "level": "province"},
        {
            "code": "UBND-KG",
            "name": "Ủy ban nhân dân tỉnh Kiên Giang",
            "level": "province",
            "succeeded_by": "UBND-AG",
            "succeeded_on": "2025-07-01",
        },
    ],
    "documents": [
        {
            "number": "15/2017/QĐ-UBND",
            "type": "Quyết định",
            "issuer": "UBND-KG",
            "title": "Quy định A",
            "signer": "",
            "issued_on": "2017-05-02",
            "effective_from": "2017-05-12",
            "effective_until": None,
            "fields": ["Đất đai"],
            "text": "Điều 1. A\nĐiều 2. B",
            "published": True,
        },
        {
            "number": "15/2017/QĐ-UBND",
            "type": "Quyết định",
            "issuer": "UBND-AG",
            "title": "Quy định B",
            "issued_on": "2017-06-02",
            "effective_from": "2017-06-12",
        },
        {
            "number": "03/2026/QĐ-UBND",
            "type": "Quyết định",
            "issuer": "UBND-AG",
            "title": "Sửa đổi",
            "issued_on": "2026-01-22",
            "effective_from": "2026-02-01",
        },
    ],
    "relations": [
        {
            "source": "03/2026/QĐ-UBND",
            "target": {"number": "15/2017/QD-UBND", "issuer": "UBND-KG"},
            "kind": "amends",
            "effective_on": "2026-02-01",
            "provisions": ["Điều 2"],
        },
    ],
}


def _bundle(data: dict) -> readers.Bundle:
    return readers.read_json(json.dumps(data).encode(), "x.json")


def test_good_file_imports_with_audit_and_reimport_is_unchanged() -> None:
    report = import_bundle(_bundle(GOOD), actor="tests")
    assert report.created == {"authorities": 2, "documents": 3, "relations": 1}
    assert Authority.objects.get(code="UBND-KG").succeeded_by.code == "UBND-AG"  # type: ignore[union-attr]
    target = Document.objects.get(number_key=number_key("15/2017/QĐ-UBND"), issuer__code="UBND-KG")
    assert target.status == "partially_expired"
    assert AuditEntry.objects.filter(source="import", object_type="catalogue.document").count() == 3
    again = import_bundle(_bundle(GOOD), actor="tests")
    assert again.unchanged == {"authorities": 2, "documents": 3, "relations": 1}
    assert sum(again.created.values()) == 0


def test_any_bad_row_saves_nothing_and_every_error_is_listed() -> None:
    bad = json.loads(json.dumps(GOOD))
    bad["documents"].append(
        {"number": "rác", "type": "Quyết định", "issuer": "UBND-AG", "title": "X", "issued_on": "2020-01-01"}
    )
    bad["documents"].append(
        {"number": "9/2020/QĐ-UBND", "type": "Quyết định", "issuer": "NOPE", "title": "X", "issued_on": "2020-01-01"}
    )
    bad["documents"].append(
        {
            "number": "10/2020/QĐ-UBND",
            "type": "Quyết định",
            "issuer": "UBND-AG",
            "title": "X",
            "issued_on": "2020-02-30",
        }
    )
    bad["relations"].append(
        {"source": "03/2026/QĐ-UBND", "target": "15/2017/QĐ-UBND", "kind": "repeals", "effective_on": "2026-02-01"}
    )  # ambiguous: two issuers
    bad["relations"].append(
        {"source": "03/2026/QĐ-UBND", "target": "03/2026/QĐ-UBND", "kind": "repeals", "effective_on": "2026-02-01"}
    )  # acts on itself
    bad["documents"].append("not an object")
    with pytest.raises(ImportFailed) as failed:
        import_bundle(_bundle(bad), actor="tests")
    errors = failed.value.report.errors
    assert [e.where for e in errors] == [
        "documents[3]",
        "documents[4]",
        "documents[5]",
        "documents[6]",
        "relations[1]",
        "relations[2]",
    ]
    assert {e.field for e in errors[:3]} == {"number", "issuer", "issued_on"}
    assert all(e.message_vi and e.message_en for e in errors)
    assert not Document.objects.exists()
    assert not Authority.objects.exists()
    assert not AuditEntry.objects.exists()


def test_command_exits_non_zero_and_prints_rows(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    bad = json.loads(json.dumps(GOOD))
    bad["documents"][0]["issuer"] = "NOPE"
    path.write_text(json.dumps(bad), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_documents", str(path), "--no-progress", stderr=err)
    assert "documents[0]" in err.getvalue()
    assert not Document.objects.exists()
    with pytest.raises(CommandError):
        call_command("import_documents", str(tmp_path / "missing.json"))
    (tmp_path / "x.txt").write_text("hello")
    with pytest.raises(CommandError):
        call_command("import_documents", str(tmp_path / "x.txt"))
    (tmp_path / "broken.json").write_text("{")
    with pytest.raises(CommandError):
        call_command("import_documents", str(tmp_path / "broken.json"))


@pytest.mark.parametrize("fmt", ["json", "xlsx", "csv"])
def test_export_then_import_round_trips(tmp_path: Path, fmt: str) -> None:
    import_bundle(_bundle(GOOD), actor="tests")
    before = export.bundle_dict()
    out = tmp_path / f"catalogue.{fmt}"
    call_command("export_documents", str(out))
    files = [out]
    if fmt == "csv":
        files = [tmp_path / "catalogue-authorities.csv", out, tmp_path / "catalogue-relations.csv"]
    Relation.objects.all().delete()
    Document.objects.all().delete()
    Authority.objects.update(succeeded_by=None, succeeded_on=None)
    Authority.objects.all().delete()
    call_command("import_documents", *map(str, files), "--no-progress")
    assert export.bundle_dict() == before


def test_demo_dataset_imports_cleanly() -> None:
    report = import_bundle(readers.read_file(DEMO.read_bytes(), DEMO.name), actor="tests")
    assert report.created["documents"] > 300
    assert report.created["relations"] > 100
    replaced = Document.objects.get(number_key=number_key("02/2021/NQ-HĐND"), issuer__code="HDND-KG")
    assert replaced.status == "expired"
    assert replaced.incoming.get(kind="replaces").source.number == "07/2025/NQ-HĐND"


def test_api_import_job_and_permissions(
    officer_api: APIClient, reviewer_api: APIClient, django_capture_on_commit_callbacks: Any
) -> None:
    def upload(client: APIClient, name: str, content: bytes) -> Any:
        # The task is enqueued on commit; in-process mode runs it right then.
        with django_capture_on_commit_callbacks(execute=True):
            res = client.post("/api/v1/imports/", {"file": _named(name, content)}, format="multipart")
        if res.status_code in (201, 202):
            res = client.get(f"/api/v1/imports/{res.data['id']}/")
        return res

    good = json.dumps(GOOD).encode()
    assert upload(reviewer_api, "a.json", good).status_code == 403
    res = upload(officer_api, "a.json", good)
    assert res.data["state"] == "succeeded", res.data
    assert res.data["progress"]["percent"] == 100
    assert res.data["report"]["created"]["documents"] == 3

    bad = json.loads(json.dumps(GOOD))
    bad["documents"][1]["number"] = "rác"
    res = upload(officer_api, "b.json", json.dumps(bad).encode())
    assert res.data["state"] == "failed"
    assert res.data["report"]["errors"][0]["where"] == "documents[1]"
    assert Document.objects.count() == 3  # only the first, good file
    assert upload(officer_api, "c.pdf", b"%PDF").status_code == 400
    broken = upload(officer_api, "d.xlsx", b"not a zip")
    assert broken.data["state"] == "failed" and broken.data["report"]["errors"]
    assert officer_api.post("/api/v1/imports/", {}, format="multipart").status_code == 400


def test_api_export_formats(reviewer_api: APIClient, anon: APIClient) -> None:
    import_bundle(_bundle(GOOD), actor="tests")
    assert anon.get("/api/v1/exports/").status_code in (401, 403)
    res = reviewer_api.get("/api/v1/exports/", {"format": "json"})
    assert json.loads(res.content)["documents"][0]["number"] == "15/2017/QĐ-UBND"
    res = reviewer_api.get("/api/v1/exports/", {"format": "csv", "table": "relations"})
    assert res.content.decode().splitlines()[0].startswith("source,source_issuer,target")
    assert reviewer_api.get("/api/v1/exports/", {"format": "xlsx"}).content[:2] == b"PK"
    assert reviewer_api.get("/api/v1/exports/", {"format": "pdf"}).status_code == 400


def _named(name: str, content: bytes) -> io.BytesIO:
    buffer = io.BytesIO(content)
    buffer.name = name
    return buffer


def test_relation_end_with_a_non_text_issuer_is_a_row_error() -> None:
    bad = json.loads(json.dumps(GOOD))
    bad["relations"][0]["target"] = {"number": "15/2017/QĐ-UBND", "issuer": ["UBND-KG"]}
    with pytest.raises(ImportFailed) as failed:
        import_bundle(_bundle(bad), actor="tests")
    (error,) = failed.value.report.errors
    assert (error.where, error.field) == ("relations[0]", "target")


def test_the_examples_the_quickstart_prints_exist_in_the_demo(anon: APIClient) -> None:
    import_bundle(readers.read_file(DEMO.read_bytes(), DEMO.name), actor="tests")
    res = anon.get("/api/v1/public/lookup/", {"number": "02/2021/NQ-HDND", "on": "2025-01-01"})
    assert {r["issuer"]["code"] for r in res.json()["results"]} == {"HDND-KG", "HDND-AG-OLD"}
    later = anon.get("/api/v1/public/lookup/", {"number": "02/2021/NQ-HDND", "issuer": "HDND-KG", "on": "2026-01-01"})
    assert later.json()["results"][0]["status"] == "expired"


def test_field_codes_are_readable_ascii() -> None:
    from backend.catalogue.models import Field
    from backend.catalogue.services import field_get_or_create

    import_bundle(_bundle(GOOD), actor="tests")
    made = field_get_or_create("Lao động - Thương binh và Xã hội", actor="tests", source="tests")
    assert made.code == "lao-dong-thuong-binh-va-xa-hoi"
    assert Field.objects.get(name="Đất đai").code == "dat-dai"
