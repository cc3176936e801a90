"""The officers' document list (/can-bo/van-ban): the documents API's filters it uses (issue #12, section 2).

Drafts (published=false) are listed for staff only; `q` finds a number in any spelling or words of the title.
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.catalogue import factories as f

pytestmark = pytest.mark.django_db

URL = "/api/v1/documents/"


@pytest.fixture
def catalogue(db: None) -> None:
    f.authority("UBND-AG")
    f.authority("HDND-AG", name="Hội đồng nhân dân tỉnh An Giang")
    f.document("15/2017/QĐ-UBND", title="Quy định quản lý chợ", issued="2017-05-02", effective="2017-05-12")
    f.document("05/2018/NQ-HĐND", issuer="HDND-AG", title="Mức thu phí", issued="2018-03-01", effective="2018-03-11")
    f.document("20/2026/QĐ-UBND", title="Dự thảo quy định về chợ", issued="2026-11-01", effective=None, published=False)


def numbers(client: APIClient, query: str) -> list[str]:
    answer = client.get(URL + query)
    assert answer.status_code == 200, answer.json()
    return sorted(row["number"] for row in answer.json()["results"])


def test_staff_filter_drafts_and_the_public_never_sees_them(
    catalogue: None, officer_api: APIClient, reviewer_api: APIClient, anon: APIClient
) -> None:
    assert numbers(officer_api, "?published=false") == ["20/2026/QĐ-UBND"]
    assert numbers(reviewer_api, "?published=false") == ["20/2026/QĐ-UBND"]
    assert numbers(anon, "?published=false") == []
    assert numbers(officer_api, "?published=true") == ["05/2018/NQ-HĐND", "15/2017/QĐ-UBND"]


def test_q_finds_a_number_in_any_spelling_or_words_of_the_title(catalogue: None, officer_api: APIClient) -> None:
    assert numbers(officer_api, "?q=15/2017/qd-ubnd") == ["15/2017/QĐ-UBND"]
    assert numbers(officer_api, "?q=" + "Số 05/2018/NQ-HDND") == ["05/2018/NQ-HĐND"]
    assert numbers(officer_api, "?q=chợ") == ["15/2017/QĐ-UBND", "20/2026/QĐ-UBND"]
    assert numbers(officer_api, "?q=2026") == ["20/2026/QĐ-UBND"]
    assert numbers(officer_api, "?q=%20%20") == ["05/2018/NQ-HĐND", "15/2017/QĐ-UBND", "20/2026/QĐ-UBND"]


def test_filters_combine_with_type_issuer_year_and_status(catalogue: None, officer_api: APIClient) -> None:
    assert numbers(officer_api, "?issuer=HDND-AG") == ["05/2018/NQ-HĐND"]
    assert numbers(officer_api, "?year=2026&q=chợ") == ["20/2026/QĐ-UBND"]
    assert numbers(officer_api, "?type=quyet-dinh&status=in_force&published=true") == ["15/2017/QĐ-UBND"]
    page = officer_api.get(URL + "?page_size=1&page=2").json()
    assert page["count"] == 3 and len(page["results"]) == 1
