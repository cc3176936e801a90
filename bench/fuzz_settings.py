"""The project's settings for the service under schema fuzzing (bench/fuzz.py), plus one log handler.

The handler writes one JSON line per unhandled exception of a request (Django's `django.request` logger, which is
given the request and the traceback) to $HIEULUC_FUZZ_ERROR_LOG, with the Schemathesis test case id the request
carried. bench/fuzz.py reads it to tell each 5xx's cause (exception type, message, the project's innermost frame),
so a known cause is recognised by what failed, not guessed from the request. Nothing else differs from the
project's settings; the rate limits are lifted by environment variables (HIEULUC_PUBLIC_THROTTLE, ...).
"""

from __future__ import annotations

import json
import logging
import os
import traceback
from typing import Any

from backend.config.settings import *  # noqa: F403
from backend.config.settings import LOGGING

CASE_HEADER = "X-Schemathesis-TestCaseId"


class ServerErrorLog(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        path = os.environ.get("HIEULUC_FUZZ_ERROR_LOG")
        if not path or not record.exc_info or record.exc_info[1] is None:
            return
        exc = record.exc_info[1]
        request: Any = getattr(record, "request", None)
        frames = traceback.extract_tb(record.exc_info[2])
        ours = [f for f in frames if "/backend/" in f.filename]
        innermost = ours[-1] if ours else (frames[-1] if frames else None)
        entry = {
            "case": request.headers.get(CASE_HEADER) if request is not None else None,
            "method": getattr(request, "method", None),
            "path": getattr(request, "path", None),
            "type": type(exc).__name__,
            "message": str(exc)[:500],
            "where": (
                f"backend/{innermost.filename.split('/backend/', 1)[-1]}:{innermost.lineno} in {innermost.name}"
                if innermost
                else ""
            ),
        }
        with open(path, "a", encoding="utf-8") as out:  # one short write per line: safe across workers
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")


LOGGING = {
    **LOGGING,
    "handlers": {**LOGGING["handlers"], "fuzz_errors": {"class": "bench.fuzz_settings.ServerErrorLog"}},
    "loggers": {
        **LOGGING.get("loggers", {}),
        "django.request": {"handlers": ["console", "fuzz_errors"], "level": "ERROR", "propagate": False},
    },
}

# The fuzzer posts thousands of made-up credentials to /auth/token/; with PBKDF2 each costs ~0.25 s of the two
# cores. The demo accounts' stored hashes (PBKDF2, made by quickstart) still verify: their hasher stays listed.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
