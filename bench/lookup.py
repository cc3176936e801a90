"""Public lookup under gunicorn: throughput and latency against a bare Django view served by the same server.

Command (from the repository root; needs PostgreSQL at 127.0.0.1:5432 with trust auth, Redis optional):

    .venv/bin/python bench/lookup.py [--seconds 10] [--documents 10000] [--rounds 2] [--client auto|wrk|python]

What it measures: requests per second and p50/p95/p99 latency of
`GET /api/v1/public/lookup/?number=…[&on=…][&issuer=…]` and of `GET /bench/bare/` (a plain Django function
view returning {"ok": true}: no DRF, no database), both served by ONE gunicorn process (sync workers,
`--workers`, default 2 for the machine's 2 cores) with the project's settings, middleware and persistent
database connections. The figure of merit is lookup throughput / bare throughput; the target is >= 0.50.

How:
1. Creates its own database (`hieuluc_bench_lookup`, dropped first and at the end) and a temporary
   HIEULUC_DATA_DIR, runs `hieuluc migrate`, imports the committed demo dataset and tops it up to
   --documents with generated documents and relations (bench/lookup_data.py), statuses by
   services.apply_due_transitions().
2. Starts gunicorn (`--chdir` the repository, DJANGO_SETTINGS_MODULE=bench.bench_settings: the project's
   settings + `bench/bare/` + a public throttle rate of 1000000/min so nothing is refused). The cache (the
   throttle's store) is Redis when reachable, as in docker-compose.
3. Replays a rotating set of real number variants ("Số 15/2017/qđ-ubnd", QD for QĐ, U+00D0, spaces, leading
   zeros; with and without &on=; numbers held by two issuers, documents with causing documents, unknown
   numbers), each checked once for a 200 before the timed runs.
4. Warms every endpoint up, then measures each for --seconds, --rounds times, the order reversed every other
   round (A-B-C-C-B-A), with the same client and concurrency (--connections, default 4 = 2 per sync worker, so
   a worker never waits for the client) for all, so the ratio is fair. The client
   is `wrk` when installed (Debian: apt-get install wrk), otherwise a Python client (http.client, processes
   x threads). Requests come from --client-ips simulated clients (X-Forwarded-For, on which DRF keys the
   throttle), default 256: at a few hundred lookups a second each client stays near the production limit
   (120/min), so the throttle's per-client state is as large as real traffic's, whatever throttle is used.
5. Prints a table, the ratios and the verdict; writes JSON to bench/results/ (git-ignored). Stops gunicorn,
   drops the database, removes this run's Redis keys and the temporary folder, also on Ctrl-C and errors.

Measured endpoints: `bare`; `lookup`, the rotating mix (if the server caches answers, every request after the
first round is a cache hit); `lookup-miss`, the same numbers with an on= date that changes with every request
(never a cached answer; the server may still have the number's documents and relations in memory, so the
answer is evaluated without SQL; `--lookup-cache off` measures the path with no cache at all; --no-miss skips
it). The verdict is on `lookup`. Other processes on the machine slow
the bare view more than the lookup and inflate the ratio: the bench reports the cores they used during the
bare runs and marks the verdict UNRELIABLE above 0.25.

Why 2 workers: sync workers are CPU-bound here (PostgreSQL and Redis answer in well under a millisecond on
loopback), so one per core; more only add context switches on 2 cores. The client runs on the same 2 cores as
gunicorn, PostgreSQL and Redis, so absolute figures are lower than on a dedicated server; the ratio is what
to compare. The report also gives gunicorn's CPU time per request
(from /proc), which does not depend on the client.

Exit status: 0 whatever the ratio (it is a measurement); 1 if the server died, a check failed or any
response was a 5xx; 2 if the set-up failed; 130 on Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import multiprocessing
import os
import platform
import random
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from array import array
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = REPO / ".venv" / "bin"
DB_NAME = "hieuluc_bench_lookup"
PG_URL = "postgres://postgres@127.0.0.1:5432"
LOOKUP_PATH = "/api/v1/public/lookup/"
BARE_PATH = "/bench/bare/"
TARGET_RATIO = 0.50
FOREIGN_LOAD_LIMIT = 0.25  # cores used by other processes during the bare runs above which the ratio is flagged
CLK_TCK = os.sysconf("SC_CLK_TCK")


class BenchError(Exception):
    """The bench could not run (set-up, server or check failure)."""


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# --- set-up ------------------------------------------------------------------------------------------


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def run_step(name: str, cmd: list[str], env: dict[str, str]) -> str:
    started = time.monotonic()
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BenchError(f"{name} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    log(f"{name}: {time.monotonic() - started:.1f} s")
    return proc.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def redis_reachable(url: str) -> bool:
    parsed = urllib.parse.urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


# --- lookup cases --------------------------------------------------------------------------------------


def number_variants(number: str) -> list[str]:
    """Ways people type one number; all have the same key."""
    serial, _, rest = number.partition("/")
    return [
        number,
        number.lower(),
        f"Số {number}",
        number.replace("Đ", "D").replace("đ", "d"),
        number.replace("Đ", "\u00d0"),
        " / ".join(number.split("/")),
        f"0{serial}/{rest}" if rest else number,
    ]


def build_paths(cases: list[dict[str, Any]], seed: int) -> list[str]:
    rng = random.Random(seed)
    start, span = dt.date(2008, 1, 1), (dt.date(2026, 12, 31) - dt.date(2008, 1, 1)).days
    paths = []
    for i, case in enumerate(cases):
        variants = number_variants(case["number"])
        for j in range(2):
            params = {"number": variants[(2 * i + j) % len(variants)]}
            if j == 1:
                params["on"] = (start + dt.timedelta(days=rng.randrange(span))).isoformat()
            if case.get("issuer"):
                params["issuer"] = case["issuer"]
            paths.append(f"{LOOKUP_PATH}?{urllib.parse.urlencode(params)}")
    rng.shuffle(paths)
    return paths


def build_miss_templates(cases: list[dict[str, Any]]) -> list[str]:
    """The same numbers without `on=`: the client appends a date that changes with every request."""
    templates = []
    for i, case in enumerate(cases):
        variants = number_variants(case["number"])
        for j in range(2):
            params = {"number": variants[(2 * i + j) % len(variants)]}
            if case.get("issuer"):
                params["issuer"] = case["issuer"]
            templates.append(f"{LOOKUP_PATH}?{urllib.parse.urlencode(params)}")
    return templates


# A miss URL is template i % len(templates) with the date MISS_EPOCH + (i % MISS_DAYS) days (1990-2089), so a
# (number, date) pair comes back only after lcm(len(templates), MISS_DAYS) requests; each run starts its
# counter at a new multiple of RUN_STRIDE, so runs do not replay each other's URLs either.
MISS_EPOCH = dt.date(1990, 1, 1)
MISS_DAYS = 36500
RUN_STRIDE = 100_000


def miss_path(template: str, i: int) -> str:
    return f"{template}&on={(MISS_EPOCH + dt.timedelta(days=i % MISS_DAYS)).isoformat()}"


def check_paths(port: int, paths: list[str]) -> dict[str, Any]:
    """Every lookup once: all must answer 200; returns what the answers hold."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    results: Counter[int] = Counter()
    with_cause = empty = 0
    size = 0
    for path in paths:
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read()
        if resp.status != 200:
            raise BenchError(f"GET {path} answered {resp.status}: {body[:300]!r}")
        data = json.loads(body)
        size += len(body)
        results[len(data["results"])] += 1
        empty += not data["results"]
        with_cause += any(r["caused_by"] or any(p["caused_by"] for p in r["provisions"]) for r in data["results"])
        conn.close()
    conn.request("GET", BARE_PATH)
    resp = conn.getresponse()
    body = resp.read()
    if resp.status != 200 or json.loads(body) != {"ok": True}:
        raise BenchError(f"GET {BARE_PATH} answered {resp.status}: {body[:300]!r}")
    conn.close()
    n = len(paths)
    return {
        "urls": n,
        "with_on": sum("&on=" in p for p in paths),
        "with_issuer": sum("&issuer=" in p for p in paths),
        "results_per_answer": {str(k): v for k, v in sorted(results.items())},
        "answers_with_caused_by": with_cause,
        "answers_empty": empty,
        "mean_body_bytes": round(size / n),
    }


