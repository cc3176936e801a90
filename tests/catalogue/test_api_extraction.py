"""Upload a decision as .docx or .pdf: the proposal, the round trip, the confirmation, and every bad file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import msoffcrypto.format.ooxml
import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from backend.audit.models import AuditEntry
from backend.catalogue.extraction import files
from backend.catalogue.models import Document, Relation
from backend.catalogue.validity import Status
from tests.catalogue import factories as f
from tests.catalogue.decision_files import Decision, decision_docx, decision_pdf

pytestmark = pytest.mark.django_db

EXTRACT = "/api/v1/documents/extract/"
FROM_FILE = "/api/v1/documents/from-file/"
MAKERS = {"docx": decision_docx, "pdf": decision_pdf}


@pytest.fixture(autouse=True)
def _media(tmp_path: Path, settings: Any) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def catalogue(db: None) -> dict[str, Document]:
    f.authority("QH", level="central", name="Quốc hội")
    f.authority("CP", level="central", name="Chính phủ")
    f.authority("UBND-AG", name="Ủy ban nhân dân tỉnh An Giang")
    law = {
        "issuer": "QH",
        "type_name": "Luật",
        "issued": "2025-02-19",
        "effective": "2025-03-01",
    }
    return {
        "local_gov": f.document("72/2025/QH15", title="Luật Tổ chức chính quyền địa phương", **law),
        # Two laws with the same name: the date in the "Căn cứ" line picks the right one.
        "old_lawmaking": f.document(
            "80/2015/QH13",
            title="Luật Ban hành văn bản quy phạm pháp luật",
            issuer="QH",
            type_name="Luật",
            issued="2015-06-22",
            effective="2016-07-01",
        ),
        "lawmaking": f.document("64/2025/QH15", title="Luật Ban hành văn bản quy phạm pháp luật", **law),
        "decree": f.document(
            "78/2025/NĐ-CP", issuer="CP", type_name="Nghị định", issued="2025-04-01", effective="2025-04-01"
        ),
        "replaced": f.document("20/2017/QĐ-UBND", issued="2017-05-05", effective="2017-05-15"),
        "repealed_in_part": f.document(
            "07/2019/QĐ-UBND",
            issued="2019-02-12",
            effective="2019-02-22",
            text="Điều 5. Phí\n1. Mức phí.\n2. Miễn phí.",
        ),
    }


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def extract(api: APIClient, name: str, content: bytes) -> Any:
    return api.post(EXTRACT, {"file": upload(name, content)}, format="multipart")


# --- the round trip ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_generated_decision_round_trips(officer_api: APIClient, catalogue: dict[str, Document], kind: str) -> None:
    decision = Decision()
    before = (Document.objects.count(), Relation.objects.count(), AuditEntry.objects.count())
    res = extract(officer_api, f"qd-15.{kind}", MAKERS[kind](decision))
    assert res.status_code == 200, res.data
    body = res.data
    assert body["file"]["kind"] == kind
    assert body["document"] | {"text": ""} == {
        "number": "15/2025/QĐ-UBND",
        "type": "quyet-dinh",
        "issuer": "UBND-AG",
        "title": decision.title,
        "signer": "Nguyễn Thanh Bình",
        "issued_on": dt.date(2025, 6, 10),
        "effective_from": dt.date(2025, 6, 20),
        "effective_until": None,
        "responsible": None,  # the Sở Tư pháp proposed it, but there are no organisations here
        "text": "",
    }
    assert body["found"]["proposed_by"] == "Sở Tư pháp"
    assert body["responsible"] is None
    assert body["found"]["signing_capacity"] == "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    # Bases: laws by name and date, the decree by number; the unknown decree is listed for the officer.
    assert [b["target"] for b in body["bases"]] == [
        catalogue["local_gov"].pk,
        catalogue["lawmaking"].pk,
        catalogue["decree"].pk,
        None,
    ]
    assert body["unmatched_bases"] == ["Nghị định số 99/2099/NĐ-CP ngày 01 tháng 01 năm 2099 của Chính phủ"]
    assert [w["code"] for w in body["warnings"]] == ["unmatched_bases"]
    relations = {(r["kind"], r["target"], tuple(r["provisions"])) for r in body["relations"]}
    assert relations == {
        ("basis", catalogue["local_gov"].pk, ()),
        ("basis", catalogue["lawmaking"].pk, ()),
        ("basis", catalogue["decree"].pk, ()),
        ("replaces", catalogue["replaced"].pk, ()),
        ("repeals", catalogue["repealed_in_part"].pk, ("Khoản 2 Điều 5",)),
    }
    # The article structure, and the text it came from.
    assert body["provisions"][:5] == ["Điều 1", "Điều 2", "Khoản 1 Điều 2", "Khoản 2 Điều 2", "Khoản 3 Điều 2"]
    assert "Điều 3" in body["provisions"]
    assert body["document"]["text"].startswith("ỦY BAN NHÂN DÂN")
    assert "Chủ tịch Ủy ban nhân dân các xã, phường chịu trách nhiệm" in body["document"]["text"]
    # A proposal, never a write.
    assert (Document.objects.count(), Relation.objects.count(), AuditEntry.objects.count()) == before


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_confirming_the_proposal_catalogues_everything_at_once(
    officer_api: APIClient, catalogue: dict[str, Document], _media: Path, kind: str
) -> None:
    content = MAKERS[kind](Decision())
    proposal = extract(officer_api, "qd-15", content).json()
    document = {**proposal["document"], "text": "client text is ignored"}
    res = officer_api.post(
        FROM_FILE,
        {
            "file": upload("qd-15", content),
            "document": json.dumps(document),
            "relations": json.dumps(proposal["relations"]),
        },
        format="multipart",
    )
    assert res.status_code == 201, res.data
    doc = Document.objects.get(pk=res.data["id"])
    assert doc.number_key == "15/2025/QD-UBND"
    assert doc.text == proposal["document"]["text"]
    assert [node["label"] for node in doc.structure if node["kind"] == "article"] == ["Điều 1", "Điều 2", "Điều 3"]
    # The file is named for what it is, whatever the upload was called.
    assert doc.source_file.name.endswith(f".{kind}") and (_media / doc.source_file.name).exists()
    assert doc.outgoing.count() == 5
    catalogue["replaced"].refresh_from_db()
    assert catalogue["replaced"].status == Status.EXPIRED.value
    assert AuditEntry.objects.filter(object_id=str(doc.pk)).exists()


def test_a_bad_relation_rolls_the_whole_confirmation_back(
    officer_api: APIClient, catalogue: dict[str, Document], _media: Path
) -> None:
    content = decision_docx(Decision())
    proposal = extract(officer_api, "qd-15.docx", content).json()
    relations = proposal["relations"]
    relations[1]["provisions"] = ["không phải điều khoản"]
    before = (Document.objects.count(), Relation.objects.count(), AuditEntry.objects.count())
    res = officer_api.post(
        FROM_FILE,
        {
            "file": upload("qd-15.docx", content),
            "document": json.dumps(proposal["document"]),
            "relations": json.dumps(relations),
        },
        format="multipart",
    )
    assert res.status_code == 400
    assert "relations[1].provisions" in res.data["errors"], res.data
    assert (Document.objects.count(), Relation.objects.count(), AuditEntry.objects.count()) == before
    assert not _media.exists() or not any(p.is_file() for p in _media.rglob("*"))


def test_confirmation_with_bad_json_names_the_field(officer_api: APIClient, catalogue: dict[str, Document]) -> None:
    res = officer_api.post(
        FROM_FILE,
        {"file": upload("a.docx", decision_docx(Decision())), "document": "{not json", "relations": "{}"},
        format="multipart",
    )
    assert res.status_code == 400
    assert set(res.data["errors"]) == {"document"}
    res = officer_api.post(
        FROM_FILE,
        {
            "file": upload("a.docx", decision_docx(Decision())),
            "document": json.dumps({"number": "15/2025/QĐ-UBND"}),
            "relations": json.dumps({"kind": "basis"}),
        },
        format="multipart",
    )
    assert res.status_code == 400
    assert set(res.data["errors"]) == {"document", "relations"}
    assert Document.objects.filter(number_key="15/2025/QD-UBND").count() == 0


def test_an_already_catalogued_number_is_flagged(officer_api: APIClient, catalogue: dict[str, Document]) -> None:
    existing = f.document("15/2025/QĐ-UBND", issued="2025-06-10", effective="2025-06-20")
    body = extract(officer_api, "qd.docx", decision_docx(Decision())).data
    assert [d["id"] for d in body["existing"]] == [existing.pk]
    assert "already_catalogued" in [w["code"] for w in body["warnings"]]


def test_renamed_authority_in_office_on_the_issue_date(officer_api: APIClient, db: None) -> None:
    new = f.authority("UBND-AG", name="Ủy ban nhân dân tỉnh An Giang")
    f.authority(
        "UBND-AG-OLD",
        name="Ủy ban nhân dân tỉnh An Giang (trước ngày 01/7/2025)",
        succeeded_by=new,
        succeeded_on=dt.date(2025, 7, 1),
    )
    early = extract(officer_api, "a.docx", decision_docx(Decision())).data
    late = extract(officer_api, "b.docx", decision_docx(Decision(issued_on=dt.date(2025, 8, 1)))).data
    assert (early["document"]["issuer"], late["document"]["issuer"]) == ("UBND-AG-OLD", "UBND-AG")


def test_only_legal_officers_upload(reviewer_api: APIClient, anon: APIClient, db: None) -> None:
    for client in (reviewer_api, anon):
        assert extract(client, "a.docx", decision_docx(Decision())).status_code in (401, 403)


# --- bad files: a clear 400 on the file field, and nothing saved -------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _docx_members() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(decision_docx(Decision()))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _encrypted_docx() -> bytes:
    out = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(decision_docx(Decision()))).encrypt("mật-khẩu", out)
    return out.getvalue()


def _encrypted_pdf(user_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(decision_pdf(Decision()))))
    writer.encrypt(user_password=user_password, owner_password="chủ-sở-hữu", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _bomb(size: int) -> bytes:
    return _zip({**_docx_members(), "word/document.xml": b" " * size})


def _blank_pdf() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


BAD_FILES = {
    "plain text": ("ghi-chu.txt", lambda: "Quyết định số 15/2025/QĐ-UBND".encode(), "unsupported_file"),
    "empty": ("trong.docx", lambda: b"", "empty_file"),
    "truncated docx": ("hong.docx", lambda: decision_docx(Decision())[:3000], "corrupt_file"),
    "zip that is not a docx": ("nen.docx", lambda: _zip({"a.txt": b"x"}), "not_docx"),
    "broken XML": ("hong.docx", lambda: _zip({**_docx_members(), "word/document.xml": b"<w:document"}), "corrupt_file"),
    "damaged pdf": ("hong.pdf", lambda: decision_pdf(Decision())[:400], "corrupt_file"),
    "Word 97 file": ("cu.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "legacy_doc"),
    "password-protected docx": ("mat-khau.docx", _encrypted_docx, "password_protected"),
    "password-protected pdf": ("mat-khau.pdf", lambda: _encrypted_pdf("mở"), "password_protected"),
    "zip bomb": ("bom.docx", lambda: _bomb(files.MAX_UNZIPPED_BYTES + 1), "zip_bomb"),
    "compression bomb under the total cap": ("bom.docx", lambda: _bomb(50 * 1024 * 1024), "zip_bomb"),
    "over the size limit": ("lon.docx", lambda: b"PK\x03\x04" + b"\0" * files.MAX_UPLOAD_BYTES, "file_too_large"),
    "scanned pdf without text": ("quet.pdf", _blank_pdf, "no_text"),
    "draft without a number": (
        "du-thao.docx",
        lambda: decision_docx(dataclasses.replace(Decision(), number="     /2025/QĐ-UBND")),
        "no_number",
    ),
    "pdf draft without a number": (
        "du-thao.pdf",
        lambda: decision_pdf(dataclasses.replace(Decision(), number="     /2025/QĐ-UBND")),
        "no_number",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_are_rejected_with_a_message(
    officer_api: APIClient, catalogue: dict[str, Document], _media: Path, case: str
) -> None:
    name, make, code = BAD_FILES[case]
    content = make()
    before = (Document.objects.count(), Relation.objects.count(), AuditEntry.objects.count())
    res = extract(officer_api, name, content)
    assert res.status_code == 400, res.data
    assert res.data["code"] == code
    assert res.data["message_vi"] and res.data["message_en"] and res.data["errors"]["file"]
    # The confirmation refuses the same file the same way, before writing anything.
    confirmed = officer_api.post(
        FROM_FILE,
        {
            "file": upload(name, content),
            "document": json.dumps(
                {
                    "number": "15/2025/QĐ-UBND",
                    "type": "quyet-dinh",
                    "issuer": "UBND-AG",
                    "title": "Ban hành Quy định",
                    "issued_on": "2025-06-10",
                }
            ),
        },
        format="multipart",
    )
    assert confirmed.status_code == 400 and confirmed.data["code"] == code
    assert (Document.objects.count(), Relation.objects.count(), AuditEntry.objects.count()) == before
    assert not _media.exists() or not any(p.is_file() for p in _media.rglob("*"))


def test_messages_follow_the_language(officer_api: APIClient, db: None) -> None:
    res = officer_api.post(EXTRACT, {"file": upload("a.txt", b"hello")}, format="multipart", HTTP_ACCEPT_LANGUAGE="en")
    assert res.data["message"] == "Only .docx or .pdf files are accepted."
    res = officer_api.post(EXTRACT, {"file": upload("a.txt", b"hello")}, format="multipart")
    assert res.data["message"] == "Chỉ nhận tệp .docx hoặc .pdf."


def test_owner_password_only_pdf_is_read(officer_api: APIClient, catalogue: dict[str, Document]) -> None:
    # Many official PDFs forbid copying with an owner password but open without one.
    res = extract(officer_api, "cong-bao.pdf", _encrypted_pdf(""))
    assert res.status_code == 200, res.data
    assert res.data["document"]["number"] == "15/2025/QĐ-UBND"


# --- fuzzing: any bytes, and any text inside a well-formed file, get 200 or a 4xx --------------------------

_bmp_text = st.text(alphabet=st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",)), min_size=1, max_size=50)
_FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_FUZZ
@given(
    prefix=st.sampled_from([b"", b"PK\x03\x04", b"%PDF-1.7\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]),
    body=st.binary(max_size=2000),
)
def test_any_bytes(officer_api: APIClient, catalogue: dict[str, Document], prefix: bytes, body: bytes) -> None:
    res = extract(officer_api, "fuzz.docx", prefix + body)
    assert res.status_code < 500, res.data


@_FUZZ
@given(rows=st.lists(st.lists(st.tuples(st.sampled_from([60.0, 300.0]), _bmp_text), max_size=2), max_size=25))
def test_any_text_in_a_pdf(officer_api: APIClient, catalogue: dict[str, Document], rows: Any) -> None:
    content = decision_pdf(Decision(), rows=[[(60.0, "Số: 15/2025/QĐ-UBND")], *rows])
    res = extract(officer_api, "fuzz.pdf", content)
    assert res.status_code == 200, res.data
    json.dumps(res.json())  # the proposal is valid JSON whatever the text


# --- what confirming will change (issue #12, section 1) -----------------------------------------------------


def test_the_proposal_shows_what_confirming_will_change(officer_api: APIClient, catalogue: dict[str, Document]) -> None:
    # The decision replaces 20/2017 and repeals khoản 2 Điều 5 of 07/2019 from 20/06/2025; both are in force now.
    body = extract(officer_api, "qd-15.docx", decision_docx(Decision())).json()
    effects = {r["kind"]: r["effect"] for r in body["relations"] if r["from"] == "text"}
    replaced, repealed = effects["replaces"], effects["repeals"]
    assert replaced["target"] | {"title": ""} == {
        "id": catalogue["replaced"].pk,
        "number": "20/2017/QĐ-UBND",
        "issuer": "UBND-AG",
        "issuer_name": "Ủy ban nhân dân tỉnh An Giang",
        "type": "quyet-dinh",
        "title": "",
        "issued_on": "2017-05-05",
    }
    # "now" is today; "after" is the relation's first day, or today once that is past (as here).
    today = dt.date.today().isoformat()
    assert replaced["on"] == max(today, "2025-06-20")
    assert (replaced["status_now"], replaced["status_now_label"]) == ("in_force", "Còn hiệu lực")
    assert (replaced["status_after"], replaced["status_after_label"]) == ("expired", "Hết hiệu lực toàn bộ")
    assert (repealed["status_now"], repealed["status_after"]) == ("in_force", "partially_expired")
    for basis in (r for r in body["relations"] if r["from"] == "basis"):  # a basis changes nothing
        assert basis["effect"]["status_after"] == basis["effect"]["status_now"]
    assert "unmatched_relations" not in [w["code"] for w in body["warnings"]]


def test_a_replaced_document_missing_from_the_catalogue_is_a_warning_not_silence(
    officer_api: APIClient, catalogue: dict[str, Document]
) -> None:
    Document.objects.filter(pk=catalogue["replaced"].pk).delete()
    res = officer_api.post(
        EXTRACT,
        {"file": upload("qd-15.docx", decision_docx(Decision()))},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = res.json()
    assert [(r["kind"], r["number"], r["reason"]) for r in body["unmatched_relations"]] == [
        ("replaces", "20/2017/QĐ-UBND", "not_in_catalogue")
    ]
    warning = next(w for w in body["warnings"] if w["code"] == "unmatched_relations")
    assert warning["message"] == warning["message_en"] and "not be recorded" in warning["message_en"]
    assert "không được ghi" in warning["message_vi"]
    assert [r["kind"] for r in body["relations"] if r["from"] == "text"] == ["repeals"]
