# The Notification model moved to the `notifications` app (decision 0016): it leaves `reviews`' state only. Its
# table (`reviews_notification`) is the notifications app's now and is neither dropped nor renamed.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0006_review_notices"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Notification")],
            database_operations=[],
        ),
    ]
