"""Derived relations name a provision of a decision's attached regulation as such, "Khoản 2 Điều 5 (Quy định)"
(legal.provisions.eid_label), since the validity engine and the yearly lists read a bare "Khoản 2 Điều 5" as the
decision's own. Relations derived before carry the bare label: each is renamed from the confirmed operations of
its pair whose eIds are the regulation's (a bare label that an operation on the act's own body also gives stays)."""

from django.db import migrations

from legal.provisions import ProvisionError, eid_label, normalize_provision, parse_eid, provision_sort_key


def _labels(eids):
    """(bare label, label naming its tree) of each provision eId, annexes and forms left out."""
    for eid in eids:
        try:
            yield normalize_provision(parse_eid(eid)[1]), normalize_provision(eid_label(eid))
        except ProvisionError:
            continue


def name_regulation_provisions(apps, schema_editor):
    Relation = apps.get_model("catalogue", "Relation")
    Operation = apps.get_model("consolidation", "Operation")
    regulation = Operation.objects.filter(state="confirmed", target_eid__startswith="quy-dinh")
    pairs = set(regulation.values_list("source_id", "target_id"))
    words = Operation.objects.filter(state="confirmed", kind__in=("substitute_words", "delete_words", "correct_words"))
    pairs |= {(op.source_id, op.target_id) for op in words if any(e.startswith("quy-dinh") for e in op.scope_eids)}
    for source_id, target_id in sorted(pairs):
        ops = Operation.objects.filter(source_id=source_id, target_id=target_id, state="confirmed")
        eids = [eid for op in ops for eid in (op.target_eid, *op.scope_eids) if eid]
        own = {bare for bare, named in _labels(e for e in eids if not e.startswith("quy-dinh"))}
        renamed = {bare: named for bare, named in _labels(e for e in eids if e.startswith("quy-dinh"))}
        for relation in Relation.objects.filter(source_id=source_id, target_id=target_id, derived=True):
            labels = [
                renamed[label] if label in renamed and label not in own else label for label in relation.provisions
            ]
            if labels != relation.provisions:
                relation.provisions = sorted(set(labels), key=provision_sort_key)
                relation.save(update_fields=["provisions"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0009_rebuild_structures_headings"),
        ("consolidation", "0005_forget_texts_of_old_structures"),
    ]

    operations = [migrations.RunPython(name_regulation_provisions, migrations.RunPython.noop, elidable=True)]