# --- CPU accounting ------------------------------------------------------------------------------------


def proc_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0


def server_pids(master: int) -> list[int]:
    try:
        with open(f"/proc/{master}/task/{master}/children") as fh:
            return [master, *(int(p) for p in fh.read().split())]
    except OSError:
        return [master]


def machine_ticks() -> tuple[int, int]:
    """(busy, total) jiffies over all cores."""
    with open("/proc/stat") as fh:
        values = [int(v) for v in fh.readline().split()[1:]]
    idle = values[3] + values[4]
    total = sum(values[:8])
    return total - idle, total


def background_cores(seconds: float) -> float:
    """Cores kept busy by other processes while the bench is idle."""
    busy0, total0 = machine_ticks()
    time.sleep(seconds)
    busy1, total1 = machine_ticks()
    return (busy1 - busy0) / max(1, total1 - total0) * (os.cpu_count() or 1)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# --- load generators -----------------------------------------------------------------------------------


@dataclass
class RunResult:
    endpoint: str
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    non_2xx: int
    status_5xx: int
    socket_errors: int
    server_cpu_s: float = 0.0
    client_cpu_s: float = 0.0
    machine_busy_cores: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


WRK_SCRIPT = r"""
-- bench/lookup.py: rotate paths (one per line in the file given after --) and X-Forwarded-For; count statuses.
-- s5xx and non2xx are globals so that done() can read each thread's counts with thread:get().
local paths, n, counter, unique, pool = {}, 0, 0, false, 256
s5xx, non2xx = 0, 0
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then n = n + 1; paths[n] = line end
  end
  unique = args[2] == "unique"
  counter = tonumber(args[3] or "0") + (tid or 0) * 20000
  pool = tonumber(args[4] or "256")
end

function request()
  counter = counter + 1
  local k = counter % pool
  local ip = string.format("10.%d.%d.%d", math.floor(k / 65536) % 256, math.floor(k / 256) % 256, k % 256)
  local path = paths[(counter % n) + 1]
  if unique then
    -- a new date with every request: 1990-01-01 (631152000 s) + (counter mod 36500) days, never a cached answer
    path = path .. "&on=" .. os.date("!%Y-%m-%d", 631152000 + (counter % 36500) * 86400)
  end
  return wrk.format("GET", path, {["X-Forwarded-For"] = ip})
end

function response(status, headers, body)
  if status >= 500 then s5xx = s5xx + 1 end
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local t5, tn = 0, 0
  for _, t in ipairs(threads) do
    t5 = t5 + t:get("s5xx")
    tn = tn + t:get("non2xx")
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d s5xx=%d non2xx=%d " ..
    "connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, t5, tn, e.connect, e.read, e.write, e.timeout))
end
"""


