"""Who receives which event. Each consumer is one effect of a commit, delivered and retried on its own, so a failing
consumer (a broker outage) never stops another (the index) from being told.

A consumer takes a list of payloads at once: an import or the daily pass records thousands of events, and the
search consumer turns them into one index task.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

Payload = dict[str, Any]


@dataclass(frozen=True)
class Consumer:
    name: str
    events: frozenset[str]
    deliver: Callable[[list[Payload]], None]
    wants: Callable[[str, Payload], bool]


_consumers: dict[str, Consumer] = {}


def consumer(
    name: str, *events: str, wants: Callable[[str, Payload], bool] | None = None
) -> Callable[[Callable[[list[Payload]], None]], Callable[[list[Payload]], None]]:
    """Register `deliver(payloads)` for the named events. It must be idempotent: delivery is at least once."""

    def register(deliver: Callable[[list[Payload]], None]) -> Callable[[list[Payload]], None]:
        _consumers[name] = Consumer(name, frozenset(events), deliver, wants or (lambda event, payload: True))
        return deliver

    return register


def unregister(name: str) -> None:
    """Forget a consumer (a test's own)."""
    _consumers.pop(name, None)


def for_event(event: str, payload: Payload) -> list[Consumer]:
    return [c for c in _consumers.values() if event in c.events and c.wants(event, payload)]


def get(name: str) -> Consumer | None:
    return _consumers.get(name)


@contextmanager
def disabled(*names: str) -> Iterator[None]:
    """Nothing is recorded for these consumers inside the block (a bench that builds the index itself; a test that
    sends a task to a real worker by hand)."""
    saved = {name: _consumers.pop(name) for name in names if name in _consumers}
    try:
        yield
    finally:
        _consumers.update(saved)
