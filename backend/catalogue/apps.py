from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "backend.catalogue"
    label = "catalogue"
    verbose_name = "Danh mục văn bản"

    def ready(self) -> None:
        # Register the outbox consumers in every process (web, worker, beat): the relay delivers in any of them.
        from backend.catalogue import handlers  # noqa: F401
        from backend.catalogue.importers import jobs  # noqa: F401