def run_wrk(
    endpoint: str,
    port: int,
    paths_file: Path,
    script: Path,
    seconds: float,
    connections: int,
    unique: bool = False,
    base: int = 0,
    client_ips: int = 256,
) -> RunResult:
    cmd = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}/",
        "--",
        str(paths_file),
        "unique" if unique else "rotate",
        str(base),
        str(client_ips),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("BENCH_RESULT")), None)
    if proc.returncode != 0 or line is None:
        raise BenchError(f"wrk failed ({proc.returncode}): {proc.stdout[-2000:]} {proc.stderr[-2000:]}")
    v = {k: int(x) for k, x in (kv.split("=") for kv in line.split()[1:])}
    return RunResult(
        endpoint=endpoint,
        requests=v["requests"],
        seconds=v["duration_us"] / 1e6,
        p50_ms=v["p50_us"] / 1000,
        p95_ms=v["p95_us"] / 1000,
        p99_ms=v["p99_us"] / 1000,
        max_ms=v["max_us"] / 1000,
        non_2xx=v["non2xx"],
        status_5xx=v["s5xx"],
        socket_errors=v["connect"] + v["read"] + v["write"] + v["timeout"],
    )


def client_ip(i: int, pool: int) -> str:
    k = i % pool
    return f"10.{k >> 16 & 255}.{k >> 8 & 255}.{k & 255}"


def _py_thread(
    port: int, paths: list[str], unique: bool, pool: int, offset: int, t_start: float, t_end: float, out: list[Any]
) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    lat = array("d")
    statuses: Counter[int] = Counter()
    errors = 0
    i = offset
    n = len(paths)
    last = t_start
    time.sleep(max(0.0, t_start - time.monotonic()))
    while time.monotonic() < t_end:
        i += 1
        try:
            if conn.sock is None:
                conn.connect()  # not timed, as wrk does not time connecting either
            t0 = time.monotonic()
            path = miss_path(paths[i % n], i) if unique else paths[i % n]
            conn.request("GET", path, headers={"X-Forwarded-For": client_ip(i, pool)})
            resp = conn.getresponse()
            resp.read()
            last = time.monotonic()
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            continue
        lat.append(last - t0)
        statuses[resp.status] += 1
        if resp.will_close:
            conn.close()
    conn.close()
    out.append((lat.tobytes(), dict(statuses), errors, last))


