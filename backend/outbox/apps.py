from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "backend.outbox"
    label = "outbox"
    verbose_name = "Hộp thư đi (outbox)"
