"""Benchmarks; each module documents its command (see docs/benchmarks.md)."""

import os
import secrets

# The benchmarks run the production configuration (PostgreSQL, debug off) on loopback, and production refuses
# to start without a secret key. Nothing they sign outlives the run, so a throwaway key, inherited by the
# servers and workers they start, will do.
os.environ.setdefault("SECRET_KEY", "bench-" + secrets.token_urlsafe(50))
