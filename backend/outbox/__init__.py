"""A transactional outbox: the effects of a commit (index updates, review triggers, cache invalidation) are
recorded in the same transaction as the change and delivered until done (docs/reliability.md)."""
