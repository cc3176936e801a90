"""Forget every stored point-in-time text: they were built from the structures catalogue.0009 rebuilt. The next
request for a text builds it again from the new structure (texts.consolidation_of); nothing else is lost, since a
TextBuild and its versions are a cache of the structure and the confirmed operations."""

from django.db import migrations


def forget_texts(apps, schema_editor):
    apps.get_model("consolidation", "TextBuild").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0009_rebuild_structures_headings"),
        ("consolidation", "0004_operation_correct_words"),
    ]

    operations = [migrations.RunPython(forget_texts, migrations.RunPython.noop, elidable=True)]
