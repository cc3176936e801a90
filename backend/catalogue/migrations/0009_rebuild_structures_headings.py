"""Rebuild every stored Document.structure again: the grammar now recovers annex and form headings that a PDF
conversion joined to the end of the line before ("… (nếu có) Phụ lục V. Nội dung …"), so such documents gain
their annexes and forms as leaves that amending acts can name. Same rebuild as 0008 (derived data, not audited,
the version left alone); the stored point-in-time texts built from the old structures are forgotten by
consolidation.0005."""

from importlib import import_module

from django.db import migrations

rebuild_structures = import_module("backend.catalogue.migrations.0008_rebuild_structures").rebuild_structures


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0008_rebuild_structures"),
    ]

    operations = [migrations.RunPython(rebuild_structures, migrations.RunPython.noop, elidable=True)]
