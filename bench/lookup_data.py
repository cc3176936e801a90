"""Data for bench/lookup.py: generated documents on top of the demo dataset, and the lookups to replay.

Run by bench/lookup.py (after `hieuluc migrate` and the demo import), against the bench database only:

    DATABASE_URL=... .venv/bin/python -m bench.lookup_data \
        --documents 10000 --cases cases.json

It tops the catalogue up to --documents with provincial documents (bulk_create, number_key from
legal.numbers), adds replace / repeal / amend / suspend / basis relations between them, computes
every stored status with services.apply_due_transitions(), and writes the lookup cases as JSON: numbers of
documents with and without causing documents, numbers held by two issuers, and unknown numbers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
from collections import Counter, defaultdict
from typing import Any


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.config.settings")
    import django

    django.setup()


# (issuer code, symbol, document type code, weight)
_SERIES = [
    ("UBND-KG", "QĐ-UBND", "quyet-dinh", 20),
    ("UBND-AG-OLD", "QĐ-UBND", "quyet-dinh", 20),
    ("UBND-AG", "QĐ-UBND", "quyet-dinh", 4),
    ("HDND-KG", "NQ-HĐND", "nghi-quyet", 14),
    ("HDND-AG-OLD", "NQ-HĐND", "nghi-quyet", 14),
    ("HDND-AG", "NQ-HĐND", "nghi-quyet", 3),
    ("UBND-KG", "CT-UBND", "chi-thi", 2),
    ("UBND-AG-OLD", "CT-UBND", "chi-thi", 2),
]
_SUBJECTS = [
    "quy định giá đất",
    "quy định mức thu phí, lệ phí",
    "ban hành quy chế phối hợp quản lý nhà nước",
    "quy định chính sách hỗ trợ phát triển nông nghiệp",
    "quy định phân cấp quản lý",
    "quy định định mức chi",
    "ban hành bảng giá tính thuế tài nguyên",
    "quy định chức năng, nhiệm vụ, quyền hạn",
]


def _random_date(rng: random.Random, year: int) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))


def generate(target: int, seed: int) -> dict[str, Any]:
    from django.db import transaction

    from backend.catalogue import selectors, services, validity
    from backend.catalogue.models import Authority, Document, DocumentType, Field, Relation
    from legal import numbers

    rng = random.Random(seed)
    existing = Document.objects.count()
    wanted = max(0, target - existing)
    authorities = {a.code: a for a in Authority.objects.all()}
    types = {t.code: t for t in DocumentType.objects.all()}
    fields = list(Field.objects.all())
    taken = set(Document.objects.values_list("issuer_id", "number_key"))
    serial: Counter[tuple[str, str, int]] = Counter()
    series = [s for s in _SERIES if s[0] in authorities]
    weights = [s[3] for s in series]
    today = selectors.today()

    docs: list[Document] = []
    while len(docs) < wanted:
        code, symbol, type_code, _ = rng.choices(series, weights)[0]
        issuer = authorities[code]
        last_year = 2025 if code.endswith("-AG") else min(today.year, 2025)
        first_year = 2025 if code.endswith("-AG") else 2005
        year = rng.randint(first_year, last_year)
        serial[(code, symbol, year)] += 1
        number = f"{serial[(code, symbol, year)]:02d}/{year}/{symbol}"
        key = numbers.number_key(number)
        if (issuer.pk, key) in taken:
            continue
        taken.add((issuer.pk, key))
        issued_on = _random_date(rng, year)
        if code.endswith("-AG") and issued_on < dt.date(2025, 7, 1):
            issued_on = dt.date(2025, 7, 1) + dt.timedelta(days=rng.randrange(150))
        if code in ("UBND-KG", "HDND-KG", "UBND-AG-OLD", "HDND-AG-OLD") and issued_on >= dt.date(2025, 7, 1):
            issued_on = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(180))
        effective_from = issued_on + dt.timedelta(days=10)
        effective_until = None
        if rng.random() < 0.03:
            effective_until = dt.date(issued_on.year + rng.randint(1, 5), 12, 31)
        docs.append(
            Document(
                number=number,
                number_key=key,
                doc_type=types[type_code],
                issuer=issuer,
                title=f"{types[type_code].name} {rng.choice(_SUBJECTS)} (văn bản sinh cho đo hiệu năng)",
                issued_on=issued_on,
                effective_from=effective_from,
                effective_until=effective_until,
                status=validity.Status.NOT_YET_EFFECTIVE.value,
            )
        )

    with transaction.atomic():
        created = Document.objects.bulk_create(docs, batch_size=1000)
        through = Document.fields.through
        links = [
            through(document_id=d.pk, field_id=rng.choice(fields).pk) for d in created if fields and rng.random() < 0.75
        ]
        through.objects.bulk_create(links, batch_size=2000, ignore_conflicts=True)

        # Relations between generated documents of one series: a later document acts on an earlier one.
        by_series: dict[tuple[int, str], list[Document]] = defaultdict(list)
        for d in created:
            by_series[(d.issuer_id, d.number_key.split("/")[-1])].append(d)
        for group in by_series.values():
            group.sort(key=lambda d: d.issued_on)
        relations: list[Relation] = []
        seen: set[tuple[int, int, str, dt.date]] = set()
        kinds = [("replaces", 45), ("amends", 25), ("repeals", 15), ("supplements", 8), ("suspends", 7)]
        for group in by_series.values():
            for i, target_doc in enumerate(group[:-1]):
                if rng.random() >= 0.25:
                    continue
                source_doc = group[rng.randint(i + 1, min(len(group) - 1, i + 40))]
                if source_doc.issued_on <= target_doc.issued_on:
                    continue
                kind = rng.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
                effective_on = source_doc.effective_from or source_doc.issued_on
                ends_on = effective_on + dt.timedelta(days=rng.randint(90, 720)) if kind == "suspends" else None
                provisions: list[str] = []
                if kind in ("amends", "supplements") or (kind in ("repeals", "suspends") and rng.random() < 0.5):
                    provisions = [f"Điều {n}" for n in sorted(rng.sample(range(1, 12), rng.randint(1, 3)))]
                try:
                    validity.check_relation(
                        source=selectors.document_facts(source_doc),
                        target=selectors.document_facts(target_doc),
                        kind=validity.RelationKind(kind),
                        effective_on=effective_on,
                        ends_on=ends_on,
                    )
                except validity.TimelineError:
                    continue
                marker = (source_doc.pk, target_doc.pk, kind, effective_on)
                if marker in seen:
                    continue
                seen.add(marker)
                relations.append(
                    Relation(
                        source=source_doc,
                        target=target_doc,
                        kind=kind,
                        effective_on=effective_on,
                        ends_on=ends_on,
                        provisions=services.normalize_provisions(provisions),
                    )
                )
        # Legal bases, as in the demo data (not read by the lookup, which evaluates without bases).
        law = Document.objects.filter(number_key=numbers.number_key("80/2015/QH13")).first()
        if law is not None:
            for d in created:
                if dt.date(2016, 7, 1) <= d.issued_on <= dt.date(2025, 3, 31) and rng.random() < 0.3:
                    relations.append(
                        Relation(source=d, target=law, kind="basis", effective_on=d.effective_from or d.issued_on)
                    )
        Relation.objects.bulk_create(relations, batch_size=1000)

    report = services.apply_due_transitions()
    return {
        "generated_documents": len(created),
        "generated_relations": len(relations),
        "transitions": {"examined": report.examined, "changed": report.changed},
    }


def _variants_of_interest() -> dict[str, list[str]]:
    """Numbers to look up, by what their answer holds."""
    from django.db.models import Count

    from backend.catalogue.models import Document, Relation
    from backend.catalogue.selectors import ACTING_KINDS

    acted_on = set(Relation.objects.filter(kind__in=ACTING_KINDS).values_list("target_id", flat=True))
    demo_cut = Document.objects.filter(title__contains="(văn bản sinh cho đo hiệu năng)").order_by("pk").first()
    first_generated = demo_cut.pk if demo_cut else 10**12
    rows = list(Document.objects.filter(published=True).values_list("pk", "number", "number_key"))
    shared = set(
        Document.objects.values("number_key")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("number_key", flat=True)
    )
    groups: dict[str, list[str]] = defaultdict(list)
    for pk, number, key in rows:
        where = "demo" if pk < first_generated else "generated"
        what = "caused_by" if pk in acted_on else "plain"
        groups[f"{where}_{what}"].append(number)
        if key in shared:
            groups["two_issuers"].append(number)
    return groups


def lookup_cases(seed: int) -> dict[str, Any]:
    from backend.catalogue.models import Document
    from legal import numbers

    rng = random.Random(seed + 1)
    groups = _variants_of_interest()
    quota = {
        "demo_caused_by": 40,
        "demo_plain": 30,
        "generated_caused_by": 50,
        "generated_plain": 50,
        "two_issuers": 20,
    }
    cases: list[dict[str, Any]] = []
    for group, n in quota.items():
        pool = sorted(set(groups.get(group, [])))
        for number in rng.sample(pool, min(n, len(pool))):
            cases.append({"number": number, "group": group})
    keys = set(Document.objects.values_list("number_key", flat=True))
    unknown = 0
    while unknown < 20:
        number = f"{rng.randint(500, 4000)}/{rng.randint(2005, 2025)}/{rng.choice(['QĐ-UBND', 'NQ-HĐND'])}"
        if numbers.number_key(number) not in keys:
            cases.append({"number": number, "group": "unknown"})
            unknown += 1
    pairs = sorted(Document.objects.filter(published=True).values_list("number", "issuer__code"))
    for number, code in rng.sample(pairs, min(10, len(pairs))):
        cases.append({"number": number, "issuer": code, "group": "with_issuer"})
    return {"cases": cases, "groups": {g: len(v) for g, v in sorted(groups.items())}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=10_000, help="total documents wanted (demo included)")
    parser.add_argument("--seed", type=int, default=20250701)
    parser.add_argument("--cases", required=True, help="where to write the lookup cases (JSON)")
    args = parser.parse_args(argv)
    _setup()
    from backend.catalogue.models import Document, Relation

    summary = generate(args.documents, args.seed)
    cases = lookup_cases(args.seed)
    summary["documents"] = Document.objects.count()
    summary["relations"] = dict(Counter(Relation.objects.values_list("kind", flat=True)))
    summary["status"] = dict(Counter(Document.objects.values_list("status", flat=True)))
    summary["case_pools"] = cases.pop("groups")
    with open(args.cases, "w", encoding="utf-8") as fh:
        json.dump({**cases, "summary": summary}, fh, ensure_ascii=False, indent=1)
    json.dump(summary, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
