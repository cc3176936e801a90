"""Rebuild every stored Document.structure from the document's text (decision 0018, increment 1).

Structures stored before it have no ``eid``, put an attached regulation's articles after the decision's as
repeated numbers ("dieu-1-2"), keep the signature in the last article's text and read forms as articles. The text
(``Document.text``) is the source of the structure: parsing it again with today's grammar gives every node its
eid and the regulation, closing, annex and form nodes. The structure is derived data, not audited and not part of
the row's version (services._UNAUDITED), so the version is left alone: a client's If-Match stays valid. The search
index keeps the anchors it was given until the next `hieuluc reindex`.
"""

from django.db import migrations

from legal.provisions import parse_structure

_CHUNK = 200  # documents per query: the texts of a few hundred codes with annexes fit in memory


def rebuild_structures(apps, schema_editor):
    Document = apps.get_model("catalogue", "Document")
    last = 0
    while True:
        rows = list(Document.objects.filter(pk__gt=last).order_by("pk").only("pk", "text")[:_CHUNK])
        if not rows:
            return
        last = rows[-1].pk
        for row in rows:
            row.structure = parse_structure(row.text) if row.text.strip() else []
        Document.objects.bulk_update(rows, ["structure"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0007_relation_derived"),
    ]

    # Backwards: the rebuilt structures are a superset of the old ones' fields; nothing to undo.
    operations = [migrations.RunPython(rebuild_structures, migrations.RunPython.noop, elidable=True)]
