from django.apps import AppConfig


class SearchingConfig(AppConfig):
    name = "backend.searching"
    label = "searching"
    verbose_name = "Tìm kiếm"

    def ready(self) -> None:
        from backend.searching import handlers  # noqa: F401  (connects index updates to catalogue events)
