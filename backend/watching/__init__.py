"""Watching documents without an account (issue #16, decision 0023): e-mail subscriptions with double opt-in and
a daily digest, Atom feeds, and webhooks registered by staff. Catalogue events become `WatchEvent` rows
(handlers.py), fanned out to subscriptions and webhooks on the `watching` queue (fanout.py)."""
