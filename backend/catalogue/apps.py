from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "backend.catalogue"
    label = "catalogue"
    verbose_name = "Danh mục văn bản"

    def ready(self) -> None:
        from backend.catalogue import handlers  # noqa: F401  (connects the domain-event handlers)
