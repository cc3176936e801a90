"""Operation.dated_by_officer: a date an officer gave stays when the act is read again (services._follow_date).
Operations an officer added, or whose date or suspension end an officer corrected before this field existed (the
audit log holds each correction), are marked so that reading their act again does not undo the officer's date."""

from django.db import migrations, models


def mark_officers_dates(apps, schema_editor):
    Operation = apps.get_model("consolidation", "Operation")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    corrected = set()
    # Corrections of the date are an officer's (source "api"): the reader's own re-dating did not exist before.
    for entry in AuditEntry.objects.filter(object_type="consolidation.operation", action="update").exclude(
        source="reader"
    ):
        if {"applies_on", "ends_on"} & set(entry.changes or {}):
            corrected.add(entry.object_id)
    ids = [int(pk) for pk in corrected if pk.isdigit()]
    Operation.objects.filter(models.Q(origin="officer") | models.Q(pk__in=ids)).update(dated_by_officer=True)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("consolidation", "0002_text_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="operation",
            name="dated_by_officer",
            field=models.BooleanField(default=False, verbose_name="ngày do cán bộ nhập"),
        ),
        migrations.RunPython(mark_officers_dates, migrations.RunPython.noop, elidable=True),
    ]
