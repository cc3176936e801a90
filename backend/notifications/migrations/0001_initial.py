# The Notification model moved here from `reviews` (decision 0016). Its table, `reviews_notification`, its rows,
# its sequence and its constraint stay as they are: this migration only tells Django's state that the model is
# now this app's (with the old table's name); reviews.0007 removes it from `reviews`' state, also without SQL.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def _move_content_type(apps, schema_editor):
    """The model's content type (and the permissions that hang on it) follows it to this app, rather than a
    stale `reviews | notification` being left next to a new one. Nothing to do on a fresh database: the content
    types are made after the migrations."""
    content_types = apps.get_model("contenttypes", "ContentType")
    if not content_types.objects.filter(app_label="notifications", model="notification").exists():
        content_types.objects.filter(app_label="reviews", model="notification").update(app_label="notifications")


def _move_content_type_back(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    if not content_types.objects.filter(app_label="reviews", model="notification").exists():
        content_types.objects.filter(app_label="notifications", model="notification").update(app_label="reviews")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("reviews", "0006_review_notices"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Notification",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("review_due", "rà soát sắp đến hạn"),
                                    ("review_overdue", "rà soát quá hạn"),
                                    ("recommendation_overdue", "kiến nghị quá hạn"),
                                    ("announcement_draft", "dự thảo danh mục văn bản hết hiệu lực"),
                                    ("review_submitted", "kết quả rà soát chờ duyệt"),
                                    ("review_approved", "kết quả rà soát đã được duyệt"),
                                    ("review_returned", "kết quả rà soát bị trả lại"),
                                ],
                                max_length=24,
                            ),
                        ),
                        ("object_type", models.CharField(max_length=40)),
                        ("object_id", models.PositiveIntegerField()),
                        ("day", models.DateField()),
                        ("message_vi", models.TextField()),
                        ("message_en", models.TextField()),
                        ("link", models.CharField(blank=True, max_length=200)),
                        ("read_at", models.DateTimeField(blank=True, null=True)),
                        ("closed_at", models.DateTimeField(blank=True, null=True)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="notifications",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "reviews_notification",
                        "ordering": ["-day", "-id"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("user", "kind", "object_type", "object_id", "day"),
                                name="one_notice_per_object_per_day",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(_move_content_type, _move_content_type_back),
    ]
