"""Turn an uploaded file into a proposal the officer confirms: fields, bases and relations matched to the catalogue.

Read-only: nothing here writes to the database or stores the file. The proposal's ``document`` part has the
shape ``POST /api/v1/documents/`` takes, and each proposed relation the shape of ``POST /api/v1/relations/``
(minus the source, which does not exist yet), so a client can show a form and send back what was confirmed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from backend.catalogue import responsible, selectors
from backend.catalogue.extraction import fields as found
from backend.catalogue.extraction.files import FileRejected, SourceText, read_upload
from backend.catalogue.models import Authority, Document, DocumentType
from backend.catalogue.validity import RelationKind
from backend.core.errors import ApplicationError
from legal.numbers import fold, parse_number
from legal.provisions import parse_structure, provision_labels

__all__ = ["WARNINGS", "Proposal", "propose", "read_file", "read_numbered", "refused"]

# Warning code -> (Vietnamese, English). Warnings never block: the officer fills the field in.
WARNINGS: dict[str, tuple[str, str]] = {
    "no_date": ("Không tìm thấy ngày ban hành.", "No issue date was found."),
    "invalid_date": ("Ngày ban hành ghi trong văn bản không hợp lệ.", "The issue date written in the file is invalid."),
    "no_type": ("Không xác định được loại văn bản.", "The document type was not found."),
    "no_title": ("Không tìm thấy trích yếu.", "No title was found."),
    "no_issuer": ("Không tìm thấy cơ quan ban hành.", "No issuing authority was found."),
    "unknown_issuer": (
        "Cơ quan ban hành ghi trong văn bản chưa có trong danh mục.",
        "The issuing authority named in the file is not in the catalogue.",
    ),
    "unknown_type": (
        "Loại văn bản ghi trong văn bản chưa có trong danh mục.",
        "The document type named in the file is not in the catalogue.",
    ),
    "no_signer": ("Không tìm thấy người ký.", "No signer was found."),
    "no_effective_date": ("Không tìm thấy ngày có hiệu lực.", "No entry-into-force date was found."),
    "already_catalogued": (
        "Văn bản cùng số ký hiệu và cơ quan ban hành đã có trong danh mục.",
        "A document with this number and issuer is already in the catalogue.",
    ),
    "unmatched_bases": (
        "Một số căn cứ chưa khớp với văn bản nào trong danh mục.",
        "Some legal bases do not match any catalogued document.",
    ),
    "no_structure": ("Không nhận ra điều, khoản nào.", "No articles were recognised."),
    "unmatched_relations": (
        "Văn bản này thay thế, bãi bỏ hoặc sửa đổi văn bản chưa có (hoặc chưa xác định được) trong danh mục; quan hệ"
        " đó sẽ không được ghi khi xác nhận.",
        "This document replaces, repeals or amends a document that is not (or not unambiguously) in the catalogue;"
        " that relation will not be recorded on confirmation.",
    ),
}


def refused(exc: FileRejected) -> ApplicationError:
    """A refused file as the API's 400 error on the ``file`` field."""
    return ApplicationError(exc.code, exc.message_vi, exc.message_en, field="file")


def read_file(data: bytes) -> SourceText:
    """:func:`files.read_upload`, with refusals as the API's errors."""
    try:
        return read_upload(data)
    except FileRejected as exc:
        raise refused(exc) from exc


@dataclass(frozen=True)
class Proposal:
    source: SourceText
    extracted: found.Extracted
    payload: dict[str, Any]


def _brief(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.pk,
        "number": doc.number,
        "issuer": doc.issuer.code,
        "issuer_name": doc.issuer.name,
        "type": doc.doc_type.code,
        "title": doc.title,
        "issued_on": doc.issued_on,
    }


_PARENTHESES = re.compile(r"\([^)]*\)")
_ABBREVIATIONS = (("UY BAN NHAN DAN", "UBND"), ("HOI DONG NHAN DAN", "HDND"))


def _authority_key(name: str) -> str:
    key = " ".join(fold(_PARENTHESES.sub(" ", name)).upper().split())
    for long, short in _ABBREVIATIONS:
        key = key.replace(long, short)
    return key


