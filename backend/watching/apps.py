from django.apps import AppConfig


class WatchingConfig(AppConfig):
    name = "backend.watching"
    label = "watching"
    verbose_name = "Theo dõi văn bản"

    def ready(self) -> None:
        from backend.watching import handlers  # noqa: F401  (turns catalogue events into watch events)
