from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "backend.reviews"
    label = "reviews"
    verbose_name = "Rà soát"

    def ready(self) -> None:
        from backend.catalogue.importers import jobs
        from backend.reviews import (
            handlers,  # noqa: F401  (connects the review triggers to catalogue events)
            tracker,
        )

        jobs.register(tracker.JOB_KIND, tracker.run_job)  # tracking sheets are imported by the worker
