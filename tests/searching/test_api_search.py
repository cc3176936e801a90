"""The search API over the embedded engine, fed by the real catalogue events (indexing after commit)."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.catalogue import services
from backend.searching import engine
from backend.searching import services as search_services
from tests.catalogue import factories as f

pytestmark = pytest.mark.django_db

URL = "/api/v1/search/"
TEXT = (
    "Điều 1. Phạm vi điều chỉnh\n1. Quyết định này quy định mức thu lệ phí đăng ký cư trú.\n"
    "Điều 2. Mức thu\n1. Mức thu lệ phí đăng ký thường trú là 20.000 đồng một lần.\n"
    "Điều 3. Hiệu lực thi hành\nQuyết định này có hiệu lực kể từ ngày ký."
)


@pytest.fixture
def indexed(db: None, django_capture_on_commit_callbacks: Any) -> dict[str, Any]:
    with django_capture_on_commit_callbacks(execute=True):
        ag = f.authority("UBND-AG", name="UBND tỉnh An Giang")
        f.authority("UBND-KG", name="UBND tỉnh Kiên Giang", succeeded_by=ag, succeeded_on=f.dt.date(2025, 7, 1))
        fee = f.document(
            "19/2022/QĐ-UBND",
            issued="2022-12-07",
            effective="2022-12-17",
            text=TEXT,
            title="Quy định mức thu lệ phí đăng ký cư trú trên địa bàn tỉnh An Giang",
        )
        land = f.document(
            "15/2017/QĐ-UBND",
            issuer="UBND-KG",
            issued="2017-05-02",
            effective="2017-05-12",
            title="Quy định bồi thường, hỗ trợ khi Nhà nước thu hồi đất đai trên địa bàn tỉnh",
        )
        new_land = f.document(
            "07/2026/QĐ-UBND",
            issued="2026-02-12",
            effective="2026-02-22",
            title="Quy định về bồi thường, hỗ trợ, tái định cư khi thu hồi đất",
        )
        f.relate(new_land, "replaces", land, "2026-02-22")
        draft = f.document(
            "99/2026/QĐ-UBND", issued="2026-11-01", effective=None, published=False, title="Dự thảo quy định về đất đai"
        )
    return {"fee": fee, "land": land, "new_land": new_land, "draft": draft}


def numbers(res: Any) -> list[str]:
    assert res.status_code == 200, res.data
    return [r["number"] for r in res.data["results"]]


def test_diacritics_are_optional_and_drafts_hidden(anon: APIClient, reviewer_api: APIClient, indexed: dict) -> None:
    with_marks = numbers(anon.get(URL, {"q": "bồi thường"}))
    without = numbers(anon.get(URL, {"q": "BOI THUONG"}))
    assert set(with_marks) == set(without) == {"15/2017/QĐ-UBND", "07/2026/QĐ-UBND"}
    assert "99/2026/QĐ-UBND" in numbers(reviewer_api.get(URL, {"q": "dat dai"}))
    assert "99/2026/QĐ-UBND" not in numbers(anon.get(URL, {"q": "dat dai"}))


def test_numbers_highlights_articles_and_status(anon: APIClient, indexed: dict) -> None:
    assert numbers(anon.get(URL, {"q": "QD 15/2017"}))[0] == "15/2017/QĐ-UBND"
    assert numbers(anon.get(URL, {"q": "19/2022"})) == ["19/2022/QĐ-UBND"]
    res = anon.get(URL, {"q": "mức thu lệ phí đăng ký thường trú"})
    top = res.data["results"][0]
    assert top["number"] == "19/2022/QĐ-UBND"
    assert top["article"]["label"] == "Điều 2"
    assert "<mark>" in top["highlights"]["text"][0]
    assert top["status"] == "in_force" and top["status_label"] == "Còn hiệu lực"
    old = anon.get(URL, {"q": "QD 15/2017", "on": "2026-03-01"}).data["results"][0]
    assert old["status"] == "expired"


def test_a_typo_gives_near_matches_with_the_corrected_query(anon: APIClient, indexed: dict) -> None:
    exact = anon.get(URL, {"q": "bồi thường"}).data
    assert exact["relaxed"] is False and exact["exact_count"] is None and exact["suggestion"] is None
    res = anon.get(URL, {"q": "bồi thườgn hỗ trợ"})
    assert res.status_code == 200, res.data
    assert res.data["relaxed"] is True and res.data["exact_count"] == 0
    assert res.data["suggestion"] == "bồi thường hỗ trợ"
    assert set(numbers(res)[:2]) == {"07/2026/QĐ-UBND", "15/2017/QĐ-UBND"}
    assert "<mark>thường</mark>" in res.data["results"][0]["highlights"]["title"][0]  # the corrected word is marked


def test_a_number_as_people_say_it(anon: APIClient, indexed: dict) -> None:
    assert numbers(anon.get(URL, {"q": "qd 19 ubnd 2022"}))[0] == "19/2022/QĐ-UBND"
    assert numbers(anon.get(URL, {"q": "theo Quyết định số 07/2026/QĐ-UBND."}))[0] == "07/2026/QĐ-UBND"
    res = anon.get(URL, {"q": "nq 15/2017"}).data  # no such resolution: the closest number is offered
    assert res["relaxed"] is True and res["suggestion"] == "15/2017/QĐ-UBND"
    assert res["results"][0]["number"] == "15/2017/QĐ-UBND"


def test_filters_facets_and_sorting(anon: APIClient, indexed: dict) -> None:
    res = anon.get(URL, {"q": "bồi thường"})
    assert res.data["facets"]["issuer"] == {"UBND-AG": 1, "UBND-KG": 1}
    assert res.data["facets"]["year"] == {"2017": 1, "2026": 1}
    assert res.data["facets"]["status"] == {"expired": 1, "in_force": 1}
    # On another date the status facet counts the statuses of that date, as the results show them.
    past = anon.get(URL, {"q": "bồi thường", "on": "2020-01-01"}).data
    assert past["facets"]["status"] == {"in_force": 1, "not_yet_effective": 1}
    assert sorted(r["status"] for r in past["results"]) == ["in_force", "not_yet_effective"]
    assert numbers(anon.get(URL, {"q": "bồi thường", "issuer": "UBND-AG"})) == ["07/2026/QĐ-UBND"]
    assert set(numbers(anon.get(URL, {"q": "bồi thường", "issuer": "UBND-AG", "with_predecessors": "true"}))) == {
        "07/2026/QĐ-UBND",
        "15/2017/QĐ-UBND",
    }
    assert numbers(anon.get(URL, {"q": "bồi thường", "status": "expired"})) == ["15/2017/QĐ-UBND"]
    assert numbers(anon.get(URL, {"q": "bồi thường", "status": "in_force", "on": "2020-01-01"})) == ["15/2017/QĐ-UBND"]
    assert numbers(anon.get(URL, {"q": "", "sort": "issued_on"}))[0] == "15/2017/QĐ-UBND"
    assert numbers(anon.get(URL, {"q": "", "sort": "-issued_on", "page_size": 1, "page": 2})) == ["19/2022/QĐ-UBND"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": '""'},
        {"q": "OR"},
        {"q": "-dat"},
        {"sort": "sideways"},
        {"page": "0"},
        {"page_size": "1000"},
        {"status": "bogus"},
        {"on": "2026-02-30"},
        {"issuer": "NOPE"},
        {"q": "x" * 5000},
    ],
)
def test_bad_parameters_are_a_400(anon: APIClient, indexed: dict, params: dict[str, str]) -> None:
    res = anon.get(URL, params)
    assert res.status_code == 400, res.data
    assert res.data["message_vi"] and res.data["message_en"]


def test_edits_and_deletes_reach_the_index(
    anon: APIClient, indexed: dict, django_capture_on_commit_callbacks: Any
) -> None:
    fee = indexed["fee"]
    with django_capture_on_commit_callbacks(execute=True):
        services.document_update(
            actor="tests",
            document=fee,
            data=services.DocumentInput(
                number=fee.number,
                doc_type=fee.doc_type,
                issuer=fee.issuer,
                title="Quy định về phí thẩm định",
                issued_on=fee.issued_on,
                effective_from=fee.effective_from,
                text=fee.text,
            ),
            expected_version=fee.version,
        )
    assert numbers(anon.get(URL, {"q": "phí thẩm định"})) == ["19/2022/QĐ-UBND"]
    with django_capture_on_commit_callbacks(execute=True):
        services.document_delete(actor="tests", document=fee, expected_version=fee.version + 1)
    gone = anon.get(URL, {"q": "phí thẩm định"})
    assert "19/2022/QĐ-UBND" not in numbers(gone) and gone.data["exact_count"] in (0, None)


def test_reconciliation_repairs_a_missed_update(anon: APIClient, indexed: dict) -> None:
    fee = indexed["fee"]
    engine.current().delete([fee.pk])  # as if the update message had been lost
    from backend.catalogue.models import Document

    Document.objects.filter(pk=indexed["land"].pk).update(title="Tiêu đề đổi ngoài luồng sự kiện")
    assert "19/2022/QĐ-UBND" not in numbers(anon.get(URL, {"q": "lệ phí cư trú"}))
    report = search_services.reconcile()
    assert (report.upserted, report.deleted) == (2, 0)
    assert numbers(anon.get(URL, {"q": "lệ phí cư trú"})) == ["19/2022/QĐ-UBND"]
    assert numbers(anon.get(URL, {"q": "ngoài luồng"})) == ["15/2017/QĐ-UBND"]
    assert search_services.reconcile().upserted == 0


def test_suggest_related_and_reindex_command(anon: APIClient, indexed: dict) -> None:
    from django.core.management import call_command

    assert anon.get("/api/v1/search/suggest/", {"q": "19/20"}).data["results"][0]["number"] == "19/2022/QĐ-UBND"
    related = anon.get(f"/api/v1/documents/{indexed['land'].pk}/related/").data["results"]
    assert related and related[0]["number"] == "07/2026/QĐ-UBND"
    assert anon.get(f"/api/v1/documents/{indexed['draft'].pk}/related/").status_code == 404
    engine.current().delete([d.pk for d in indexed.values()])
    call_command("reindex", "--no-progress")
    assert len(numbers(anon.get(URL, {"q": ""}))) == 3


def test_the_bulk_reader_gives_what_to_indexed_gives(indexed: dict) -> None:
    from backend.catalogue.models import Document, Field
    from backend.searching.documents import indexed_documents, to_indexed

    fee = indexed["fee"]  # its structure was parsed from its text when it was saved
    fee.fields.add(Field.objects.create(code="tu-phap", name="Tư pháp"), Field.objects.create(code="ao", name="A"))
    expected = [to_indexed(d) for d in Document.objects.order_by("pk")]
    assert list(indexed_documents(chunk=2)) == expected
    assert any(d.articles for d in expected) and any(d.fields == ("ao", "tu-phap") for d in expected)
    assert list(indexed_documents([fee.pk])) == [to_indexed(fee)]
