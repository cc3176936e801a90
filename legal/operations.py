"""Amending operations as data (decision 0018): what the instruction reader produces and the applier applies.

One :class:`Operation` is one change to one provision: "Sửa đổi, bổ sung điểm a, điểm c khoản 2 Điều 7" is two
operations. The reader (``legal.instructions``) turns an amending act's text into operations, the catalogue stores
them (an officer confirms, corrects or adds them), and the applier (``legal.consolidate``) applies them to a base
document's structure tree to give its text on any date. The provision-level relations the validity engine reads
are derived from the same operations, so status and text cannot disagree.

Provisions are named by eIds (``legal.provisions.provision_eid``): ``dieu-5/khoan-2/diem-dd``, ``quy-dinh/dieu-3``
for the regulation attached to a decision, ``phu-luc-ii`` / ``mau-so-01`` for annexes and forms (opaque leaves).

Pure Python, no Django: the legal engines share it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

__all__ = [
    "KINDS",
    "REASONS",
    "STATES",
    "WORD_KINDS",
    "Operation",
    "OperationKind",
    "OperationState",
    "reason_text",
]

OperationKind = Literal[
    "replace",  # the unit is replaced by new_text (a whole unit as printed: "2. …", "Điều 3. Tên\n1. …")
    "rename",  # only the heading changes ("Sửa đổi, bổ sung tên Điều 9 như sau: “Điều 9. Tên mới”")
    "insert_after",  # target_eid is the new unit's own eId; anchor_eid the sibling it follows
    "insert_before",  # target_eid is the new unit's own eId; anchor_eid the sibling it precedes
    "repeal",  # the unit stays in the tree, marked repealed, with its cause
    "substitute_words",  # old_words -> new_words within scope_eids (empty: the whole document)
    "delete_words",  # old_words removed within scope_eids
    "correct_words",  # a correction (đính chính): old_words -> new_words in scope_eids, from the target's own date
    "replace_annex",  # an annex or form (opaque leaf) replaced, added, or renumbered
    "suspend",  # the unit is not in force from applies_on until ends_on
    "repeal_document",  # the whole target document is repealed (target_eid "")
    "unknown",  # a listed instruction whose form the reader could not read
]
KINDS: tuple[OperationKind, ...] = get_args(OperationKind)
# The kinds that change words within named provisions (scope_eids; none: the whole document) rather than a unit.
WORD_KINDS: tuple[OperationKind, ...] = ("substitute_words", "delete_words", "correct_words")

OperationState = Literal["proposed", "confirmed", "listed", "rejected"]
STATES: tuple[OperationState, ...] = get_args(OperationState)

# Why an instruction is listed for an officer rather than applied, or why the applier held an operation back.
# Code -> (Vietnamese, English). The one wording of each reason: the reader, the applier, the API and the app
# all show these.
REASONS: dict[str, tuple[str, str]] = {
    "unknown_form": (
        "Không nhận ra dạng câu sửa đổi, bổ sung.",
        "The instruction is not in a form the reader knows.",
    ),
    "target_document_unknown": (
        "Không xác định được văn bản được sửa đổi.",
        "The document being amended could not be identified.",
    ),
    "target_missing": (
        "Văn bản được sửa đổi không có điều khoản này vào ngày áp dụng.",
        "The amended document has no such provision on the date the change applies.",
    ),
    "relative_target_ambiguous": (
        "Không xác định được điều khoản được sửa đổi từ câu dẫn.",
        "The provision could not be told from the enclosing instruction.",
    ),
    "quote_unbalanced": (
        "Dấu ngoặc kép của nội dung sửa đổi không khớp.",
        "The quotation marks around the new text do not match.",
    ),
    "regulation_unclear": (
        "Không rõ điều khoản được nêu thuộc văn bản hay thuộc Quy định ban hành kèm theo văn bản nào.",
        "It is unclear whether the provisions named are the document's own or those of which attached regulation.",
    ),
    "new_text_missing": (
        "Không thấy nội dung sửa đổi, bổ sung trong ngoặc kép sau câu này.",
        "No new text in quotation marks follows the instruction.",
    ),
    "words_not_found": (
        "Không tìm thấy đúng cụm từ cần thay thế hoặc bãi bỏ.",
        "The words to substitute or delete were not found exactly.",
    ),
    "words_repeated": (
        "Cụm từ được đính chính xuất hiện nhiều lần trong phạm vi nêu; cần cán bộ xác định chỗ sửa.",
        "The corrected words occur more than once where the correction points; an officer must say which.",
    ),
    "exception_clause": (
        "Câu sửa đổi có ngoại lệ (“trừ …”) cần cán bộ kiểm tra.",
        "The instruction has an exception (“trừ …”) for an officer to check.",
    ),
    "annex_text": (
        "Nội dung phụ lục, biểu mẫu cần cán bộ kiểm tra.",
        "The annex or form's content needs an officer's check.",
    ),
    "date_unclear": (
        "Không xác định được ngày áp dụng của phần sửa đổi này.",
        "The date this change applies from could not be determined.",
    ),
    "heading_only": (
        "Chỉ sửa đổi hoặc bãi bỏ tên của đề mục (điều, mục, chương); cần cán bộ kiểm tra.",
        "Only a heading (of an article, section or chapter) changes or goes; an officer must check.",
    ),
    "target_not_addressable": (
        "Phần được sửa đổi (gạch đầu dòng, cột, dòng của bảng) không có mã điều khoản riêng.",
        "The part changed (a dash item, a column or row of a table) has no provision identifier of its own.",
    ),
    "text_split": (
        "Không tách được nội dung sửa đổi cho từng điều khoản được nêu.",
        "The new text could not be split among the provisions the instruction names.",
    ),
    "conflict_same_day": (
        "Hai văn bản cùng sửa đổi điều khoản này trong cùng một ngày; cần cán bộ xác định thứ tự.",
        "Two documents change this provision on the same day; an officer must set the order.",
    ),
    "target_repealed": (
        "Điều khoản đã bị bãi bỏ trước ngày áp dụng.",
        "The provision was already repealed before the change applies.",
    ),
    "number_exists": (
        "Điều khoản bổ sung trùng số với điều khoản đang có.",
        "The inserted provision's number already exists.",
    ),
    # The applier's own (legal.consolidate): it never applies a text that does not fit the unit it replaces.
    "number_mismatch": (
        "Số hiệu trong nội dung sửa đổi, bổ sung không khớp với điều khoản hoặc vị trí được sửa đổi, bổ sung.",
        "The number printed in the new text does not match the provision, or the place, it is for.",
    ),
    "source_repealed": (
        "Văn bản sửa đổi, bổ sung đã bị bãi bỏ trước khi phần sửa đổi này có hiệu lực nên phần này không có hiệu lực.",
        "The amending document was repealed before this change took effect, so the change never takes effect.",
    ),
}


def reason_text(code: str, lang: str = "vi") -> str:
    """The wording of a reason code in ``lang`` ("vi" or "en"); the code itself when unknown."""
    vi, en = REASONS.get(code, (code, code))
    return en if lang == "en" else vi


@dataclass(frozen=True, slots=True)
class Operation:
    """One change to one provision of one document.

    ``source`` and ``target`` are opaque keys of the amending and the amended documents (the catalogue's ids as
    text; the bench uses file names). ``new_text`` is the quoted block as printed, quotes and the period after the
    closing quote removed. Operations of one source apply in ``seq`` order.
    """

    kind: OperationKind
    target_eid: str
    applies_on: date
    source: str
    seq: int
    target: str = ""
    source_eid: str = ""  # where the instruction sits in the source: "dieu-1/khoan-3/diem-b"
    instruction: str = ""  # the sentence as printed
    source_issued_on: date | None = None
    new_text: str = ""
    anchor_eid: str = ""
    old_words: str = ""
    new_words: str = ""
    except_words: tuple[str, ...] = ()
    scope_eids: tuple[str, ...] = ()
    ends_on: date | None = None  # suspend only
    state: OperationState = "proposed"
    reasons: tuple[str, ...] = ()  # codes of REASONS, for listed operations
    precedence: int = 0  # set by an officer to order two documents' same-day changes to one provision
    # The sources of the corrections (đính chính) of this operation's own act that mended its new_text/new_words
    # (legal.consolidate.correct_sources); its footnote says so.
    corrected_by: tuple[str, ...] = ()
