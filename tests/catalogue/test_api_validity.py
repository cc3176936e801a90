"""Every status, with its cause and provisions, through the API: the document endpoint and the public lookup."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.catalogue import factories as f

pytestmark = pytest.mark.django_db

LOOKUP = "/api/v1/public/lookup/"


@pytest.fixture
def timeline(db: None) -> dict[str, object]:
    """A small province history touching every state."""
    f.authority("HDND-KG", name="Hội đồng nhân dân tỉnh Kiên Giang")
    f.authority("HDND-AG", name="Hội đồng nhân dân tỉnh An Giang")
    f.authority("UBND-AG", name="Ủy ban nhân dân tỉnh An Giang")
    f.authority("QH", level="central", name="Quốc hội")
    law = f.document("80/2015/QH13", issuer="QH", type_name="Luật", issued="2015-06-22", effective="2016-07-01")
    old = f.document("19/2022/NQ-HĐND", issuer="HDND-AG", issued="2022-12-07", effective="2022-12-17")
    namesake = f.document("19/2022/NQ-HĐND", issuer="HDND-KG", issued="2022-12-09", effective="2022-12-19")
    new = f.document("07/2025/NQ-HĐND", issuer="HDND-AG", issued="2025-09-26", effective="2025-10-06")
    f.relate(new, "replaces", old, "2025-10-06")
    partial = f.document("15/2017/QĐ-UBND", issued="2017-05-02", effective="2017-05-12")
    amender = f.document("03/2026/QĐ-UBND", issued="2026-01-22", effective="2026-02-01")
    f.relate(amender, "amends", partial, "2026-02-01", provisions=["khoản 2 điều 5", "Điều 3"])
    susp = f.document("20/2019/QĐ-UBND", issued="2019-04-01", effective="2019-04-11")
    suspender = f.document("30/2023/QĐ-UBND", issued="2023-03-01", effective="2023-03-01")
    f.relate(suspender, "suspends", susp, "2023-03-15", ends="2023-09-15")
    psusp = f.document("21/2019/QĐ-UBND", issued="2019-04-01", effective="2019-04-11")
    f.relate(suspender, "suspends", psusp, "2023-03-15", provisions=["Điều 4"])
    term = f.document("40/2020/QĐ-UBND", issued="2020-01-01", effective="2020-01-11", until="2021-12-31")
    future = f.document("50/2026/QĐ-UBND", issued="2026-11-20", effective="2027-01-01")
    impl = f.document("60/2016/QĐ-UBND", issued="2016-08-01", effective="2016-08-11")
    f.relate(impl, "basis", law, "2016-08-11")
    return {
        "old": old,
        "namesake": namesake,
        "partial": partial,
        "susp": susp,
        "psusp": psusp,
        "term": term,
        "future": future,
        "impl": impl,
        "law": law,
        "new": new,
    }


def status(client: APIClient, doc: object, on: str) -> dict:
    res = client.get(f"/api/v1/documents/{doc.pk}/status/", {"on": on})  # type: ignore[attr-defined]
    assert res.status_code == 200, res.data
    return res.data


def test_each_state_with_cause(anon: APIClient, timeline: dict) -> None:
    replaced = status(anon, timeline["old"], "2025-10-06")
    assert (replaced["status"], replaced["reason"]) == ("expired", "replaced")
    assert replaced["caused_by"][0]["number"] == "07/2025/NQ-HĐND"
    assert replaced["caused_by"][0]["effective_on"] == "2025-10-06"
    assert status(anon, timeline["old"], "2025-10-05")["status"] == "in_force"

    partial = status(anon, timeline["partial"], "2026-03-01")
    assert (partial["status"], partial["reason"]) == ("partially_expired", "amended")
    assert [p["provision"] for p in partial["provisions"]] == ["Điều 3", "Khoản 2 Điều 5"]
    assert partial["provisions"][0]["caused_by"][0]["number"] == "03/2026/QĐ-UBND"

    suspended = status(anon, timeline["susp"], "2023-05-01")
    assert (suspended["status"], suspended["reason"]) == ("suspended", "suspended")
    assert suspended["caused_by"][0]["number"] == "30/2023/QĐ-UBND"
    assert status(anon, timeline["susp"], "2023-09-15")["status"] == "in_force"

    psusp = status(anon, timeline["psusp"], "2024-01-01")
    assert psusp["status"] == "partially_suspended"
    assert psusp["provisions"][0] == {**psusp["provisions"][0], "provision": "Điều 4", "status": "suspended"}

    term = status(anon, timeline["term"], "2022-01-01")
    assert (term["status"], term["reason"], term["caused_by"]) == ("expired", "term_ended", [])
    assert status(anon, timeline["term"], "2021-12-31")["status"] == "in_force"

    assert status(anon, timeline["future"], "2026-11-28")["status"] == "not_yet_effective"
    assert status(anon, timeline["future"], "2099-01-01")["status"] == "in_force"


def test_implementing_document_is_flagged_not_expired(anon: APIClient, timeline: dict) -> None:
    from backend.catalogue.validity import RelationKind

    law = timeline["law"]
    replacement = f.document("64/2025/QH15", issuer="QH", type_name="Luật", issued="2025-02-19", effective="2025-04-01")
    f.relate(replacement, RelationKind.REPLACES.value, law, "2025-04-01")
    impl = status(anon, timeline["impl"], "2025-06-01")
    assert impl["status"] == "in_force"
    assert impl["review_flags"][0]["basis_number"] == "80/2015/QH13"


def test_timeline_lists_each_change(anon: APIClient, timeline: dict) -> None:
    res = anon.get(f"/api/v1/documents/{timeline['susp'].pk}/timeline/")
    assert res.status_code == 200
    states = [(e["status"], e["on"]) for e in res.data["timeline"]]
    assert ("suspended", "2023-03-15") in states
    assert ("in_force", "2023-09-15") in states


def test_public_lookup_variants_and_namesakes(anon: APIClient, timeline: dict) -> None:
    spoken = ["nq 19 hdnd 2022", "Nghị quyết số 19 HĐND 2022"]  # said in full, as people type it (issue #15)
    for variant in ["19/2022/NQ-HĐND", "19/2022/NQ-HDND", "Số 19 / 2022 / nq-hđnd", "019/2022/NQ-HÐND", *spoken]:
        res = anon.get(LOOKUP, {"number": variant, "on": "2025-11-01"})
        assert res.status_code == 200, res.data
        assert len(res.json()["results"]) == 2, variant
    res = anon.get(LOOKUP, {"number": "19/2022/NQ-HDND", "issuer": "HDND-AG", "on": "2025-11-01"})
    (item,) = res.json()["results"]
    assert item["status"] == "expired"
    assert item["status_label"] == "Hết hiệu lực toàn bộ"
    assert item["reason"] == "replaced"
    assert item["caused_by"] == [{"number": "07/2025/NQ-HĐND", "kind": "replaces", "effective_on": "2025-10-06"}]
    assert item["on"] == "2025-11-01"
    assert item["issuer"]["code"] == "HDND-AG"
    before = anon.get(LOOKUP, {"number": "19/2022/NQ-HDND", "issuer": "HDND-AG", "on": "2024-01-01"})
    assert before.json()["results"][0]["status"] == "in_force"


def test_public_lookup_partial_provisions(anon: APIClient, timeline: dict) -> None:
    res = anon.get(LOOKUP, {"number": "15/2017/QD-UBND", "on": "2026-06-01", "lang": "en"})
    (item,) = res.json()["results"]
    assert item["status"] == "partially_expired"
    assert item["status_label"] == "Partially expired"
    assert item["provisions"][1] == {
        "provision": "Khoản 2 Điều 5",
        "status": "expired",
        "caused_by": [{"number": "03/2026/QĐ-UBND", "kind": "amends", "effective_on": "2026-02-01"}],
    }


def test_public_lookup_errors_and_drafts(anon: APIClient, timeline: dict) -> None:
    assert anon.get(LOOKUP, {"number": "99/2099/QĐ-UBND"}).json()["results"] == []
    bad = anon.get(LOOKUP, {"number": "???"})
    assert bad.status_code == 400 and "number" in bad.json()["errors"]
    half = anon.get(LOOKUP, {"number": "nq 19"})  # half a number: not a lookup (search finds it)
    assert half.status_code == 400 and "number" in half.json()["errors"]
    assert anon.get(LOOKUP).status_code == 400
    bad_date = anon.get(LOOKUP, {"number": "15/2017/QĐ-UBND", "on": "2017-02-30"})
    assert bad_date.status_code == 400 and "on" in bad_date.json()["errors"]
    assert anon.post(LOOKUP, {"number": "15/2017/QĐ-UBND"}).status_code == 405
    assert anon.head(LOOKUP, {"number": "15/2017/QĐ-UBND"}).status_code == 200
    f.document("70/2026/QĐ-UBND", issued="2026-11-01", effective=None, published=False)
    assert anon.get(LOOKUP, {"number": "70/2026/QĐ-UBND"}).json()["results"] == []


def test_cached_lookup_answers_follow_every_write(
    anon: APIClient, officer_api: APIClient, db: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        f.authority("UBND-AG", name="UBND tỉnh An Giang")
        old = f.document("10/2020/QĐ-UBND", issued="2020-01-01", effective="2020-01-11")
        new = f.document("20/2024/QĐ-UBND", issued="2024-01-01", effective="2024-01-11")
    params = {"number": "10/2020/QD-UBND", "on": "2025-01-01"}
    assert anon.get(LOOKUP, params).json()["results"][0]["status"] == "in_force"
    assert anon.get(LOOKUP, params).json()["results"][0]["status"] == "in_force"  # served from the cache
    with django_capture_on_commit_callbacks(execute=True):
        f.relate(new, "repeals", old, "2024-01-11")
    assert anon.get(LOOKUP, params).json()["results"][0]["status"] == "expired"
    with django_capture_on_commit_callbacks(execute=True):
        res = officer_api.patch(
            "/api/v1/authorities/UBND-AG/", {"name": "Ủy ban nhân dân tỉnh An Giang"}, format="json"
        )
        assert res.status_code == 200
    assert anon.get(LOOKUP, params).json()["results"][0]["issuer"]["name"] == "Ủy ban nhân dân tỉnh An Giang"


def test_a_known_number_on_a_new_date_is_answered_without_the_database(
    anon: APIClient, db: None, django_capture_on_commit_callbacks: Any, django_assert_num_queries: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        f.authority("UBND-AG")
        old = f.document("10/2020/QĐ-UBND", issued="2020-01-01", effective="2020-01-11")
        new = f.document("20/2024/QĐ-UBND", issued="2024-01-01", effective="2024-01-11")
    assert anon.get(LOOKUP, {"number": "10/2020/QD-UBND", "on": "2021-01-01"}).json()["results"][0]["status"] == (
        "in_force"
    )
    with django_assert_num_queries(0):
        res = anon.get(LOOKUP, {"number": "Số 10/2020/qđ-ubnd", "on": "2019-06-01"})
    assert res.json()["results"][0]["status"] == "not_yet_effective"
    with django_capture_on_commit_callbacks(execute=True):
        f.relate(new, "repeals", old, "2024-01-11")
    # The write made the number's stored facts stale too: a date never asked before sees the repeal.
    later = anon.get(LOOKUP, {"number": "10/2020/QD-UBND", "on": "2030-01-01"}).json()["results"][0]
    assert later["status"] == "expired" and later["caused_by"][0]["number"] == "20/2024/QĐ-UBND"


@pytest.mark.parametrize("store", ["local", "redis"])
def test_public_lookup_is_throttled_per_client(anon: APIClient, db: None, settings: Any, store: str) -> None:
    import os

    import redis

    from backend.core import throttling

    if store == "redis":
        settings.REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
        redis.Redis.from_url(settings.REDIS_URL).flushdb()
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"public": "3/min"}}
    throttling.reset()
    # A forged X-Forwarded-For per request must not buy a fresh allowance.
    responses = [anon.get(LOOKUP, {"number": "1/2020/QĐ-UBND"}, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}") for i in range(5)]
    other = APIClient(REMOTE_ADDR="10.1.2.3").get(LOOKUP, {"number": "1/2020/QĐ-UBND"}).status_code
    assert [res.status_code for res in responses] == [200, 200, 200, 429, 429]
    refused = responses[-1]
    assert refused.json()["code"] == "throttled"
    assert refused.json()["message_vi"].startswith("Quá nhiều yêu cầu")
    assert 0 < int(refused["Retry-After"]) <= 60
    assert other == 200
    if store == "redis":  # the counts reached Redis, where other workers read them
        throttling.limiter.sync()
        keys = redis.Redis.from_url(settings.REDIS_URL).keys("hieuluc:ratelimit:public:*")
        assert len(keys) == 2


def test_the_regulations_article_is_not_the_decisions_own(anon: APIClient, timeline: dict) -> None:
    """A decision and the regulation it issues both have an Điều 1: repealing the regulation's names it as such,
    typed as officers type it, and the decision's own Điều 1 keeps its state."""
    decision = f.document("12/2024/QĐ-UBND", issued="2024-03-01", effective="2024-03-11")
    repealer = f.document("05/2026/QĐ-UBND", issued="2026-02-01", effective="2026-02-11")
    f.relate(
        repealer, "repeals", decision, "2026-02-11", provisions=["điều 1 của quy định", "khoản 2 điều 3 (quy định)"]
    )
    answer = status(anon, decision, "2026-06-01")
    assert [(p["provision"], p["status"]) for p in answer["provisions"]] == [
        ("Điều 1 (Quy định)", "expired"),
        ("Khoản 2 Điều 3 (Quy định)", "expired"),
    ]
    assert not any(p["provision"] == "Điều 1" for p in answer["provisions"])
