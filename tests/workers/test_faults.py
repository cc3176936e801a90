"""Faults with real processes (issue #11, sections 2 and 5): a Celery worker killed with SIGKILL in the middle of
an import and of a review fan-out, then started again; Redis stopped under gunicorn while the public looks up and
officers write, then started again. The promises are in docs/reliability.md.
"""

from __future__ import annotations

import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.contrib.auth.models import Group, User

from backend.accounts.roles import Role, ensure_groups
from backend.catalogue.models import Document, ImportJob, Relation
from backend.reviews.models import ReviewPlan, ReviewTask
from backend.searching import engine
from backend.searching.documents import indexed_documents
from tests.catalogue import factories as f
from tests.redis_server import PrivateRedis, free_port
from tests.workers.conftest import REDIS_URL, ChildProcess, WorkerProcess, flush_redis, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RESUME_WITHIN = 60.0  # seconds after a worker is back (the promise)


def _beat(tmp_path: Path, redis_url: str) -> ChildProcess:
    schedule = str(tmp_path / "beat-schedule")
    command = [sys.executable, "-m", "celery", "-A", "workers", "beat", "-s", schedule, "-l", "info"]
    return ChildProcess(tmp_path, "beat", command, {"REDIS_URL": redis_url})


def _officer() -> User:
    ensure_groups()
    user = User.objects.create_user(username="officer")
    # The service checks passwords with its own hashers (the tests' fast MD5 is not among them).
    user.password = make_password("officer-pw-123", hasher=PBKDF2PasswordHasher())
    user.save()
    user.groups.add(Group.objects.get(name=Role.LEGAL_OFFICER.value))
    return user


def _import_file(tmp_path: Path, count: int) -> Path:
    documents = [
        {
            "number": f"{n}/2024/QĐ-UBND",
            "type": "Quyết định",
            "issuer": "UBND-AG",
            "title": f"Quy định thử nghiệm nhập khẩu số {n}",
            "issued_on": "2024-03-01",
            "effective_from": "2024-03-11",
            "text": "Điều 1. Phạm vi\n1. Quy định này áp dụng trên địa bàn tỉnh.\nĐiều 2. Hiệu lực\nCó hiệu lực.",
        }
        for n in range(1, count + 1)
    ]
    path = tmp_path / "import.json"
    path.write_text(json.dumps({"documents": documents}, ensure_ascii=False))
    return path


@pytest.fixture
def clean_redis() -> None:
    flush_redis()


def test_a_worker_killed_during_an_import_is_resumed_by_the_heartbeat(tmp_path: Path, clean_redis: None) -> None:
    f.authority("UBND-AG")
    from backend.catalogue.importers import jobs
    from backend.outbox import consumers

    with consumers.disabled("catalogue.import"):  # this process would run it in-process: it goes to the worker
        job = jobs.job_create(actor=None, filename="import.json", content=_import_file(tmp_path, 3000).read_bytes())
    first = WorkerProcess(tmp_path, name="worker-1")
    beat = _beat(tmp_path, REDIS_URL)
    from celery import Celery

    Celery("test-producer", broker=REDIS_URL).send_task("catalogue.run_import", args=[job.pk], queue="default")
    first.start()
    try:
        assert wait_for(lambda: ImportJob.objects.get(pk=job.pk).state == "running", timeout=60), first.log()
        time.sleep(1)  # inside the import
        first.kill()
        killed_at = time.monotonic()
        assert ImportJob.objects.get(pk=job.pk).state == "running"  # what a dead worker leaves behind
        assert not Document.objects.filter(number__endswith="/2024/QĐ-UBND").exists()  # all or nothing
        second = WorkerProcess(tmp_path, name="worker-2")
        second.start()
        beat.start()
        try:
            # The promise is the resumption (a second run started within RESUME_WITHIN of the kill); how long
            # the 3,000 documents then take depends on the machine's load, so finishing is only awaited.
            resumed = wait_for(lambda: ImportJob.objects.get(pk=job.pk).attempts >= 2, timeout=RESUME_WITHIN + 30)
            took = time.monotonic() - killed_at
            assert resumed, second.log() + beat.log()
            print(f"import: resumed {took:.0f} s after the kill")
            assert took < RESUME_WITHIN, f"resumed {took:.0f} s after the kill"
            finished = wait_for(lambda: ImportJob.objects.get(pk=job.pk).state == "succeeded", timeout=600)
            assert finished, second.log() + beat.log()
        finally:
            second.stop()
            beat.stop()
    finally:
        first.stop()
    assert Document.objects.filter(number__endswith="/2024/QĐ-UBND").count() == 3000  # once each


