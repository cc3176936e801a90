from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "backend.reviews"
    label = "reviews"
    verbose_name = "Rà soát"
