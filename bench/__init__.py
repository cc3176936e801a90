"""Benchmarks; each module documents its command (see docs/benchmarks.md)."""
