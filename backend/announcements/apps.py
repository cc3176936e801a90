from django.apps import AppConfig


class AnnouncementsConfig(AppConfig):
    name = "backend.announcements"
    label = "announcements"
    verbose_name = "Công bố danh mục"

    def ready(self) -> None:
        from backend.announcements import handlers  # noqa: F401  (a list's notices follow its transitions)