def _py_process(
    port: int, paths: list[str], unique: bool, pool: int, offsets: list[int], t_start: float, t_end: float, queue: Any
) -> None:
    out: list[Any] = []
    threads = [
        threading.Thread(target=_py_thread, args=(port, paths, unique, pool, off, t_start, t_end, out))
        for off in offsets
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    queue.put(out)


def percentile(sorted_values: list[float], pct: float) -> float:
    if not sorted_values:
        return 0.0
    k = max(0, min(len(sorted_values) - 1, round(pct / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[k]


def run_python(
    endpoint: str,
    port: int,
    paths: list[str],
    seconds: float,
    connections: int,
    procs: int,
    unique: bool = False,
    base: int = 0,
    client_ips: int = 256,
) -> RunResult:
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    procs = max(1, min(procs, connections))
    offsets = [[base + c * 20_000 for c in range(connections) if c % procs == p] for p in range(procs)]
    t_start = time.monotonic() + 0.3
    t_end = t_start + seconds
    workers = [
        ctx.Process(target=_py_process, args=(port, paths, unique, client_ips, o, t_start, t_end, queue))
        for o in offsets
    ]
    for w in workers:
        w.start()
    chunks = [queue.get(timeout=seconds + 60) for _ in workers]
    for w in workers:
        w.join()
    lat = array("d")
    statuses: Counter[int] = Counter()
    errors = 0
    last = t_start
    for chunk in chunks:
        for raw, st, err, end in chunk:
            part = array("d")
            part.frombytes(raw)
            lat.extend(part)
            statuses.update(st)
            errors += err
            last = max(last, end)
    values = sorted(x * 1000 for x in lat)
    return RunResult(
        endpoint=endpoint,
        requests=len(values),
        seconds=last - t_start,
        p50_ms=percentile(values, 50),
        p95_ms=percentile(values, 95),
        p99_ms=percentile(values, 99),
        max_ms=values[-1] if values else 0.0,
        non_2xx=sum(v for k, v in statuses.items() if not 200 <= k < 300),
        status_5xx=sum(v for k, v in statuses.items() if k >= 500),
        socket_errors=errors,
    )


# --- the bench -----------------------------------------------------------------------------------------


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.tmp = Path(tempfile.mkdtemp(prefix="hieuluc-bench-lookup-"))
        self.server: subprocess.Popen[bytes] | None = None
        self.db_created = False
        self.port = 0
        self.notes: list[str] = []
        self.client = "python"
        self.cache = ""
        self.background = 0.0
        self.run_count = 0
        self.redis_used = ""
        # Cache keys of this run only: a shared Redis may hold answers cached by an earlier run (or anyone else).
        self.cache_prefix = f"hieuluc-bench-lookup-{os.getpid()}-{int(time.time())}"
        self.server_log = self.tmp / "gunicorn.log"

    # set-up
    def base_env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("REDIS_URL", "ELASTICSEARCH_URL", "HIEULUC_DEBUG", "DJANGO_SETTINGS_MODULE")
        }
        env.update(
            DATABASE_URL=f"{PG_URL}/{DB_NAME}",
            HIEULUC_DATA_DIR=str(self.tmp / "data"),
            DJANGO_SETTINGS_MODULE="backend.config.settings",
            PYTHONDONTWRITEBYTECODE="1",
        )
        return env

    def load_data(self) -> dict[str, Any]:
        log(f"database {DB_NAME}: dropping and creating")
        pg_admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        pg_admin(f"CREATE DATABASE {DB_NAME}")
        self.db_created = True
        env = self.base_env()
        hieuluc = str(VENV_BIN / "hieuluc")
        run_step("hieuluc migrate", [hieuluc, "migrate", "-v0"], env)
        run_step(
            "hieuluc import_documents demo.json",
            [hieuluc, "import_documents", "backend/demo/demo.json", "--no-progress"],
            env,
        )
        cases_file = self.tmp / "cases.json"
        run_step(
            f"generate to {self.args.documents} documents",
            [
                sys.executable,
                "-m",
                "bench.lookup_data",
                "--documents",
                str(self.args.documents),
                "--cases",
                str(cases_file),
            ],
            env,
        )
        return json.loads(cases_file.read_text(encoding="utf-8"))

    def start_server(self) -> None:
        env = self.base_env()
        env["DJANGO_SETTINGS_MODULE"] = "bench.bench_settings"
        env["HIEULUC_BENCH_PUBLIC_THROTTLE"] = "off" if self.args.throttle == "off" else "1000000/min"
        env["HIEULUC_BENCH_CACHE_PREFIX"] = self.cache_prefix
        if self.args.lookup_cache != "default":
            env["HIEULUC_LOOKUP_CACHE"] = "1" if self.args.lookup_cache == "on" else "0"
        if self.args.redis_url and redis_reachable(self.args.redis_url):
            env["REDIS_URL"] = self.args.redis_url
            self.redis_used = self.args.redis_url
            self.cache = f"Redis ({self.args.redis_url}, key prefix {self.cache_prefix})"
        else:
            self.cache = "file-based cache in the temporary data folder (Redis not reachable)"
            self.notes.append("Redis was not reachable: the throttle used the file-based cache.")
        self.port = free_port()
        cmd = [
            str(VENV_BIN / "gunicorn"),
            "--chdir",
            str(REPO),
            "--workers",
            str(self.args.workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--backlog",
            "1024",
            "--log-level",
            "warning",
            "backend.config.wsgi:application",
        ]
        self.server_log = self.tmp / "gunicorn.log"
        log(f"gunicorn: {' '.join(cmd[1:])}")
        with open(self.server_log, "wb") as fh:
            self.server = subprocess.Popen(
                cmd, cwd=REPO, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            self.check_server()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", BARE_PATH)
                if conn.getresponse().status == 200 and len(server_pids(self.server.pid)) > self.args.workers:
                    conn.close()
                    log(f"gunicorn ready on port {self.port}, pids {server_pids(self.server.pid)}")
                    return
                conn.close()
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchError("gunicorn did not become ready in 60 s")

    def check_server(self) -> None:
        if self.server is None or self.server.poll() is not None:
            tail = self.server_log.read_text(errors="replace")[-3000:] if self.server_log.exists() else ""
            raise BenchError(f"gunicorn is not running:\n{tail}")

    # measuring
    def measure(self, endpoint: str, paths: list[str], seconds: float) -> RunResult:
        assert self.server is not None
        pids = server_pids(self.server.pid)
        srv0 = sum(proc_ticks(p) for p in pids)
        busy0, total0 = machine_ticks()
        cli0 = children_cpu()
        unique = endpoint == "lookup-miss"
        self.run_count += 1
        base = self.run_count * RUN_STRIDE
        if self.client == "wrk":
            paths_file = self.tmp / f"{endpoint}.paths"
            result = run_wrk(
                endpoint,
                self.port,
                paths_file,
                self.tmp / "bench.lua",
                seconds,
                self.args.connections,
                unique,
                base,
                self.args.client_ips,
            )
        else:
            result = run_python(
                endpoint,
                self.port,
                paths,
                seconds,
                self.args.connections,
                self.args.client_procs,
                unique,
                base,
                self.args.client_ips,
            )
        busy1, total1 = machine_ticks()
        result.client_cpu_s = children_cpu() - cli0
        after = server_pids(self.server.pid)
        if after != pids:
            self.notes.append(f"gunicorn workers changed during a {endpoint} run: {pids} -> {after}")
        result.server_cpu_s = (sum(proc_ticks(p) for p in after) - srv0) / CLK_TCK
        result.machine_busy_cores = (busy1 - busy0) / max(1, total1 - total0) * (os.cpu_count() or 1)
        self.check_server()
        return result

    def run(self) -> int:
        args = self.args
        started = dt.datetime.now().astimezone()
        self.client = "wrk" if args.client in ("auto", "wrk") and shutil.which("wrk") else "python"
        if args.client == "wrk" and self.client != "wrk":
            raise BenchError("--client wrk: wrk is not installed (apt-get install wrk)")
        data = self.load_data()
        paths = build_paths(data["cases"], args.seed)
        templates = build_miss_templates(data["cases"])
        (self.tmp / "lookup.paths").write_text("\n".join(paths) + "\n", encoding="utf-8")
        (self.tmp / "lookup-miss.paths").write_text("\n".join(templates) + "\n", encoding="utf-8")
        (self.tmp / "bare.paths").write_text(BARE_PATH + "\n", encoding="utf-8")
        (self.tmp / "bench.lua").write_text(WRK_SCRIPT, encoding="utf-8")
        self.start_server()
        mix = check_paths(self.port, paths)
        log(f"lookup mix checked: {mix}")
        check_paths(self.port, [miss_path(t, i * 7919) for i, t in enumerate(templates[:60])])
        load_before = os.getloadavg()
        self.background = background_cores(2.0)
        log(f"background load (server idle): {self.background:.2f} busy cores of {os.cpu_count()}")
        if self.background > 0.25:
            self.notes.append(
                f"other processes kept {self.background:.2f} cores busy before the runs: absolute rates are low and "
                "the ratio is likely inflated; re-run on a quiet machine for firm figures."
            )
        targets = {"bare": [BARE_PATH], "lookup": paths, "lookup-miss": templates}
        order = ["bare", "lookup", *(["lookup-miss"] if args.miss else [])]
        if args.warmup > 0:
            for endpoint in order:
                warm = self.measure(endpoint, targets[endpoint], args.warmup)
                log(f"warm-up {endpoint}: {warm.rps:.0f} req/s")
        runs: list[RunResult] = []
        for r in range(args.rounds):
            for endpoint in order if r % 2 == 0 else order[::-1]:
                res = self.measure(endpoint, targets[endpoint], args.seconds)
                log(
                    f"round {r + 1} {endpoint}: {res.rps:.0f} req/s, p50 {res.p50_ms:.2f} ms, "
                    f"p95 {res.p95_ms:.2f} ms, 5xx {res.status_5xx}, socket errors {res.socket_errors}"
                )
                runs.append(res)
        return self.report(started, data, mix, runs, load_before)

    def report(
        self,
        started: dt.datetime,
        data: dict[str, Any],
        mix: dict[str, Any],
        runs: list[RunResult],
        load_before: tuple[float, float, float],
    ) -> int:
        args = self.args
        endpoints = [e for e in ("bare", "lookup", "lookup-miss") if any(r.endpoint == e for r in runs)]
        agg: dict[str, dict[str, float]] = {}
        for endpoint in endpoints:
            mine = [r for r in runs if r.endpoint == endpoint]
            requests = sum(r.requests for r in mine)
            seconds = sum(r.seconds for r in mine)
            agg[endpoint] = {
                "requests": requests,
                "rps": requests / seconds,
                "p50_ms": statistics.fmean(r.p50_ms for r in mine),
                "p95_ms": statistics.fmean(r.p95_ms for r in mine),
                "p99_ms": statistics.fmean(r.p99_ms for r in mine),
                "non_2xx": sum(r.non_2xx for r in mine),
                "status_5xx": sum(r.status_5xx for r in mine),
                "socket_errors": sum(r.socket_errors for r in mine),
                "server_cpu_ms_per_req": sum(r.server_cpu_s for r in mine) / max(1, requests) * 1000,
                "client_cpu_ms_per_req": sum(r.client_cpu_s for r in mine) / max(1, requests) * 1000,
                "server_cores": sum(r.server_cpu_s for r in mine) / seconds,
                "client_cores": sum(r.client_cpu_s for r in mine) / seconds,
                "machine_busy_cores": sum(r.machine_busy_cores * r.seconds for r in mine) / seconds,
            }
        bare = agg["bare"]
        ratios = {
            e: {
                "throughput": agg[e]["rps"] / bare["rps"],
                "p95": agg[e]["p95_ms"] / bare["p95_ms"],
                "server_cpu": bare["server_cpu_ms_per_req"] / agg[e]["server_cpu_ms_per_req"],
            }
            for e in endpoints
            if e != "bare"
        }
        ratio = ratios["lookup"]["throughput"]
        meets = ratio >= TARGET_RATIO
        # The bare view touches neither PostgreSQL nor Redis, so whatever else kept the cores busy during its
        # runs was another process: that slows the bare view more than the lookup and inflates the ratio.
        foreign = max(
            r.machine_busy_cores - (r.server_cpu_s + r.client_cpu_s) / r.seconds for r in runs if r.endpoint == "bare"
        )
        reliable = foreign <= FOREIGN_LOAD_LIMIT
        client_desc = (
            f"wrk, 1 thread, {args.connections} connections"
            if self.client == "wrk"
            else f"Python http.client, {min(args.client_procs, args.connections)} processes, "
            f"{args.connections} connections in all"
        ) + f", {args.client_ips} client addresses"

        w = sys.stdout.write
        w("\n== Public lookup under gunicorn vs a bare Django view (same server) ==\n")
        w(f"date: {started.isoformat(timespec='seconds')}   machine: {os.cpu_count()} cores, {cpu_model()}\n")
        w(f"code: {git_describe()}\n")
        w(
            f"server: gunicorn {args.workers} sync workers, DJANGO_SETTINGS_MODULE=bench.bench_settings, "
            f"PostgreSQL {DB_NAME}, cache {self.cache}, public throttle "
            f"{'off' if args.throttle == 'off' else 'on (1000000/min)'}, HIEULUC_LOOKUP_CACHE {args.lookup_cache}\n"
        )
        w(f"data: {data['summary']['documents']} documents, relations {data['summary']['relations']}\n")
        w(
            f"lookup: rotates {mix['urls']} URLs ({mix['with_on']} with on=, {mix['with_issuer']} with issuer=), "
            f"results per answer {mix['results_per_answer']}, {mix['answers_with_caused_by']} with caused_by, "
            f"{mix['answers_empty']} unknown, {mix['mean_body_bytes']} bytes on average; answers are cached "
            "after the first round if the server caches them\n"
        )
        if "lookup-miss" in agg:
            w(
                "lookup-miss: the same numbers with an on= date that changes with every request (1990-2089): "
                "never a cached answer (a number's facts may be cached: --lookup-cache off for none)\n"
            )
        w(
            f"client: {client_desc}; the same client and concurrency for every endpoint. It shares the "
            f"{os.cpu_count()} cores with gunicorn, PostgreSQL and Redis: compare the ratio, not the absolute rates.\n"
        )
        w(
            f"runs: {args.rounds} x {args.seconds:g} s per endpoint (order reversed every other round) after "
            f"{args.warmup:g} s warm-up each; load average before: {load_before[0]:.2f}; other processes' load "
            f"with the server idle: {self.background:.2f} cores\n\n"
        )
        header = (
            f"{'endpoint':<12} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'requests':>8} "
            f"{'non-2xx':>7} {'5xx':>4} {'sock err':>8} {'srv CPU ms/req':>14} {'cores: srv/client/all':>22}\n"
        )
        w(header)
        w("-" * (len(header) - 1) + "\n")
        for endpoint in endpoints:
            a = agg[endpoint]
            w(
                f"{endpoint:<12} {a['rps']:>7.0f} {a['p50_ms']:>7.2f} {a['p95_ms']:>7.2f} {a['p99_ms']:>7.2f} "
                f"{a['requests']:>8.0f} {a['non_2xx']:>7.0f} {a['status_5xx']:>4.0f} {a['socket_errors']:>8.0f} "
                f"{a['server_cpu_ms_per_req']:>14.3f} "
                f"{a['server_cores']:>9.2f}/{a['client_cores']:.2f}/{a['machine_busy_cores']:.2f}\n"
            )
        w("\nper run: " + "; ".join(f"{r.endpoint} {r.rps:.0f} req/s p95 {r.p95_ms:.2f} ms" for r in runs) + "\n\n")
        w(f"{'ratio to bare':<14} {'throughput':>10} {'p95':>8} {'gunicorn CPU/req (bare/this)':>30}\n")
        for endpoint, r in ratios.items():
            w(f"{endpoint:<14} {r['throughput']:>10.3f} {r['p95']:>7.2f}x {r['server_cpu']:>30.3f}\n")
        w(
            f"\nother processes during the bare runs: {foreign:.2f} cores "
            f"({'fine' if reliable else f'more than {FOREIGN_LOAD_LIMIT}: the ratio is inflated'})\n"
        )
        w(
            f"\nVERDICT{'' if reliable else ' (UNRELIABLE: the machine was busy, re-run when it is quiet)'}: "
            f"{'MEETS' if meets else 'MISSES'} the target: lookup throughput is {ratio:.0%} of the "
            f"bare view's (target {TARGET_RATIO:.0%})"
        )
        if "lookup-miss" in ratios:
            w(f"; with no cached answer for the date (lookup-miss) {ratios['lookup-miss']['throughput']:.0%}")
        w(".\n")
        for note in self.notes:
            w(f"note: {note}\n")

        results_dir = REPO / "bench" / "results"
        results_dir.mkdir(exist_ok=True)
        out = results_dir / f"lookup-{started.strftime('%Y%m%d-%H%M%S')}.json"
        out.write_text(
            json.dumps(
                {
                    "date": started.isoformat(timespec="seconds"),
                    "command": " ".join([".venv/bin/python", "bench/lookup.py", *sys.argv[1:]]),
                    "code": git_describe(),
                    "machine": {"cores": os.cpu_count(), "cpu": cpu_model(), "python": platform.python_version()},
                    "client": client_desc,
                    "workers": args.workers,
                    "cache": self.cache,
                    "background_busy_cores": self.background,
                    "load_average_before": load_before,
                    "throttle": args.throttle,
                    "lookup_cache": args.lookup_cache,
                    "data": data["summary"],
                    "mix": mix,
                    "aggregate": agg,
                    "ratios": ratios,
                    "meets_target": meets,
                    "foreign_cores_during_bare": foreign,
                    "reliable": reliable,
                    "runs": [{**asdict(r), "rps": r.rps} for r in runs],
                    "notes": self.notes,
                },
                indent=1,
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        w(f"results: {out.relative_to(REPO)}\n")
        bad = sum(a["status_5xx"] for a in agg.values())
        if bad:
            w(f"FAILED: {bad:.0f} responses were 5xx (see the server log)\n")
            return 1
        return 0

    # clean-up
    def close(self) -> None:
        if self.server is not None:
            if self.server.poll() is None:
                log(f"stopping gunicorn (pid {self.server.pid})")
                self.server.send_signal(signal.SIGTERM)
                try:
                    self.server.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    self.server.kill()
                    self.server.wait(timeout=5)
            # Workers left behind by a master that died: the process group gunicorn was started in.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.server.pid, signal.SIGKILL)
        if self.redis_used:
            try:
                import redis

                client = redis.Redis.from_url(self.redis_used, socket_timeout=5)
                keys = list(client.scan_iter(match=f"{self.cache_prefix}:*", count=1000))
                for i in range(0, len(keys), 1000):
                    client.unlink(*keys[i : i + 1000])
                log(f"Redis: removed {len(keys)} keys of this run")
            except Exception as exc:
                log(f"could not remove this run's Redis keys ({self.cache_prefix}:*): {exc}")
        if self.db_created and not self.args.keep_db:
            try:
                pg_admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
                log(f"database {DB_NAME} dropped")
            except Exception as exc:
                log(f"could not drop {DB_NAME}: {exc}")
        if self.args.keep_db:
            log(f"kept: DATABASE_URL={PG_URL}/{DB_NAME} HIEULUC_DATA_DIR={self.tmp / 'data'}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)


def git_describe() -> str:
    """The commit measured, and whether the working tree differs from it (read-only git commands)."""
    try:
        head = subprocess.run(
            ["git", "log", "-1", "--format=%h %ci %s"], cwd=REPO, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "--no-optional-locks", "status", "--porcelain", "--untracked-files=no"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.split("\n")
        changed = [line[3:] for line in dirty if line.strip()]
        return head + (f" + uncommitted changes to {', '.join(changed)}" if changed else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown (no git)"


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10, help="measured seconds per endpoint and round")
    parser.add_argument("--documents", type=int, default=10_000, help="documents in the catalogue (demo included)")
    parser.add_argument("--rounds", type=int, default=2, help="measured runs per endpoint, in A-B-B-A order")
    parser.add_argument("--warmup", type=float, default=3, help="warm-up seconds per endpoint (not reported)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default: one per core)")
    parser.add_argument("--connections", type=int, default=4, help="concurrent client connections")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--client-procs", type=int, default=2, help="processes of the Python client")
    parser.add_argument(
        "--client-ips", type=int, default=256, help="simulated client addresses (X-Forwarded-For), for the throttle"
    )
    parser.add_argument("--throttle", choices=["on", "off"], default="on", help="the public throttle")
    parser.add_argument(
        "--miss",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also measure lookups whose URL is new with every request (no cached answer)",
    )
    parser.add_argument(
        "--lookup-cache",
        choices=["default", "on", "off"],
        default="default",
        help="HIEULUC_LOOKUP_CACHE for the server (default: as configured)",
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0", help="cache; '' for the file cache")
    parser.add_argument("--seed", type=int, default=20250701, help="seed of the lookup mix")
    parser.add_argument("--keep-db", action="store_true", help="keep the database and data folder (profiling)")
    args = parser.parse_args(argv)
    if args.seconds <= 0 or args.rounds < 1 or args.workers < 1 or args.connections < 1:
        parser.error("--seconds, --rounds, --workers and --connections must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    bench = Bench(args)

    def on_term(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    # Both explicitly: a shell starts background jobs with SIGINT ignored, and Python keeps that.
    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)
    try:
        return bench.run()
    except BenchError as exc:
        log(f"ERROR: {exc}")
        return 2 if not bench.server else 1
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        bench.close()


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    raise SystemExit(main())
