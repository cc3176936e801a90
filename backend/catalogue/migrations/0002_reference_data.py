from django.db import migrations


def seed(apps, schema_editor):
    from backend.catalogue.reference import DOCUMENT_TYPES

    DocumentType = apps.get_model("catalogue", "DocumentType")
    for code, name, abbreviation, rank in DOCUMENT_TYPES:
        DocumentType.objects.update_or_create(code=code, defaults={"name": name, "abbreviation": abbreviation,
                                                                   "rank": rank})
    Group = apps.get_model("auth", "Group")
    for role in ("reviewer", "legal_officer", "admin"):
        Group.objects.get_or_create(name=role)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
