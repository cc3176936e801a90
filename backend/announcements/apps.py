from django.apps import AppConfig


class AnnouncementsConfig(AppConfig):
    name = "backend.announcements"
    label = "announcements"
    verbose_name = "Công bố danh mục"
