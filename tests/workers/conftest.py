"""Real processes of the service for the workflow and fault tests: Celery workers (Redis broker, the test's
PostgreSQL database), beat and gunicorn."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from celery import Celery
from django.conf import settings

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("the worker test needs PostgreSQL (set DATABASE_URL)")
    user = db.get("USER") or "postgres"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


class ChildProcess:
    """A process of the service (worker, beat, gunicorn) started by a test, on the test's PostgreSQL database, a
    Redis (the tests' own by default) and the test's data folder; its output goes to a log file in that folder."""

    def __init__(self, tmp_path: Path, name: str, command: list[str], env: dict[str, str] | None = None) -> None:
        self.tmp_path = tmp_path
        self.command = command
        self.extra_env = env or {}
        self.log_path = tmp_path / f"{name}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "REDIS_URL": REDIS_URL,
            "HIEULUC_DATA_DIR": str(self.tmp_path),
            **self.extra_env,
        }
        with self.log_path.open("a") as log:
            self.proc = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its children (a worker's pool) die with it on kill()
            )

    def kill(self) -> None:
        """SIGKILL the process and its children, as the OOM killer or `kill -9` would."""
        if self.proc is not None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=20)
            self.proc = None

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
            self.proc = None

    def log(self) -> str:
        return self.log_path.read_text()[-3000:] if self.log_path.exists() else ""


class WorkerProcess(ChildProcess):
    """`celery -A workers worker` on the given queues: one process (solo pool) or a prefork pool."""

    def __init__(
        self,
        tmp_path: Path,
        *,
        queues: str = "default",
        concurrency: int = 1,
        name: str = "worker",
        env: dict[str, str] | None = None,
    ) -> None:
        pool = ["--pool=solo"] if concurrency == 1 else ["--pool=prefork", f"--concurrency={concurrency}"]
        command = [sys.executable, "-m", "celery", "-A", "workers", "worker", "-Q", queues, *pool]
        super().__init__(tmp_path, name, [*command, "--without-gossip", "--without-mingle", "-l", "info"], env)


def flush_redis() -> None:
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.ConnectionError:
        pytest.fail(f"Redis is not reachable at {REDIS_URL}")


@pytest.fixture
def worker(tmp_path: Path) -> Iterator[Celery]:
    flush_redis()
    process = WorkerProcess(tmp_path)
    process.start()
    producer = Celery("test-producer", broker=REDIS_URL)
    try:
        yield producer
    finally:
        process.stop()
        print(process.log())


def wait_for(predicate: object, timeout: float = 60.0, interval: float = 0.3) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(interval)
    return False
