"""A document's responsible organisation (decision 0023, increment 3): by the form, the list's filter, import and
export, and upload (the preamble's "Theo đề nghị của …" line read and matched to the organisations)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from backend.audit.models import AuditEntry
from backend.catalogue import responsible
from backend.catalogue.extraction.fields import extract_fields, proposing_body
from backend.catalogue.extraction.files import read_upload
from backend.catalogue.importers import export, readers
from backend.catalogue.importers.service import ImportFailed, import_bundle
from backend.catalogue.models import Document
from backend.organisations.models import Organisation
from tests.catalogue import factories as f
from tests.catalogue.decision_files import CORPUS_DIR, Decision, corpus_decision, decision_docx, decision_pdf
from tests.organisations.factories import org, province_tree

URL = "/api/v1/documents/"


def payload(**over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "number": "15/2025/QĐ-UBND",
        "type": "Quyết định",
        "issuer": "UBND-AG",
        "title": "Ban hành quy định về quản lý chợ",
        "issued_on": "2025-05-02",
        "effective_from": "2025-05-12",
    }
    data.update(over)
    return data


@pytest.fixture
def tree(db: None) -> dict[str, Organisation]:
    f.authority("UBND-AG", name="Ủy ban nhân dân tỉnh An Giang")
    return province_tree()


# --- the form and the list ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_form_sets_changes_keeps_and_clears_it_audited(officer_api: APIClient, tree: dict[str, Any]) -> None:
    created = officer_api.post(URL, payload(responsible="stc"), format="json")
    assert created.status_code == 201, created.data
    assert created.data["responsible"] == {"code": "stc", "name": "Sở Tài chính"}
    doc_id = created.data["id"]
    assert Document.objects.get(pk=doc_id).responsible == tree["stc"]
    created_entry = AuditEntry.objects.get(object_type="catalogue.document", action="create")
    assert created_entry.after["responsible_id"] == tree["stc"].pk

    # A PATCH that does not name it keeps it; a PUT that does not name it keeps it too (the older clients').
    patched = officer_api.patch(f"{URL}{doc_id}/", {"title": "Tên mới"}, format="json", HTTP_IF_MATCH='"1"')
    assert patched.data["responsible"] == {"code": "stc", "name": "Sở Tài chính"}
    put = officer_api.put(f"{URL}{doc_id}/", payload(version=2), format="json")
    assert put.status_code == 200, put.data
    assert put.data["responsible"]["code"] == "stc"

    changed = officer_api.patch(f"{URL}{doc_id}/", {"responsible": "sxd", "version": 3}, format="json")
    assert changed.data["responsible"] == {"code": "sxd", "name": "Sở Xây dựng"}
    entry = AuditEntry.objects.filter(object_type="catalogue.document", action="update").latest("pk")
    assert entry.changes["responsible_id"] == [tree["stc"].pk, tree["sxd"].pk]

    cleared = officer_api.patch(f"{URL}{doc_id}/", {"responsible": None, "version": 4}, format="json")
    assert cleared.status_code == 200, cleared.data
    assert cleared.data["responsible"] is None
    assert Document.objects.get(pk=doc_id).responsible is None
    listed = officer_api.get(URL)
    assert listed.data["results"][0]["responsible"] is None


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["khong-co", 12, ["stc"]])
def test_an_unknown_or_malformed_organisation_is_a_400_on_its_field(
    officer_api: APIClient, tree: dict[str, Any], value: object
) -> None:
    res = officer_api.post(URL, payload(responsible=value), format="json")
    assert res.status_code == 400, res.data
    [message] = res.data["errors"]["responsible"]
    assert " / " in message  # Vietnamese / English
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_the_list_filters_by_an_organisation_with_its_predecessors(anon: APIClient, tree: dict[str, Any]) -> None:
    def made(number: str, organisation: str | None) -> Document:
        doc = f.document(number, issued="2024-01-01", effective="2024-01-11")
        Document.objects.filter(pk=doc.pk).update(responsible=tree[organisation] if organisation else None)
        return doc

    by_sxd = made("1/2024/QĐ-UBND", "sxd")
    by_sgtvt = made("2/2024/QĐ-UBND", "sgtvt")  # merged into the Sở Xây dựng in 2025
    made("3/2024/QĐ-UBND", "stc")
    made("4/2024/QĐ-UBND", None)

    res = anon.get(URL, {"responsible": "sxd"})
    assert res.status_code == 200, res.data
    assert {d["id"] for d in res.data["results"]} == {by_sxd.pk, by_sgtvt.pk}
    assert {d["id"] for d in anon.get(URL, {"responsible": "sgtvt"}).data["results"]} == {by_sgtvt.pk}
    # The province's UBND reaches its departments.
    assert anon.get(URL, {"responsible": "ubnd"}).data["count"] == 3
    bad = anon.get(URL, {"responsible": "khong-co"})
    assert bad.status_code == 400
    assert "khong-co" in bad.data["errors"]["responsible"][0]


# --- import and export ----------------------------------------------------------------------------------------


def _bundle(documents: list[dict[str, Any]]) -> readers.Bundle:
    data = {
        "authorities": [{"code": "UBND-AG", "name": "Ủy ban nhân dân tỉnh An Giang", "level": "province"}],
        "documents": documents,
    }
    return readers.read_json(json.dumps(data).encode(), "x.json")


def _row(number: str, **extra: Any) -> dict[str, Any]:
    return {
        "number": number,
        "type": "Quyết định",
        "issuer": "UBND-AG",
        "title": "X",
        "issued_on": "2024-03-01",
    } | extra


@pytest.mark.django_db
def test_import_reads_a_code_or_a_name_without_diacritics_and_export_writes_the_code(tree: dict[str, Any]) -> None:
    org("stc-kg", parent=tree["ubnd"], name="Sở Tài chính tỉnh Kiên Giang")
    import_bundle(
        _bundle(
            [
                _row("1/2024/QĐ-UBND", responsible="stc"),
                _row("2/2024/QĐ-UBND", responsible="so xay dung"),
                _row("3/2024/QĐ-UBND", responsible="SỞ TÀI CHÍNH TỈNH KIÊN GIANG"),
                _row("4/2024/QĐ-UBND", responsible=None),
                _row("5/2024/QĐ-UBND"),
            ]
        ),
        actor="tests",
    )
    got = dict(Document.objects.values_list("number", "responsible__code"))
    assert got == {
        "1/2024/QĐ-UBND": "stc",
        "2/2024/QĐ-UBND": "sxd",
        "3/2024/QĐ-UBND": "stc-kg",
        "4/2024/QĐ-UBND": None,
        "5/2024/QĐ-UBND": None,
    }
    bundle = export.bundle_dict()
    assert {d["number"]: d["responsible"] for d in bundle["documents"]} == got
    csv_header = export.to_csv(bundle, "documents").decode().splitlines()[0].split(",")
    assert "responsible" in csv_header

    # A file without the column leaves it as it is; an empty cell clears it.
    report = import_bundle(_bundle([_row("1/2024/QĐ-UBND")]), actor="tests")
    assert report.unchanged["documents"] == 1
    assert Document.objects.get(number="1/2024/QĐ-UBND").responsible == tree["stc"]
    import_bundle(_bundle([_row("1/2024/QĐ-UBND", responsible="")]), actor="tests")
    assert Document.objects.get(number="1/2024/QĐ-UBND").responsible is None


@pytest.mark.django_db
def test_an_unknown_or_ambiguous_organisation_is_that_rows_error(tree: dict[str, Any]) -> None:
    org("stc-kg", parent=tree["ubnd"], name="Sở Tài chính tỉnh Kiên Giang")
    with pytest.raises(ImportFailed) as failed:
        import_bundle(
            _bundle(
                [
                    _row("1/2024/QĐ-UBND", responsible="stc"),
                    _row("2/2024/QĐ-UBND", responsible="Sở Không Có"),
                    _row("3/2024/QĐ-UBND", responsible="Sở Tài chính tỉnh"),  # An Giang's and Kiên Giang's
                ]
            ),
            actor="tests",
        )
    errors = [e.as_dict() for e in failed.value.report.errors]
    assert [(e["where"], e["field"]) for e in errors] == [
        ("documents[1]", "responsible"),
        ("documents[2]", "responsible"),
    ]
    assert "Sở Không Có" in errors[0]["message_vi"] and "Sở Không Có" in errors[0]["message_en"]
    assert errors[0]["label_vi"] == "Cơ quan chủ trì soạn thảo"
    assert "stc, stc-kg" in errors[1]["message_en"]
    assert not Document.objects.exists()


# --- the reader (pure) ----------------------------------------------------------------------------------------

PREAMBLE = ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;"]


@pytest.mark.parametrize(
    ("line", "body"),
    [
        (
            "Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 123/TTr-STC ngày 05 tháng 3 năm 2025.",
            "Sở Tài chính",
        ),
        (
            "Xét đề nghị của Giám đốc Sở Nông nghiệp và Môi trường tại Tờ trình số 45/TTr-SNNMT.",
            "Sở Nông nghiệp và Môi trường",
        ),
        ("Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh.", "Văn phòng Ủy ban nhân dân tỉnh"),
        ("Theo đề nghị của Giám đốc Công an tỉnh.", "Công an tỉnh"),
        (
            "Theo đề nghị của Giám đốc Sở Văn hóa, Thể thao và Du lịch tại Tờ trình số 5/TTr-SVHTTDL",
            "Sở Văn hóa, Thể thao và Du lịch",
        ),
        ("Theo đề nghị của Giám đốc Sở Giao thông vận tải tại Tờ trình số 7/TTr-SGTVT;", "Sở Giao thông vận tải"),
        ("Theo đề nghị của Giám đốc Sở Tư pháp, Giám đốc Sở Nội vụ.", "Sở Tư pháp"),
        ("Theo đề nghị của Giám đốc Sở Xây dựng và Giám đốc Sở Tài chính;", "Sở Xây dựng"),
        ("Theo đề nghị của Sở Xây dựng, ý kiến thẩm định của Sở Tư pháp.", "Sở Xây dựng"),
        (
            "Theo đề nghị của Giám đốc Sở Lao động - Thương binh và Xã hội (Tờ trình số 1/TTr-SLĐTBXH).",
            "Sở Lao động - Thương binh và Xã hội",
        ),
        ("Theo đề nghị của Trưởng Ban Quản lý Khu kinh tế tỉnh.", "Ban Quản lý Khu kinh tế tỉnh"),
        ("Xét đề nghị của Trưởng phòng Người có công,", "Phòng Người có công"),
        ("THEO ĐỀ NGHỊ CỦA GIÁM ĐỐC SỞ Y TẾ.", "SỞ Y TẾ"),
    ],
)
def test_the_reader_finds_the_proposing_body(line: str, body: str) -> None:
    assert proposing_body([*PREAMBLE, line, "QUYẾT ĐỊNH:"]) == body


@pytest.mark.parametrize(
    "lines",
    [
        # "đề nghị" in the articles, after the enacting words, or not at a line's start is not the proposal.
        [*PREAMBLE, "QUYẾT ĐỊNH:", "Theo đề nghị của Giám đốc Sở Y tế."],
        [*PREAMBLE, "Điều 1. Theo đề nghị của Giám đốc Sở Y tế, giao Sở Tài chính."],
        [*PREAMBLE, "Căn cứ Công văn số 5/STC theo đề nghị của Giám đốc Sở Tài chính;"],
        [*PREAMBLE, "Xét Tờ trình số 12/TTr-UBND của Ủy ban nhân dân tỉnh về việc đề nghị ban hành;"],
        [],
    ],
)
def test_the_reader_is_not_fooled_by_other_proposals(lines: list[str]) -> None:
    assert proposing_body(lines) == ""


def test_a_decisions_proposal_line_is_read_in_its_preamble_only() -> None:
    decision = Decision(
        proposer="Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 123/TTr-STC ngày 05 tháng 3 năm 2025.",
        articles=(("Điều 1. Theo đề nghị của Giám đốc Sở Y tế, giao Sở Y tế tổ chức thực hiện.", ()),),
    )
    for content, kind in ((decision_docx(decision), "docx"), (decision_pdf(decision), "pdf")):
        source = read_upload(content)
        assert extract_fields(source.lines, wrapped=kind == "pdf").proposed_by == "Sở Tài chính", kind
    no_proposal = dataclasses.replace(decision, proposer="")
    source = read_upload(decision_docx(no_proposal))
    assert extract_fields(source.lines).proposed_by == ""


# The proposing body of each real document whose preamble has the line, read by a person from the texts.
REAL_PROPOSERS = {
    "nghi-dinh_112-2021-ND-CP": "Bộ Lao động - Thương binh và Xã hội",
    "nghi-dinh_372-2025-ND-CP": "Bộ Nội vụ",
    "thong-tu_02-2024-TT-BLDTBXH": "Cục Quản lý lao động ngoài nước",
    "thong-tu_07-2023-TT-BLDTBXH": "Tổng cục Giáo dục nghề nghiệp",
    "thong-tu_08-2023-TT-BLDTBXH": "Vụ Pháp chế",
    "thong-tu_09-2026-TT-BNV": "Cục Quản lý lao động ngoài nước",
    "thong-tu_10-2024-TT-BLDTBXH": "Tổng cục Giáo dục nghề nghiệp",
    "thong-tu_14-2021-TT-BLDTBXH": "Tổng cục Giáo dục nghề nghiệp",
    "thong-tu_15-2021-TT-BLDTBXH": "Tổng cục Giáo dục nghề nghiệp",
    "thong-tu_18-2026-TT-BTC": "Cục Thuế",
    "thong-tu_21-2021-TT-BLDTBXH": "Cục Quản lý lao động ngoài nước",
    "thong-tu_44-2022-TT-BTC": "Vụ Tài chính hành chính sự nghiệp",
    "thong-tu_50-2026-TT-BTC": "Cục Thuế",
    "thong-tu_95-2025-TT-BTC": "Vụ Tài chính – Kinh tế ngành",
    "vbhn_1549-VBHN-BLDTBXH": "Tổng cục Giáo dục nghề nghiệp",
    "vbhn_1550-VBHN-BLDTBXH": "Tổng cục Giáo dục nghề nghiệp",
    "vbhn_156-VBHN-BLDTBXH": "Tổng cục Giáo dục nghề nghiệp",
    "vbhn_2007-VBHN-BLDTBXH": "Cục Quản lý lao động ngoài nước",
    # Laws and the National Assembly's consolidated texts name no proposer (vbhn_47 has "đề nghị của" in a
    # sentence of its articles, which must not be taken for one).
    "luat_24-2012-QH13": "",
    "luat_51-2024-QH15": "",
    "vbhn_22-VBHN-VPQH": "",
    "vbhn_47-VBHN-VPQH": "",
}


@pytest.mark.parametrize("kind", ["docx", "pdf"])
@pytest.mark.parametrize("name", sorted(REAL_PROPOSERS))
def test_the_reader_on_real_documents(name: str, kind: str) -> None:
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"the amendment corpus is not here: {CORPUS_DIR} (it is not part of the repository)")
    path: Path = CORPUS_DIR / f"{name}.txt"
    decision = corpus_decision(path)
    source = read_upload(decision_docx(decision) if kind == "docx" else decision_pdf(decision))
    assert extract_fields(source.lines, wrapped=kind == "pdf").proposed_by == REAL_PROPOSERS[name]


# --- matching and the upload ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_body_is_matched_by_folded_name_preferring_the_one_active_on_the_issue_date() -> None:
    old = org("snnptnt", name="Sở Nông nghiệp và Phát triển nông thôn tỉnh An Giang", valid_until=dt.date(2025, 2, 28))
    new = org("snnmt", name="Sở Nông nghiệp và Môi trường tỉnh An Giang", valid_from=dt.date(2025, 3, 1))
    police = org("cat", name="Công an tỉnh An Giang")
    office = org("vp", name="Văn phòng UBND tỉnh An Giang")
    assert responsible.match_body("Sở Nông nghiệp và Môi trường", dt.date(2025, 6, 1)) == new
    assert responsible.match_body("Sở Nông nghiệp", dt.date(2024, 6, 1)) == old
    assert responsible.match_body("Sở Nông nghiệp", dt.date(2025, 6, 1)) == new
    assert responsible.match_body("SO NONG NGHIEP VA PHAT TRIEN NONG THON", None) == old
    assert responsible.match_body("Công an tỉnh", None) == police
    assert responsible.match_body("Văn phòng Ủy ban nhân dân tỉnh", None) == office
    assert responsible.match_body("Sở Y tế", None) is None
    assert responsible.match_body("", None) is None


@pytest.mark.django_db
def test_upload_proposes_it_and_from_file_saves_it(
    officer_api: APIClient, tree: dict[str, Any], tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    decision = dataclasses.replace(
        Decision(),
        proposer="Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 123/TTr-STC ngày 05 tháng 3 năm 2025.",
        articles=(("Điều 1. Quyết định này có hiệu lực thi hành kể từ ngày 20 tháng 6 năm 2025.", ()),),
    )
    content = decision_docx(decision)
    res = officer_api.post("/api/v1/documents/extract/", {"file": SimpleUploadedFile("qd.docx", content)})
    assert res.status_code == 200, res.data
    assert res.data["responsible"] == {"code": "stc", "name": "Sở Tài chính"}
    assert res.data["document"]["responsible"] == "stc"
    assert res.data["found"]["proposed_by"] == "Sở Tài chính"

    # The officer changes it to the Sở Xây dựng before confirming.
    document = {k: v for k, v in res.json()["document"].items() if v is not None} | {"responsible": "sxd"}
    saved = officer_api.post(
        "/api/v1/documents/from-file/",
        {"file": SimpleUploadedFile("qd.docx", content), "document": json.dumps(document)},
        format="multipart",
    )
    assert saved.status_code == 201, saved.data
    assert saved.data["responsible"] == {"code": "sxd", "name": "Sở Xây dựng"}
    assert Document.objects.get(pk=saved.data["id"]).responsible == tree["sxd"]

    # A body not in the list proposes none.
    unknown = dataclasses.replace(decision, number="16/2025/QĐ-UBND", proposer="Theo đề nghị của Giám đốc Sở Y tế.")
    res = officer_api.post(
        "/api/v1/documents/extract/", {"file": SimpleUploadedFile("qd.docx", decision_docx(unknown))}
    )
    assert res.data["responsible"] is None and res.data["document"]["responsible"] is None
    assert res.data["found"]["proposed_by"] == "Sở Y tế"
