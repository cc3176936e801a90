from django.apps import AppConfig


class ConsolidationConfig(AppConfig):
    name = "backend.consolidation"
    label = "consolidation"
    verbose_name = "Văn bản hợp nhất"
