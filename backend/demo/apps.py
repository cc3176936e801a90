from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo: `hieuluc quickstart` and its dataset. It sits above every app (it seeds the catalogue, a review plan
    and a published yearly list), so that no app has to import the ones above it to set up a demo."""

    name = "backend.demo"
    label = "demo"
