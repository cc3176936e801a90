"""The correction reader (decision 0018 §3, "Đính chính"): a correcting act's text in, ``correct_words`` out.

A correction (đính chính) does not amend: it says that a document was printed wrong, and the corrected wording is
the document's own from its own date. The acts that do it have a lead sentence naming the corrected document
("Điều 1. Đính chính Quyết định số 12/2024/QĐ-UBND … như sau:", "… xin đính chính một số sai sót trong Thông tư
số … như sau:") and then items, each a place, the words as printed and the words as they should read:

    1. Tại khoản 2 Điều 5 của Quy định ban hành kèm theo Quyết định số 12/2024/QĐ-UBND:
    Đã ghi: “… 15 ngày …”.
    Nay sửa lại là: “… 10 ngày …”.
    2. Tại điểm a khoản 1 Điều 3, đã in là “…”, sửa lại là “…”.
    3. Tại trang 5, khoản 2 Điều 5, dòng thứ 3 từ trên xuống: Đã in: “…” Xin đọc là: “…”.

The printed words are introduced by "Đã ghi (là)", "Đã in (là)", "Đã viết", "viết là", "có ghi"; the corrected
ones by "(Nay) (xin) sửa lại là / sửa lại thành / sửa thành / đính chính lại là", "Xin đọc là", "đọc là". The page
and line ("trang 5", "dòng thứ 3 từ trên xuống") locate the words on paper only; the unit named is the scope.

Each item is one operation ``correct_words`` (old_words -> new_words within scope_eids) on the corrected document,
``proposed`` only when the item reads whole, the unit exists in the corrected document's tree and the printed
words occur in it exactly once (none: ``words_not_found``; more: ``words_repeated``, since a correction mends one
place). With no unit named (only a page and a line) the whole document is the scope, under the same once-only
rule. An annex, a form, a table column or a dash item is listed (``annex_text`` / ``target_not_addressable``).

**Date**: a correction applies from the corrected document's own date (``target_dates``: its effective date, else
its issue date), not the correcting act's; without it the operation is listed ``date_unclear``.

Target documents, provision references and the regulation root are resolved with the instruction reader's own
machinery (``legal.instructions``) and the one provision grammar (``legal.provisions``); this module holds only
the correction's own sentence forms. Pure Python, standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from legal import instructions as reader
from legal.numbers import key_or_none
from legal.operations import Operation
from legal.provisions import ProvisionError, article_line, provision_eid

__all__ = ["correcting_lines", "is_correcting_act", "read_correcting_act"]

_OPEN, _CLOSE = "“", "”"

# "… đính chính … như sau:" / "… đính chính …:" — the sentence that names the corrected document.
_LEAD_RE = re.compile(r"(?<![^\W_])đính chính(?![^\W_])(?P<rest>.*?)(?:\s*như sau)?\s*:\s*$", re.IGNORECASE)
_TITLE_RE = re.compile(r"(?<![^\W_])đính chính(?![^\W_])(?P<rest>.*)$", re.IGNORECASE)
_OLD_MARK = r"(?:đã\s+(?:ghi|in|viết)|có\s+ghi|viết|ghi|in)(?:\s+(?:là|thành))?"
_NEW_MARK = r"(?:nay\s+)?(?:xin\s+)?(?:(?:sửa|đính chính)\s+lại\s+(?:là|thành)|sửa\s+(?:là|thành)|đọc\s+(?:lại\s+)?là)"
_NEW_MARK_RE = re.compile(rf"(?<![^\W_]){_NEW_MARK}\s*:?\s*(?:{_OPEN}|$)", re.IGNORECASE)
_ITEM_RE = re.compile(
    rf"^(?P<place>.*?)[\s,:;.]*(?<![^\W_]){_OLD_MARK}\s*:?\s*{_OPEN}(?P<old>[^{_OPEN}{_CLOSE}]*){_CLOSE}"
    rf"[\s.,;]*(?<![^\W_]){_NEW_MARK}\s*:?\s*{_OPEN}(?P<new>[^{_OPEN}{_CLOSE}]*){_CLOSE}",
    re.IGNORECASE | re.DOTALL,
)
# Where the words are on paper, not in the document's structure.
_PAPER_RE = re.compile(
    r"(?:(?<![^\W_])trang\s+(?:số\s+)?[0-9]+"
    r"|(?<![^\W_])dòng(?:\s+thứ)?\s+[0-9]+(?:\s*(?:,|và|-)\s*[0-9]+)*"
    r"(?:\s+(?:từ|tính từ)\s+(?:trên|dưới)\s+(?:xuống|lên)(?:\s+(?:dưới|trên))?)?)",
    re.IGNORECASE,
)
_PLACE_WORDS_RE = re.compile(r"^(?:\s|,|;|:|tại|ở|trong|của|thuộc|nội dung)+|(?:\s|,|;|:|tại|của)+$", re.IGNORECASE)
_HEADING_RE = re.compile(r"^tên\s+(?:của\s+)?", re.IGNORECASE)
_ANNEX_RE = re.compile(r"(?<![^\W_])(?:Phụ lục|Mẫu số|biểu mẫu)(?![^\W_])", re.IGNORECASE)
_NOT_ADDRESSABLE_RE = re.compile(r"gạch đầu dòng|dấu gạch|(?<![^\W_])cột(?![^\W_])|bảng", re.IGNORECASE)
_RECEIVERS_RE = re.compile(r"Nơi nhận\s*:", re.IGNORECASE)


@dataclass
class _Item:
    source_eid: str
    lines: list[str] = field(default_factory=list)  # the first without its own number ("1.", "a)")
    number: str = ""  # that number as printed, for the instruction

    @property
    def printed(self) -> str:
        return " ".join([self.number + self.lines[0], *self.lines[1:]])

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _lines(text: str) -> list[str]:
    return [line for line in (reader.normal_text(raw) for raw in text.splitlines()) if line]


def _lead_index(lines: Sequence[str]) -> int | None:
    """The line that introduces the corrections: it names "đính chính" and ends with ":" (a title "Về việc đính
    chính Quyết định số …" does not)."""
    return next((i for i, line in enumerate(lines) if _LEAD_RE.search(line)), None)


def correcting_lines(text: str) -> list[str]:
    """The part of a correcting act that names what it corrects: from its lead sentence on ([] without one). A
    letter without articles has no "Điều 1." for ``legal.instructions.operative_lines`` to start from."""
    lines = _lines(text)
    lead = _lead_index(lines)
    return [] if lead is None else lines[lead:]


def is_correcting_act(text: str) -> bool:
    """Whether ``text`` is a correcting act: a lead sentence ("… đính chính … như sau:"), at least one corrected
    wording ("Nay sửa lại là: “…”"), and no amending instruction of another kind outside the quotes (an act that
    also amends is read by the instruction reader, which lists its correction for an officer)."""
    lines = _lines(text)
    lead = _lead_index(lines)
    if lead is None or not any(_NEW_MARK_RE.search(line) for line in lines[lead:]):
        return False
    depth = 0
    for line in lines[lead + 1 :]:
        inside = depth > 0 or line.startswith(_OPEN)
        depth = max(0, depth + line.count(_OPEN) - line.count(_CLOSE))
        if inside:
            continue
        body = reader.classify_line(0, line).body
        if reader.is_instruction(body) and not _NEW_MARK_RE.match(body) and not _LEAD_RE.search(body):
            return False
    return True


def _document_of(phrase: str) -> str | None:
    return reader.document_key(phrase) if phrase.strip() else None


def _items(lines: Sequence[str], lead: int) -> tuple[list[_Item], str]:
    """The items after the lead line, each with its source eId, and the lead's own eId ("dieu-1" when the lead is
    an article, "" in a letter without articles). The part ends at the next article, the signature or "./."."""
    article = ""
    heading = reader.classify_line(0, lines[lead])
    if heading.level == 0:
        article = provision_eid(f"Điều {heading.number}")
    elif lead > 0 and (above := reader.classify_line(0, lines[lead - 1])).level == 0 and not above.body:
        article = provision_eid(f"Điều {above.number}")
    items: list[_Item] = []
    clause = ""
    depth = 0
    for line in lines[lead + 1 :]:
        inside = depth > 0
        depth = max(0, depth + line.count(_OPEN) - line.count(_CLOSE))
        if not inside and (article_line(line) or reader.SIGNATURE_RE.match(line) or _RECEIVERS_RE.match(line)):
            break
        numbered = None if inside else reader.classify_line(0, line)
        if numbered is not None and numbered.level in (1, 2, 3):
            if numbered.level == 1:
                clause = f"{article}/khoan-{numbered.number}" if article else ""
                eid = clause
            elif numbered.level == 2:
                eid = f"{clause or article}/diem-{numbered.number.replace('đ', 'dd')}" if (clause or article) else ""
            else:
                eid = clause or article
            items.append(_Item(eid.strip("/"), [numbered.body], line[: len(line) - len(numbered.body)]))
        elif not items or (not inside and line.lower().startswith("tại ") and _complete(items[-1])):
            items.append(_Item(clause or article, [line]))
        else:
            items[-1].lines.append(line)
        if depth == 0 and line.endswith("./."):
            break
    return items, article


def _complete(item: _Item) -> bool:
    return _ITEM_RE.match(item.text) is not None


@dataclass
class _Reading:
    scope: tuple[str, ...] = ()
    old: str = ""
    new: str = ""
    document: str | None = None
    reasons: list[str] = field(default_factory=list)


def _read_item(item: _Item, *, document: str | None, root: str) -> _Reading:
    text = item.text
    match = _ITEM_RE.match(text)
    if match is None:
        balanced = text.count(_OPEN) == text.count(_CLOSE)
        return _Reading(document=document, reasons=["unknown_form" if balanced else "quote_unbalanced"])
    if _OPEN in text[match.end() :]:
        # A second pair of quotes in one item: which words go where is not one correction.
        return _Reading(document=document, reasons=["unknown_form"])
    found = _Reading(old=match["old"].strip(), new=match["new"].strip(), document=document)
    if not found.old:
        found.reasons.append("unknown_form")
    place = reader.PAREN_RE.sub(" ", match["place"])
    if reader.REGULATION_RE.search(place):
        root = "quy-dinh"
    refs, mention = reader.cut_document(_PAPER_RE.sub(" ", place))
    found.document = _document_of(mention) or document
    refs = _HEADING_RE.sub("", _PLACE_WORDS_RE.sub("", refs).strip())
    refs = _PLACE_WORDS_RE.sub("", refs).strip()
    if _ANNEX_RE.search(refs) or _ANNEX_RE.search(mention):
        found.reasons.append("annex_text")
    elif _NOT_ADDRESSABLE_RE.search(refs):
        found.reasons.append("target_not_addressable")
    elif refs:
        try:
            found.scope = tuple(provision_eid(label, root=root) for label in reader.reference_labels(refs, ""))
        except ProvisionError:
            found.reasons.append("unknown_form")
    return found


def _occurrences(tree: Any, scope: Sequence[str], words: str) -> int:
    """How many times the printed words occur in the scope (the whole document when there is none)."""
    old = reader.normal_text(words)
    if not scope:
        return int(tree.whole_text().count(old))
    return sum(int(tree.text_under(eid).count(old)) for eid in scope)


def read_correcting_act(
    text: str,
    *,
    source: str,
    issued_on: date,
    effective_from: date,
    targets: Mapping[str, Sequence[Mapping[str, Any]]],
    target_dates: Mapping[str, date] | None = None,
    default_target: str | None = None,
) -> reader.Reading:
    """Read a correcting act (see the module docstring) into ``correct_words`` operations.

    ``targets`` and ``default_target`` are those of :func:`legal.instructions.read_act`; ``target_dates`` maps a
    target's number to the corrected document's own date (its effective date, else its issue date). Never raises:
    what it cannot read is listed."""
    trees = {
        key: reader.TargetTree.of(tree) for number, tree in targets.items() if (key := key_or_none(number)) is not None
    }
    dates = {key: on for number, on in (target_dates or {}).items() if (key := key_or_none(number)) is not None}
    lines = _lines(text)
    lead = _lead_index(lines)
    if lead is None:
        return reader.Reading((), (), ())
    named = _LEAD_RE.search(lines[lead])
    lead_rest = named["rest"] if named else ""
    title = next((m["rest"] for line in lines[:lead] if (m := _TITLE_RE.search(line)) and _document_of(m["rest"])), "")
    document = _document_of(lead_rest) or _document_of(title) or (key_or_none(default_target or "") or None)
    root = "quy-dinh" if reader.REGULATION_RE.search(lead_rest) else ""
    items, article = _items(lines, lead)
    operations: list[Operation] = []
    for item in items:
        read = _read_item(item, document=document, root=root)
        reasons = list(read.reasons)
        tree = trees.get(read.document) if read.document else None
        if tree is None:
            reasons.append("target_document_unknown")
        elif not reasons:
            missing = [eid for eid in read.scope if eid not in tree.eids]
            if missing:
                reasons.append("target_missing")
            else:
                count = _occurrences(tree, read.scope, read.old)
                if count != 1:
                    reasons.append("words_not_found" if count == 0 else "words_repeated")
        applies_on = dates.get(read.document) if read.document else None
        if applies_on is None:
            reasons.append("date_unclear")
        operations.append(
            Operation(
                kind="correct_words",
                target_eid="",
                applies_on=applies_on or effective_from,
                source=source,
                seq=len(operations) + 1,
                target=read.document or "",
                source_eid=item.source_eid,
                instruction=item.printed,
                source_issued_on=issued_on,
                old_words=read.old,
                new_words=read.new,
                scope_eids=read.scope,
                state="listed" if reasons else "proposed",
                reasons=tuple(dict.fromkeys(reasons)),
            )
        )
    if not items:
        # A lead with nothing under it that reads as an item: an officer reads it.
        operations.append(
            Operation(
                kind="correct_words",
                target_eid="",
                applies_on=dates.get(document or "") or effective_from,
                source=source,
                seq=1,
                target=document or "",
                source_eid=article,
                instruction=lines[lead],
                source_issued_on=issued_on,
                state="listed",
                reasons=("unknown_form",),
            )
        )
    return reader.Reading(tuple(operations), ((article, lines[lead]),), (lines[lead], *(i.printed for i in items)))
