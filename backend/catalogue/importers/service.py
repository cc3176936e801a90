"""Import the interchange format, all or nothing.

Every row goes through the same services as the API (so the same validation and the same audit), inside one
transaction. A bad row does not stop the run: its error is collected and the next row is tried in a fresh
savepoint, so the officer sees every problem at once. If any row failed, everything is rolled back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db import transaction

from backend.catalogue import events, responsible, selectors, services
from backend.catalogue.importers.columns import label, quoted
from backend.catalogue.importers.readers import Bundle, Row
from backend.catalogue.models import Authority, AuthorityLevel, Document, DocumentType, Field, Relation
from backend.catalogue.validity import RelationKind
from backend.core.errors import ApplicationError
from legal import numbers

Progress = Callable[[str, int, int], None]


@dataclass
class RowError:
    """One refused row. `where` and `field` are for programs; people read `where_vi`/`where_en` and the field's
    label (`label_vi`/`label_en`, from importers/columns.py), never a raw column key."""

    where: str
    message_vi: str
    message_en: str
    field: str | None = None
    number: str | None = None
    where_vi: str | None = None
    where_en: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if v is not None}
        out.setdefault("where_vi", self.where)
        out.setdefault("where_en", self.where)
        field_vi, field_en = label(self.field, "vi"), label(self.field, "en")
        if field_vi and field_en:
            out["label_vi"], out["label_en"] = field_vi, field_en
        return out


@dataclass
class ImportReport:
    created: dict[str, int] = field(default_factory=lambda: {"authorities": 0, "documents": 0, "relations": 0})
    updated: dict[str, int] = field(default_factory=lambda: {"authorities": 0, "documents": 0, "relations": 0})
    unchanged: dict[str, int] = field(default_factory=lambda: {"authorities": 0, "documents": 0, "relations": 0})
    errors: list[RowError] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [e.as_dict() for e in self.errors],
        }


class ImportFailed(Exception):
    def __init__(self, report: ImportReport) -> None:
        super().__init__(f"{len(report.errors)} rows could not be imported")
        self.report = report


class _RowProblem(Exception):
    def __init__(self, message_vi: str, message_en: str, field: str | None = None) -> None:
        super().__init__(message_en)
        self.message_vi, self.message_en, self.field = message_vi, message_en, field


def _text(data: dict[str, Any], key: str, *, required: bool = False) -> str:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            vi, en = quoted(key)
            raise _RowProblem(f"Thiếu {vi} (cột bắt buộc).", f"{en} is missing (a required column).", key)
        return ""
    if not isinstance(value, str | int):
        vi, en = quoted(key)
        raise _RowProblem(f"{vi} phải là chữ.", f"{en} must be text.", key)
    return str(value).strip()


_DAY_FIRST = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")


def _date(data: dict[str, Any], key: str, *, required: bool = False) -> dt.date | None:
    raw = _text(data, key, required=required)
    if not raw:
        return None
    try:
        if _DAY_FIRST.fullmatch(raw):  # 15/03/2026, as Vietnamese officials write dates
            day, month, year = (int(part) for part in raw.split("/"))
            return dt.date(year, month, day)
        return dt.date.fromisoformat(raw[:10])
    except ValueError as exc:
        vi, en = quoted(key)
        raise _RowProblem(
            f"{vi} không phải ngày có thật: “{raw}” (viết 2026-03-15 hoặc 15/03/2026).",
            f"{en} is not a real date: “{raw}” (write 2026-03-15 or 15/03/2026).",
            key,
        ) from exc


def _bool(data: dict[str, Any], key: str, default: bool) -> bool:
    value = data.get(key)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    vi, en = quoted(key)
    raise _RowProblem(f"{vi} phải là có hoặc không (true/false).", f"{en} must be yes or no (true/false).", key)


def _list(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        vi, en = quoted(key)
        raise _RowProblem(f"{vi} phải là danh sách chữ.", f"{en} must be a list of texts.", key)
    return value


class _Importer:
    def __init__(self, actor: Any, progress: Progress | None) -> None:
        self.actor = actor
        self.progress = progress or (lambda stage, done, total: None)
        self.report = ImportReport()
        # Lookups of rows that earlier phases finished (and that no later savepoint can roll back).
        self._types: dict[str, DocumentType] = {}
        self._issuers: dict[str, Authority] = {}
        self._refs: dict[tuple[str, str | None], Document] = {}
        self._organisations: dict[str, Any] = {}

    def run(self, bundle: Bundle) -> ImportReport:
        total = bundle.count()
        done = 0
        steps: list[tuple[str, Callable[[Row], str]]] = [
            ("authorities", self._authority),
            ("documents", self._document),
            ("relations", self._relation),
        ]
        successions: list[tuple[Row, Authority]] = []
        self._successions = successions
        for table, handler in steps:
            for row in bundle.rows[table]:
                self._guarded(row, handler)
                done += 1
                self.progress(table, done, total)
            if table == "authorities":
                for row, authority in successions:
                    self._guarded(row, partial(self._succession, authority=authority))
        return self.report

    def _guarded(self, row: Row, handler: Callable[[Row], str]) -> None:
        number = row.data.get("number") if isinstance(row.data.get("number"), str) else None
        try:
            with transaction.atomic():
                if "_invalid" in row.data:
                    raise _RowProblem("Dòng phải là một đối tượng.", "Each row must be an object.")
                outcome = handler(row)
        except _RowProblem as exc:
            self.report.errors.append(self._error(row, exc.message_vi, exc.message_en, exc.field, number))
            return
        except ApplicationError as exc:
            self.report.errors.append(self._error(row, exc.message_vi, exc.message_en, exc.field, number))
            return
        if outcome:
            getattr(self.report, outcome)[row.table] += 1

    @staticmethod
    def _error(row: Row, message_vi: str, message_en: str, field: str | None, number: str | None) -> RowError:
        return RowError(row.where, message_vi, message_en, field, number, row.where_vi, row.where_en)

    # --- tables ---------------------------------------------------------------------------------

    def _authority(self, row: Row) -> str:
        data = row.data
        code = _text(data, "code", required=True)
        level = _text(data, "level", required=True)
        if level not in AuthorityLevel.values:
            vi, en = quoted("level")
            raise _RowProblem(
                f"{vi} không hợp lệ: “{level}” (dùng central: trung ương, province: tỉnh, commune: xã).",
                f"{en} is not valid: “{level}” (use central, province or commune).",
                "level",
            )
        name = _text(data, "name", required=True)
        authority = Authority.objects.filter(code=code).first()
        outcome = "unchanged"
        if authority is None:
            authority = services.reference_save(
                Authority(code=code, name=name, level=level), actor=self.actor, source="import"
            )
            outcome = "created"
        elif (authority.name, authority.level) != (name, level):
            authority.name, authority.level = name, level
            services.reference_save(authority, actor=self.actor, source="import")
            outcome = "updated"
        if data.get("succeeded_by"):
            self._successions.append((row, authority))
        return outcome

    def _succession(self, row: Row, *, authority: Authority) -> str:
        successor_code = _text(row.data, "succeeded_by")
        successor = Authority.objects.filter(code=successor_code).first()
        if successor is None:
            raise _RowProblem(
                f"Không có cơ quan kế thừa mã “{successor_code}”.",
                f"Unknown successor authority “{successor_code}”.",
                "succeeded_by",
            )
        on = _date(row.data, "succeeded_on", required=True)
        if (authority.succeeded_by_id, authority.succeeded_on) != (successor.pk, on):
            authority.succeeded_by, authority.succeeded_on = successor, on
            services.reference_save(authority, actor=self.actor, source="import")
        return ""

    def _document_type(self, name: str) -> DocumentType:
        if name not in self._types:
            found = (
                DocumentType.objects.filter(name__iexact=name).first() or DocumentType.objects.filter(code=name).first()
            )
            if found is None:
                raise _RowProblem(f"Không có loại văn bản “{name}”.", f"Unknown document type “{name}”.", "type")
            self._types[name] = found
        return self._types[name]

    def _fields(self, names: list[str]) -> list[Field]:
        return [services.field_get_or_create(n, actor=self.actor, source="import") for n in names]

    def _document(self, row: Row) -> str:
        data = row.data
        issuer_code = _text(data, "issuer", required=True)
        issuer = self._issuers.get(issuer_code) or Authority.objects.filter(code=issuer_code).first()
        if issuer is not None:
            self._issuers[issuer_code] = issuer
        if issuer is None:
            raise _RowProblem(
                f"Không có cơ quan ban hành mã “{issuer_code}”.", f"Unknown issuer code “{issuer_code}”.", "issuer"
            )
        payload = services.DocumentInput(
            number=_text(data, "number", required=True),
            doc_type=self._document_type(_text(data, "type", required=True)),
            issuer=issuer,
            title=_text(data, "title", required=True),
            signer=_text(data, "signer"),
            issued_on=_date(data, "issued_on", required=True),  # type: ignore[arg-type]
            effective_from=_date(data, "effective_from"),
            effective_until=_date(data, "effective_until"),
            fields=self._fields(_list(data, "fields")),
            text=data.get("text") or "",
            normative=_bool(data, "normative", True),
            published=_bool(data, "published", True),
            responsible=self._responsible(data),
        )
        if not isinstance(payload.text, str):
            vi, en = quoted("text")
            raise _RowProblem(f"{vi} phải là chữ.", f"{en} must be text.", "text")
        try:
            key = numbers.number_key(payload.number)
        except numbers.NumberError as exc:
            raise _RowProblem(exc.message_vi, exc.message_en, "number") from exc
        existing = Document.objects.filter(issuer=issuer, number_key=key).first()
        if existing is None:
            services.document_create(actor=self.actor, data=payload, source="import")
            return "created"
        if _same_document(existing, payload):
            return "unchanged"
        services.document_update(
            actor=self.actor, document=existing, data=payload, expected_version=existing.version, source="import"
        )
        return "updated"

    def _responsible(self, data: dict[str, Any]) -> Any:
        """The row's responsible organisation by code or name; a file without the column leaves it as it is."""
        if "responsible" not in data:
            return services.UNCHANGED
        value = _text(data, "responsible")
        if not value:
            return None
        if value not in self._organisations:
            found = responsible.by_code_or_name(value)
            if not found:
                raise _RowProblem(
                    f"Không có cơ quan, đơn vị “{value}” (ghi mã hoặc tên cơ quan).",
                    f"Unknown organisation “{value}” (give its code or name).",
                    "responsible",
                )
            if len(found) > 1:
                codes = ", ".join(sorted(org.code for org in found))
                raise _RowProblem(
                    f"Có nhiều cơ quan, đơn vị tên “{value}” ({codes}); hãy ghi mã.",
                    f"Several organisations are named “{value}” ({codes}); give the code.",
                    "responsible",
                )
            self._organisations[value] = found[0]
        return self._organisations[value]

    def _document_ref(self, value: Any, end: str) -> Document:
        issuer = None
        number = value
        if isinstance(value, dict):
            number, issuer = value.get("number"), value.get("issuer")
            if issuer is not None and not isinstance(issuer, str):
                vi, en = quoted(f"{end}_issuer")
                raise _RowProblem(f"{vi} phải là mã cơ quan.", f"{en} must be an authority code.", end)
        if not isinstance(number, str) or not number.strip():
            vi, en = quoted(end)
            raise _RowProblem(
                f"Thiếu {vi}: ghi số ký hiệu của văn bản.", f"{en} is missing: give the document's number.", end
            )
        try:
            key = numbers.number_key(number)
        except numbers.NumberError as exc:
            raise _RowProblem(exc.message_vi, exc.message_en, end) from exc
        cached = self._refs.get((key, issuer))
        if cached is not None:
            return cached
        try:
            found = selectors.document_by_number(number, issuer)
        except selectors.DocumentNotFound as exc:
            label = f"{number} ({issuer})" if issuer else number
            raise _RowProblem(f"Không tìm thấy văn bản {label}.", f"Document {label} not found.", end) from exc
        except selectors.AmbiguousNumber as exc:
            vi, en = quoted(f"{end}_issuer")
            raise _RowProblem(
                f"Số {number} thuộc nhiều cơ quan; ghi rõ {vi}.",
                f"Number {number} exists under several issuers; fill in {en}.",
                end,
            ) from exc
        self._refs[(key, issuer)] = found
        return found

    def _relation(self, row: Row) -> str:
        data = row.data
        kind_raw = _text(data, "kind", required=True)
        try:
            kind = RelationKind(kind_raw)
        except ValueError as exc:
            vi, en = quoted("kind")
            raise _RowProblem(
                f"{vi} không hợp lệ: “{kind_raw}” (dùng {', '.join(k.value for k in RelationKind)}).",
                f"{en} is not valid: “{kind_raw}” (use {', '.join(k.value for k in RelationKind)}).",
                "kind",
            ) from exc
        source = self._document_ref(data.get("source"), "source")
        target = self._document_ref(data.get("target"), "target")
        effective_on = _date(data, "effective_on", required=True)
        assert effective_on is not None
        provisions = services.normalize_provisions(_list(data, "provisions"))
        existing = Relation.objects.filter(
            source=source, target=target, kind=kind.value, effective_on=effective_on
        ).first()
        if existing is not None and existing.provisions == provisions:
            return "unchanged"
        payload = services.RelationInput(
            source=source,
            target=target,
            kind=kind,
            effective_on=effective_on,
            ends_on=_date(data, "ends_on"),
            provisions=provisions,
            note=_text(data, "note"),
        )
        if existing is not None:
            services.relation_update(
                actor=self.actor, relation=existing, data=payload, expected_version=existing.version, source="import"
            )
            return "updated"
        services.relation_add(actor=self.actor, data=payload, source="import")
        return "created"


def _same_document(doc: Document, data: services.DocumentInput) -> bool:
    return (
        doc.number == " ".join(data.number.split())
        and doc.doc_type_id == data.doc_type.pk
        and doc.title == data.title.strip()
        and doc.signer == data.signer.strip()
        and doc.issued_on == data.issued_on
        and doc.effective_from == data.effective_from
        and doc.effective_until == data.effective_until
        and doc.text == data.text
        and doc.normative == data.normative
        and doc.published == data.published
        and (data.responsible is services.UNCHANGED or doc.responsible_id == getattr(data.responsible, "pk", None))
        and set(doc.fields.values_list("pk", flat=True)) == {f.pk for f in data.fields}
    )


def import_bundle(bundle: Bundle, *, actor: Any, progress: Progress | None = None) -> ImportReport:
    """Import everything in `bundle` or nothing; raises ImportFailed listing every bad row."""
    importer = _Importer(actor, progress)
    with events.batch(), transaction.atomic():
        report = importer.run(bundle)
        if report.errors:
            transaction.set_rollback(True)
    if report.errors:
        raise ImportFailed(report)
    return report