def test_a_worker_killed_during_a_fan_out_completes_it_once_back(tmp_path: Path, clean_redis: None) -> None:
    from backend.catalogue import services

    f.authority("QH", level="central")
    f.authority("UBND-AG")
    law = f.document("45/2019/QH14", issuer="QH", issued="2019-11-20", effective="2021-01-01")
    # Many dependents, written in bulk (the services would take minutes): each rests on the law.
    template = f.document("1/2021/QĐ-UBND", issued="2021-03-01", effective="2021-03-15")
    dependents = [template.pk]
    for start in range(2, 6001, 1000):
        made = Document.objects.bulk_create(
            [
                Document(
                    number=f"{n}/2021/QĐ-UBND",
                    number_key=f"{n}/2021/QD-UBND",
                    doc_type=template.doc_type,
                    issuer=template.issuer,
                    title=f"Văn bản {n}",
                    issued_on=template.issued_on,
                    effective_from=template.effective_from,
                    status=template.status,
                )
                for n in range(start, min(start + 1000, 6001))
            ]
        )
        dependents.extend(d.pk for d in made)
    Relation.objects.bulk_create(
        [Relation(source_id=pk, target=law, kind="basis", effective_on=template.effective_from) for pk in dependents]
    )
    amending = f.document("99/2025/QH15", issuer="QH", issued="2025-06-25", effective="2025-07-01")
    from backend.outbox import consumers

    with consumers.disabled("reviews.relation_added"):  # sent to the worker by hand below
        relation = services.relation_add(
            actor="tests",
            data=services.RelationInput(
                source=amending, target=law, kind=services.RelationKind("amends"), effective_on=amending.effective_from
            ),
        )
    first = WorkerProcess(tmp_path, name="worker-1")
    first.start()
    from celery import Celery

    Celery("test-producer", broker=REDIS_URL).send_task(
        "reviews.on_relation_added", args=[relation.pk], queue="default"
    )
    try:
        assert wait_for(lambda: ReviewTask.objects.count() > 0, timeout=90, interval=0.05), first.log()
        first.kill()
        killed_at = time.monotonic()
        done_before = ReviewTask.objects.count()
        assert done_before < len(dependents), "the fan-out finished before the kill: nothing was tested"
        second = WorkerProcess(tmp_path, name="worker-2")
        second.start()
        try:
            assert wait_for(lambda: ReviewTask.objects.count() >= len(dependents), timeout=RESUME_WITHIN + 60), (
                second.log()
            )
            took = time.monotonic() - killed_at
            print(f"fan-out: {done_before} of {len(dependents)} review tasks at the kill, all {took:.0f} s after it")
            assert took < RESUME_WITHIN + 30, f"completed {took:.0f} s after the kill"
        finally:
            second.stop()
    finally:
        first.stop()
    plan = ReviewPlan.objects.get()
    assert ReviewTask.objects.filter(plan=plan).count() == len(dependents)  # no task twice
    assert set(ReviewTask.objects.values_list("document_id", flat=True)) == set(dependents)


def _http(method: str, url: str, body: dict[str, Any] | None = None, token: str | None = None) -> tuple[int, Any]:
    headers = {"Accept": "application/json", "Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()[:500]
    except (urllib.error.URLError, ConnectionError):  # not listening yet
        return 0, None


def test_redis_stopped_under_gunicorn_degrades_and_catches_up(tmp_path: Path, private_redis: PrivateRedis) -> None:
    f.authority("UBND-AG")
    f.document("15/2017/QĐ-UBND", issued="2017-05-02", effective="2017-05-12", title="Quy định về chợ truyền thống")
    _officer()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    web = ChildProcess(
        tmp_path,
        "gunicorn",
        [sys.executable, "-m", "gunicorn", "backend.config.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "2"],
        {"REDIS_URL": private_redis.url, "SECRET_KEY": "fault-tests-only", "HIEULUC_SECURE_COOKIES": "0"},
    )
    worker_env = {"REDIS_URL": private_redis.url}
    worker = WorkerProcess(tmp_path, queues="default,search", name="worker", env=worker_env)
    beat = _beat(tmp_path, private_redis.url)
    for process in (web, worker, beat):
        process.start()
    try:
        assert wait_for(lambda: _http("GET", f"{base}/healthz")[0] == 200, timeout=60), web.log()
        token = _http("POST", f"{base}/api/v1/auth/token/", {"username": "officer", "password": "officer-pw-123"})
        assert token[0] == 200, token
        officer = token[1]["token"]
        lookup = f"{base}/api/v1/public/lookup/?number=15/2017/QD-UBND"
        assert _http("GET", lookup)[0] == 200

        private_redis.stop()
        statuses = [_http("GET", lookup)[0] for _ in range(30)]
        assert statuses == [200] * 30
        created = []
        for n in range(1, 6):
            body = {
                "number": f"{n}/2026/QĐ-UBND",
                "type": "Quyết định",
                "issuer": "UBND-AG",
                "title": f"Quy định về bến thủy nội địa số {n}",
                "issued_on": "2026-01-05",
                "effective_from": "2026-01-15",
            }
            status, answer = _http("POST", f"{base}/api/v1/documents/", body, officer)
            assert status == 201, answer
            created.append(answer["id"])
        assert Document.objects.filter(pk__in=created).count() == 5  # each saved once
        status, health = _http("GET", f"{base}/healthz")
        assert status == 200 and health["status"] == "degraded", health

        private_redis.start()
        restarted = time.monotonic()

        def converged() -> bool:
            query = urllib.parse.urlencode({"q": "bến thủy nội địa", "page_size": 20})
            indexed = _http("GET", f"{base}/api/v1/search/?{query}")
            return indexed[0] == 200 and {r["id"] for r in indexed[1]["results"]} == set(created)

        assert wait_for(converged, timeout=90), worker.log() + beat.log()
        print(f"index converged {time.monotonic() - restarted:.1f} s after Redis came back, with no reconciliation")
        assert wait_for(lambda: _http("GET", f"{base}/healthz")[1]["status"] == "ok", timeout=60)
        # The index holds exactly the catalogue's versions of the new documents (not an older snapshot).
        in_index = engine.current().fingerprints()
        assert {doc.id: doc.fingerprint() for doc in indexed_documents(created)} == {
            pk: in_index.get(pk) for pk in created
        }
    finally:
        for process in (beat, worker, web):
            process.stop()