def match_issuer(text: str, issued_on: dt.date | None) -> Authority | None:
    """The authority the header names; of a renamed body's entries, the one in office on the issue date."""
    if not text:
        return None
    wanted = _authority_key(text)
    candidates = [a for a in Authority.objects.all() if _authority_key(a.name) == wanted]
    if issued_on is not None:
        in_office = [a for a in candidates if a.succeeded_on is None or issued_on < a.succeeded_on]
        # The earliest succession still ahead of the date is the body that existed then.
        candidates = sorted(in_office, key=lambda a: (a.succeeded_on is None, a.succeeded_on or dt.date.max))
    return candidates[0] if candidates else None


def match_type(type_name: str | None, number: str | None) -> DocumentType | None:
    if type_name:
        by_name = DocumentType.objects.filter(name=type_name).first()
        if by_name:
            return by_name
    if number:
        symbol = fold(parse_number(number).symbol).upper()
        for doc_type in DocumentType.objects.exclude(abbreviation=""):
            if fold(doc_type.abbreviation).upper() == symbol:
                return doc_type
    return None


def _by_number(number: str, issuer: Authority | None = None) -> list[Document]:
    # A cited or acted-on number: the header's issuer is a preference, never a filter (see documents_by_number).
    return selectors.documents_by_number(number, issuer.code if issuer else None, issuer_fallback=True)


def _by_name(cited: str, cited_on: dt.date | None) -> list[Document]:
    """Laws are cited by name and date ("Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025")."""
    if not cited:
        return []
    qs = Document.objects.select_related("issuer", "doc_type")
    docs = list(qs.filter(title__iexact=cited))
    if not docs:
        # The title may leave out the type's name ("Tổ chức chính quyền địa phương" under type Luật).
        for doc_type in DocumentType.objects.all():
            if cited.lower().startswith(doc_type.name.lower() + " "):
                rest = cited[len(doc_type.name) + 1 :]
                docs = list(qs.filter(doc_type=doc_type, title__iexact=rest))
                if docs:
                    break
    if cited_on is not None and len(docs) > 1:
        docs = [doc for doc in docs if doc.issued_on == cited_on] or docs
    elif cited_on is not None and docs and all(doc.issued_on != cited_on for doc in docs):
        # Same name, another date: an older law of that name, not the one cited.
        docs = []
    return docs


def _basis(item: found.Basis) -> dict[str, Any]:
    candidates: list[Document] = []
    for number in item.numbers:
        candidates.extend(_by_number(number))
    if not item.numbers:
        candidates = _by_name(item.cited, item.cited_on)
    unique = list({doc.pk: doc for doc in candidates}.values())
    return {
        "text": item.text,
        "cited": item.cited,
        "numbers": item.numbers,
        "cited_on": item.cited_on,
        "candidates": [_brief(doc) for doc in unique],
        "target": unique[0].pk if len(unique) == 1 else None,
    }


def _document(pk: int) -> Document:
    return Document.objects.select_related("issuer", "doc_type").get(pk=pk)


def _effect(target: Document, relation: dict[str, Any], number: str, lang: str) -> dict[str, Any]:
    effect = selectors.proposed_effect(
        target,
        kind=RelationKind(relation["kind"]),
        effective_on=relation["effective_on"],
        provisions=relation["provisions"],
        source_number=number,
    )
    return {
        "target": _brief(target),
        "on": effect.on,
        "status_now": effect.now.status.value,
        "status_now_label": effect.now.label(lang),
        "status_after": effect.after.status.value,
        "status_after_label": effect.after.label(lang),
    }


def _warning(code: str, lang: str) -> dict[str, str]:
    vi, en = WARNINGS[code]
    return {"code": code, "message": en if lang == "en" else vi, "message_vi": vi, "message_en": en}


