from django.apps import AppConfig


class ConsolidationConfig(AppConfig):
    name = "backend.consolidation"
    label = "consolidation"
    verbose_name = "Văn bản hợp nhất"

    def ready(self) -> None:
        # Register the outbox consumers in every process (web, worker, beat): the relay delivers in any of them.
        from backend.consolidation import handlers  # noqa: F401