def read_numbered(data: bytes) -> tuple[SourceText, found.Extracted, str]:
    """Read the file and its fields; a file without a number (a draft) is refused like a bad file."""
    source = read_file(data)
    extracted = found.extract_fields(source.lines, wrapped=source.kind == "pdf")
    if extracted.number is None:
        raise ApplicationError(
            "no_number",
            'Không tìm thấy số ký hiệu trong tệp (dòng "Số: …"); văn bản chưa có số thì chưa thể nhập.',
            'No document number was found in the file (the "Số: …" line); a document without a number cannot be'
            " catalogued yet.",
            field="file",
        )
    return source, extracted, extracted.number


def propose(data: bytes, *, lang: str = "vi") -> Proposal:
    """Read ``data`` (.docx or .pdf) and match what it says against the catalogue. Raises ApplicationError."""
    source, extracted, number = read_numbered(data)
    warnings = list(extracted.warnings)
    issuer = match_issuer(extracted.issuer_text, extracted.issued_on)
    if issuer is None and extracted.issuer_text:
        warnings.append("unknown_issuer")
    # The body the decision was drafted on the proposal of, if it is one of the province's organisations.
    proposer = responsible.match_body(extracted.proposed_by, extracted.issued_on)
    doc_type = match_type(extracted.type_name, number)
    if doc_type is None and extracted.type_name:
        warnings.append("unknown_type")
    tree = parse_structure(extracted.text)
    if not any(node["kind"] != "preamble" for node in tree):
        warnings.append("no_structure")

    existing = selectors.documents_by_number(number, issuer.code if issuer else None)
    if existing:
        warnings.append("already_catalogued")

    bases = [_basis(item) for item in extracted.bases]
    if any(item["target"] is None for item in bases):
        warnings.append("unmatched_bases")
    relation_date = extracted.effective_from or extracted.issued_on
    relations: list[dict[str, Any]] = [
        {
            "kind": "basis",
            "target": item["target"],
            "provisions": [],
            "effective_on": relation_date,
            "note": item["text"],
            "from": "basis",
        }
        for item in bases
        if item["target"] is not None
    ]
    unmatched_actions: list[dict[str, Any]] = []
    targets_by_id: dict[int, Document] = {}
    for action in extracted.actions:
        targets = _by_number(action.number, issuer)
        entry = {
            "kind": action.kind,
            "number": action.number,
            "provisions": action.provisions,
            "effective_on": relation_date,
            "note": action.sentence,
            "from": "text",
            "candidates": [_brief(doc) for doc in targets],
        }
        if len(targets) == 1:
            targets_by_id[targets[0].pk] = targets[0]
            relations.append({**entry, "target": targets[0].pk})
        else:
            unmatched_actions.append({**entry, "reason": "ambiguous" if targets else "not_in_catalogue"})
    if unmatched_actions:
        warnings.append("unmatched_relations")
    for item in relations:
        # What confirming will do to each document acted on (bases included: the engine says they change nothing).
        target = targets_by_id.get(item["target"]) or _document(item["target"])
        item["effect"] = _effect(target, item, number, lang)

    payload = {
        "file": {"kind": source.kind, "lines": len(source.lines)},
        "document": {
            "number": extracted.number,
            "type": doc_type.code if doc_type else None,
            "issuer": issuer.code if issuer else None,
            "title": extracted.title,
            "signer": extracted.signer,
            "issued_on": extracted.issued_on,
            "effective_from": extracted.effective_from,
            "effective_until": None,
            "responsible": proposer.code if proposer else None,
            "text": extracted.text,
        },
        "responsible": responsible.brief(proposer),
        "found": {
            "number_line": extracted.number_line,
            "place": extracted.place,
            "issuer_text": extracted.issuer_text,
            "type_name": extracted.type_name,
            "signing_capacity": extracted.signing_capacity,
            "effective_on_signing": extracted.effective_on_signing,
            "proposed_by": extracted.proposed_by,
        },
        "structure": tree,
        "provisions": provision_labels(tree),
        "bases": bases,
        "unmatched_bases": [item["text"] for item in bases if item["target"] is None],
        "relations": relations,
        "unmatched_relations": unmatched_actions,
        "existing": [_brief(doc) for doc in existing],
        "warnings": [_warning(code, lang) for code in dict.fromkeys(warnings)],
    }
    return Proposal(source=source, extracted=extracted, payload=payload)
