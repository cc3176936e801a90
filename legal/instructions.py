"""The instruction reader (decision 0018 §2): an amending act's text in, :class:`~legal.operations.Operation` out.

An amending act says what it changes in sentences of a few known forms ("Sửa đổi, bổ sung khoản 2 Điều 5 như
sau:" followed by the quoted new text, "Bãi bỏ Điều 10, Điều 11", "Thay thế cụm từ “X” bằng cụm từ “Y” tại khoản 1
Điều 4", "Bổ sung Điều 15a như sau:", "Sửa Mẫu số 01 thành Mẫu số 31 ban hành kèm theo Thông tư này", …). The
reader walks the operative part (from "Điều 1." to the signature) line by line:

* Every line outside a quoted block is numbered by the act's own structure (Điều → khoản → điểm → dash); that
  position is the operation's ``source_eid`` ("dieu-1/khoan-3/diem-b"; a dash keeps its point's eId).
* A line is an **instruction** when its sentence starts with an instruction verb (sửa đổi, bổ sung, bãi bỏ, thay
  thế, thay, bỏ, đính chính, ngưng hiệu lực …) or is the passive form ("Khoản 1 Điều 11 được sửa đổi, bổ sung như
  sau:"). A verb inside a sentence ("… phải được sửa đổi, bổ sung hoặc ký kết mới") is not an instruction.
* An **umbrella** instruction ("Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số …", "4. Sửa đổi, bổ sung một
  số khoản của Điều 9 như sau:") changes nothing itself: it sets the target document and the enclosing provision
  for the relative instructions under it ("a) Sửa đổi, bổ sung khoản 1 như sau:" is khoản 1 Điều 9).
* A quoted block opens with “ on the line after the instruction and closes on the line where the quotes balance
  again and the line ends with ” plus punctuation; its text (quotes and the period after them removed) is the
  ``new_text``. When one sentence names several units, the block is split at each unit's own number.

Each instruction becomes operations in state ``proposed`` only when the whole sentence is a known form, every
target resolves in the target document's tree as supplied (the tree on the date the act applies), and the quotes
balance; otherwise they are ``listed`` with reason codes (``legal.operations.REASONS``) and as much as was read
(kind, target, eId), so an officer starts from the reading. Nothing is dropped: every instruction line gives
operations, or is an umbrella whose children give them (an umbrella without any gives one listed operation).

Dates: ``applies_on`` is the act's ``effective_from``, except where the act's own final article dates a part
otherwise. A clause that says plainly "Quy định tại khoản 3 Điều 1 của Thông tư này có hiệu lực từ ngày …" moves
those operations (by ``source_eid``) to that date; one that dates only some content of the named parts ("Quy định
liên quan đến … tại các khoản 3, 16 … Điều 1 của Luật này") or that names provisions of the amended document
lists the operations it touches with ``date_unclear``; an exception the reader cannot map lists every operation.

A suspension ("Ngưng hiệu lực khoản 2 Điều 5 … từ ngày … đến hết ngày …") is one ``suspend`` per unit, dated by
its own sentence; "đến hết ngày D" gives the unit back on D + 1, a bare "đến ngày D" (is D suspended?) is listed
``date_unclear``. A correcting act (đính chính) is read by ``legal.corrections`` (:func:`read_act` hands it over);
a correction inside an act that also amends is listed ``unknown_form``.

Annexes and forms are opaque leaves (``phu-luc-ii``, ``mau-so-01``, ``mau-so-01-tkn-cnkd``): the new form's
content sits in the amending act's own annex as flattened tables, so a form or annex replaced one for one by one the
act issues ("Sửa Mẫu số 01 thành Mẫu số 31 ban hành kèm theo Thông tư này") is proposed with the reference as its
text ("Mẫu số 31 ban hành kèm theo Thông tư số 08/2023/TT-BLĐTBXH", the act's number read from its header), and
listed ``annex_text`` when the sentence says less (a form added, another act's form, counts that differ) or
``number_mismatch`` when the new number is another form of the target (a renumbering); repealing one is a plain
``repeal``.

Pure Python: the standard library, ``legal.numbers`` (document numbers: the one number grammar) and
``legal.provisions`` (provision references and eIds: the one provision grammar).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from legal.numbers import find_numbers, key_or_none
from legal.operations import Operation, OperationKind
from legal.provisions import (
    POINT_LETTERS,
    NumberedLine,
    ProvisionError,
    annex_eid,
    article_line,
    clause_line,
    parse_eid,
    point_line,
    provision_eid,
    split_provisions,
)

__all__ = ["Reading", "is_instruction", "operative_lines", "read_act", "read_instructions"]

# --- lines of the operative part ---------------------------------------------------------------------------
# The amending act's *own* numbering at the start of a line ("Điều 2.", "3.", "b)") is read by the line functions
# of legal.provisions, the ones parse_structure reads every text with; references to provisions inside sentences
# go through split_provisions. A dash item ("- Sửa đổi điểm đ …") is no provision in that grammar (nothing can
# address it): only the reader numbers it, as its enclosing point.
_DASH_LINE_RE = re.compile(r"[-–—+]\s+(?P<body>.*)")

_VERB_RE = re.compile(
    r"(?:sửa|bổ sung|bãi bỏ|thay|bỏ|đính chính|ngưng hiệu lực|ngừng hiệu lực|tạm ngưng|hủy bỏ|huỷ bỏ)(?![^\W_])",
    re.IGNORECASE,
)
_PASSIVE_RE = re.compile(
    r"(?:các\s+)?(?:điều|khoản|điểm|tên)\b.*?\bđược\s+(?:sửa đổi|bổ sung|bãi bỏ|thay thế)", re.IGNORECASE
)
# The act ends at its signature: "./." closes the last sentence, a law ends "Luật này được Quốc hội … thông qua",
# and the signer's role lines ("KT. BỘ TRƯỞNG", "TM. CHÍNH PHỦ") follow.
SIGNATURE_RE = re.compile(r"(?:TM|KT|TL|TUQ|Q)\.\s+\S|(?:Luật|Nghị quyết|Bộ luật) này (?:đã )?được Quốc hội")
_OPEN, _CLOSE = "“", "”"

Level = int  # 0 article, 1 clause, 2 point, 3 dash, 4 unmarked line


@dataclass(frozen=True)
class _Line:
    index: int  # position in the operative part
    text: str  # the whole line as printed
    level: Level
    number: str  # "3", "b"; "" for dashes and unmarked lines
    body: str  # the sentence without its number


# Low and reversed double quotes („ ‟, pasted from other typesetting) open a quote as “ does.
def normal_text(text: str) -> str:
    # str.replace, not str.translate: translate with a mapping is ten times slower on long texts.
    text = unicodedata.normalize("NFC", text).replace("\u201e", _OPEN).replace("\u201f", _OPEN)
    return " ".join(text.split())


def operative_lines(text: str) -> list[str]:
    """The operative part of an amending act: from its first "Điều 1." line to the signature (exclusive; a
    line ending in "./." is the last one). Empty when the text has no "Điều 1." line."""
    lines = [normal_text(line) for line in text.splitlines()]
    start = next((i for i, line in enumerate(lines) if _opens_article_1(line)), None)
    if start is None:
        return []
    part: list[str] = []
    depth = 0  # quote depth: a signature-like line inside a quoted block is text
    for line in lines[start:]:
        if not line:
            continue
        if depth == 0 and part and SIGNATURE_RE.match(line):
            break
        part.append(line)
        depth = max(0, depth + line.count(_OPEN) - line.count(_CLOSE))
        if depth == 0 and line.endswith("./."):
            break
    return part


def _opens_article_1(line: str) -> bool:
    article = article_line(line, expected=1)
    return article is not None and article.number == "1"


def _own_number(text: str) -> str | None:
    """The act's number as its header prints it: the first "Số: …" line before the operative part."""
    for line in text.splitlines():
        line = normal_text(line)
        if _opens_article_1(line):
            return None
        header = _OWN_NUMBER_RE.fullmatch(line)
        if header is not None:
            found = find_numbers(header["number"])
            return found[0] if found else None
    return None


def classify_line(index: int, text: str) -> _Line:
    for level, reads in ((0, article_line), (1, clause_line), (2, point_line)):
        numbered = reads(text)
        if numbered is not None:
            return _Line(index, text, level, numbered.number, numbered.rest)
    dash = _DASH_LINE_RE.fullmatch(text)
    if dash:
        return _Line(index, text, 3, "", dash["body"])
    return _Line(index, text, 4, "", text)


def is_instruction(sentence: str) -> bool:
    """Whether a sentence (without its number) is an amending instruction: it starts with an instruction verb,
    or is the passive form ("Khoản 1 Điều 11 được sửa đổi, bổ sung như sau:")."""
    body = sentence.strip()
    return bool(_VERB_RE.match(body) or _PASSIVE_RE.match(body))


# --- results -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """What :func:`read_act` found: the operations in source order, and the umbrella lines (source_eid,
    line) that set the context of others without an operation of their own."""

    operations: tuple[Operation, ...]
    umbrellas: tuple[tuple[str, str], ...]
    instruction_lines: tuple[str, ...]  # every line read as an instruction or umbrella, as printed


@dataclass
class _Target:
    """One unit an instruction acts on, before it becomes an Operation."""

    kind: OperationKind
    eid: str
    anchor: str = ""
    new_text: str = ""
    old_words: str = ""
    new_words: str = ""
    scope: tuple[str, ...] = ()
    reasons: list[str] = field(default_factory=list)
    needs_text: bool = False  # replace / rename / insert take their text from the quoted block
    check: bool = True  # the eId must exist in the tree (False: a new unit's own eId, or a document)
    applies_on: date | None = None  # a date the sentence itself gives (a suspension "từ ngày …"); else the act's
    ends_on: date | None = None  # suspend only: the first day the unit is in force again
    clash_eid: str = ""  # replace_annex only: the replacing form's own number in the target, when it differs


@dataclass
class _Context:
    level: Level
    eid: str
    document: str | None = None  # the target document's number key set by this umbrella
    base: str = ""  # the enclosing provision for relative references, e.g. "Khoản 2 Điều 7"
    root: str = ""  # "quy-dinh" when the umbrella names the attached regulation
    umbrella: str = ""  # the umbrella line, if this line was one
    children: int = 0  # operations read under this umbrella


# --- sentences -------------------------------------------------------------------------------------------------

_DOC_WORDS = (
    r"(?:Thông tư liên tịch|Thông tư liên lịch|Thông tư|Nghị định|Bộ luật|Luật|Quyết định|Nghị quyết|Pháp lệnh)"
)
_DOC_MENTION_RE = re.compile(
    rf"\s*,?\s*(?:của\s+|tại\s+)?(?:các\s+)?(?:{_DOC_WORDS}|Quy định\s+(?:ban hành\s+)?kèm theo)(?![^\W_]).*$",
    re.IGNORECASE,
)
REGULATION_RE = re.compile(r"(?:của\s+)?Quy định\s+(?:ban hành\s+)?kèm theo", re.IGNORECASE)
# "của Quy định" (the document's name, capitalised) without saying which decision issued it.
_BARE_REGULATION_RE = re.compile(r"(?<![^\W_])của\s+Quy định(?![^\W_])")
PAREN_RE = re.compile(r"\([^()]*\)")
_AS_FOLLOWS_RE = re.compile(r"\s*(?:như sau|sau đây)?\s*:?\s*[.;]?\s*$")
_QUOTED_RE = re.compile(r"“([^“”]*)”")
_UMBRELLA_RE = re.compile(
    r"(?:một số|một phần|các văn bản|toàn bộ các|các mẫu|các thông tư|mẫu biểu|từ ngữ)", re.IGNORECASE
)
_SOME_OF_RE = re.compile(
    r"^(?:một số|các)\s+(?:điều|khoản|điểm|nội dung)(?:\s*,\s*(?:điều|khoản|điểm))*\s+(?:của|tại)\s+(?P<base>.+)$",
    re.IGNORECASE,
)
_ANNEX_RE = re.compile(r"(?P<word>Mẫu số|Phụ lục)\s+(?P<num>[0-9A-Za-zĐđ]+(?:[/-][0-9A-Za-zĐđ]+)*)")
_WORDS_RE = r"(?:các\s+)?(?:cụm từ|từ|nội dung)"
_SUBSTITUTE_RE = re.compile(
    rf"^thay(?:\s+thế)?\s+{_WORDS_RE}\s+“(?P<old>[^“”]*)”\s+bằng\s+(?:{_WORDS_RE}\s+)?“(?P<new>[^“”]*)”\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_DELETE_RE = re.compile(
    rf"^(?:bãi\s+)?bỏ\s+(?P<phrases>{_WORDS_RE}\s+“[^“”]*”(?:\s*(?:,|và)\s*{_WORDS_RE}\s+“[^“”]*”)*)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_INSERT_WORDS_RE = re.compile(
    rf"^bổ sung\s+{_WORDS_RE}\s+“(?P<new>[^“”]*)”\s+vào\s+(?P<where>sau|trước)\s+"
    rf"{_WORDS_RE}\s+“(?P<after>[^“”]*)”\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_PLACES_RE = re.compile(r"^(?:quy định\s+)?(?:tại|ở|trong)\s+(?P<places>.*)$", re.IGNORECASE)
_REPLACE_RE = re.compile(r"^sửa đổi(?:\s*,\s*bổ sung)?\s+(?P<refs>.+)$", re.IGNORECASE)
_PASSIVE_REPLACE_RE = re.compile(
    r"^(?P<refs>(?:các\s+)?(?:điều|khoản|điểm)\b.+?)\s+được\s+sửa đổi(?:\s*,\s*bổ sung)?$", re.IGNORECASE
)
_INSERT_RE = re.compile(
    r"^bổ sung\s+(?P<new>.+?)(?:\s+vào\s+(?:(?P<where>sau|trước)\s+(?P<anchor>.+)|(?P<parent>.+)))?$", re.IGNORECASE
)
_REPEAL_RE = re.compile(r"^(?:bãi bỏ|bỏ|hủy bỏ|huỷ bỏ)\s+(?P<refs>.+)$", re.IGNORECASE)
_ANNEX_VERB_RE = re.compile(
    r"^(?P<verb>sửa đổi|sửa|thay thế|thay|bổ sung|bãi bỏ)\s*:?\s+(?P<rest>.*(?:Mẫu số|Phụ lục).*)$", re.IGNORECASE
)
_PROVISION_WORD_RE = re.compile(
    r"(?<![^\W_])(?:chương|mục|phần|điều|khoản|điểm)\s+(?:[0-9]+[a-zđ]?|[ivxlcdm]+)(?![^\W_])", re.IGNORECASE
)
_LAST_ARTICLE_RE = re.compile(r"Điều\s+([0-9]+[a-zđ]?)(?![0-9a-zđ])", re.IGNORECASE)
_INTO_RE = re.compile(r"\s+(thành|bằng)\s+")  # "Sửa Mẫu số 1 thành Mẫu số 28", "Thay thế … tương ứng bằng …"
_HEADING_RE = re.compile(r"^tên\s+(?P<what>.+)$", re.IGNORECASE)
_DASH_TARGET_RE = re.compile(r"gạch đầu dòng|dấu gạch|cột thứ|dòng thứ|bảng", re.IGNORECASE)
_EXCEPT_RE = re.compile(r"(?:,|;)?\s*trừ\s+", re.IGNORECASE)
# "… ban hành kèm theo Thông tư này": the replacing annexes or forms are the act's own.
_OWN_ANNEX_RE = re.compile(rf"(?:ban hành\s+)?kèm theo\s+(?P<word>{_DOC_WORDS})\s+này$", re.IGNORECASE)
# The act's own number in its header: "Số: 08/2023/TT-BLĐTBXH", "Luật số: 51/2024/QH15".
_OWN_NUMBER_RE = re.compile(r"(?:[^\W\d_]+\s+)?số\s*:\s*(?P<number>\S.*)", re.IGNORECASE)
_SUBSENTENCE_RE = re.compile(
    r";\s+(?=(?:sửa|bổ sung|bãi bỏ|thay|bỏ)(?![^\W_]))", re.IGNORECASE
)  # "Bổ sung khoản 1a vào sau khoản 1; sửa đổi, bổ sung khoản 3 Điều 4 như sau:"


def _annex_targets(named: Sequence[re.Match[str]]) -> tuple[list[re.Match[str]], dict[int, str]]:
    """The annexes and forms an instruction changes, and the annex each form is in (by the form's position).

    "Mẫu số 01 Phụ lục XIII, Mẫu số 02 và Mẫu số 03 Phụ lục I": an annex named right after forms is where they are
    (01 in XIII; 02 and 03 in I), not a target; "Phụ lục XII, Mẫu số 02 … Phụ lục XIII" changes annex XII."""
    changing: list[re.Match[str]] = []
    located: dict[int, str] = {}
    waiting: list[re.Match[str]] = []  # forms whose annex is not named yet
    previous: re.Match[str] | None = None
    for found in named:
        # Only an annex printed right after a form locates it: "Mẫu số 05 và Phụ lục II" are two targets.
        adjacent = previous is not None and not found.string[previous.end() : found.start()].strip()
        previous = found
        if found["word"] == "Mẫu số":
            changing.append(found)
            waiting.append(found)
        elif waiting and adjacent:
            located.update((form.start(), found["num"]) for form in waiting)
            waiting = []
        else:
            changing.append(found)
    return changing, located


def _annex_eid(word: str, number: str) -> str:
    """The eId of "Mẫu số 01" / "Phụ lục II" in the one grammar (legal.provisions.annex_eid); a number that
    grammar refuses keeps a plain slug, which parse_eid refuses too, so the operation is listed, not applied."""
    label = f"{'Mẫu số' if word.lower().startswith('mẫu') else 'Phụ lục'} {number}"
    try:
        return annex_eid(label)
    except ProvisionError:
        slug = "-".join(part for part in re.split(r"[/\-.]", number.lower().replace("đ", "dd")) if part)
        return f"{'mau-so' if word.lower().startswith('mẫu') else 'phu-luc'}-{slug}"


def cut_document(phrase: str) -> tuple[str, str]:
    """Split "khoản 2 Điều 15 của Thông tư số 38/2015/TT-… như sau" into the provisions and the document part."""
    phrase = _AS_FOLLOWS_RE.sub("", phrase)
    match = _DOC_MENTION_RE.search(phrase)
    if match is None:
        return phrase.strip(" ,;."), ""
    return phrase[: match.start()].strip(" ,;."), match.group().strip()


def document_key(mention: str) -> str | None:
    """The number key of the document a mention names ("Thông tư số 44/2022/TT-BTC ngày …"), skipping
    parenthetical notes ("(đã được sửa đổi, bổ sung bởi Thông tư số 02/2024/…)") and form numbers."""
    plain = PAREN_RE.sub(" ", mention)
    plain = _ANNEX_RE.sub(" ", plain)
    for number in find_numbers(plain):
        key = key_or_none(number)
        if key is not None:
            return key
    return None


def reference_labels(refs: str, base: str) -> list[str]:
    """Canonical labels of the references in ``refs``; relative ones ("khoản 1", "điểm đ") completed by
    ``base`` (the enclosing instruction's provision). Raises ProvisionError."""
    refs = re.sub(r"\s+trong\s+", " ", refs.strip(" ,;."), flags=re.IGNORECASE)
    refs = re.sub(r"^(?:các|nội dung)\s+", "", refs, flags=re.IGNORECASE)
    refs = re.sub(r"\s+và nội dung\s+", " và ", refs, flags=re.IGNORECASE)
    if base and not re.search(r"(?<![^\W_])điều(?![^\W_])", refs, re.IGNORECASE):
        refs = f"{refs} {base}"
    # The tree is the sentence's ("… của Quy định ban hành kèm theo …", REGULATION_RE): one per instruction.
    return split_provisions(refs, trees=False)


def _parent_label(label: str) -> str:
    """ "Khoản 8 Điều 2" -> "Điều 2"; "Điều 48" -> "" (what encloses a provision, as a label)."""
    words = label.split(" ")
    return " ".join(words[2:])


def _implied_anchor(label: str) -> str | None:
    """The unit a new one follows when the act does not say: "Điều 15a" follows Điều 15, "Điều 15b" Điều 15a,
    "Khoản 9 Điều 2" Khoản 8, "Điểm m …" Điểm l. None for a first unit."""
    words = label.split(" ")
    number = words[1]
    rest = " ".join(words[2:])
    if words[0] == "Điểm":
        rank = POINT_LETTERS.find(number)
        return f"Điểm {POINT_LETTERS[rank - 1]} {rest}".strip() if rank > 0 else None
    digits = number.rstrip(POINT_LETTERS + "fjwz")
    suffix = number[len(digits) :]
    if suffix:
        rank = POINT_LETTERS.find(suffix)
        previous = digits if rank <= 0 else f"{digits}{POINT_LETTERS[rank - 1]}"
    elif int(digits) > 1:
        previous = str(int(digits) - 1)
    else:
        return None
    return f"{words[0]} {previous} {rest}".strip()


_LINE_READERS = {"dieu": article_line, "khoan": clause_line, "diem": point_line}


def _unit_start(eid: str, line: str) -> NumberedLine | None:
    """Whether ``line`` starts the quoted new text of the unit ``eid`` ("Điều 15a. …" / "3. …" / "đ) …", read as
    parse_structure reads it): the line with its number, else None (also for an eId that is no article, clause or
    point)."""
    kind, _, number = eid.rsplit("/", 1)[-1].partition("-")
    reads = _LINE_READERS.get(kind)
    numbered = reads(line) if reads is not None else None
    return numbered if numbered is not None and numbered.number == number.replace("dd", "đ") else None


# --- the tree ------------------------------------------------------------------------------------------------


def _walk(tree: Sequence[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    stack = list(reversed(tree))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.get("children") or []))


@dataclass
class TargetTree:
    """One target document's tree indexed by eId; the text under a unit (for the words forms) and a unit's own
    lead-in (for shared blocks) are built on first use, since most instructions need neither."""

    nodes: dict[str, Mapping[str, Any]]
    _under: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, tree: Sequence[Mapping[str, Any]]) -> TargetTree:
        return cls({str(node["eid"]): node for node in _walk(tree) if node.get("eid")})

    @property
    def eids(self) -> Mapping[str, Any]:
        return self.nodes

    def repealed(self, eid: str) -> bool:
        """Whether the unit is repealed on the tree's date (a consolidated version marks it; a parsed text never)."""
        node = self.nodes.get(eid)
        return node is not None and node.get("status") == "repealed"

    def own(self, eid: str) -> str | None:
        """A unit's own text (a clause's lead-in above its points), without its children's."""
        node = self.nodes.get(eid)
        return None if node is None else normal_text(str(node.get("text") or ""))

    def text_under(self, eid: str) -> str:
        """The heading and text of a unit and of every unit inside it ("" for an unknown eId)."""
        if eid not in self._under:
            node = self.nodes.get(eid)
            pieces = [f"{unit.get('title') or ''} {unit.get('text') or ''}" for unit in _walk([node])] if node else []
            self._under[eid] = normal_text(" ".join(pieces))
        return self._under[eid]

    def whole_text(self) -> str:
        if "" not in self._under:  # "" is no eId: the whole document's text is kept under it
            pieces = (f"{node.get('title') or ''} {node.get('text') or ''}" for node in self.nodes.values())
            self._under[""] = normal_text(" ".join(pieces))
        return self._under[""]


# --- the reader ----------------------------------------------------------------------------------------------


@dataclass
class _Reader:
    source: str
    issued_on: date
    effective_from: date
    trees: dict[str, TargetTree]
    default_target: str | None
    lines: list[_Line] = field(default_factory=list)
    stack: list[_Context] = field(default_factory=list)
    operations: list[Operation] = field(default_factory=list)
    umbrellas: list[tuple[str, str]] = field(default_factory=list)
    instruction_lines: list[str] = field(default_factory=list)
    inserted: dict[str, set[str]] = field(default_factory=dict)  # eIds added by earlier inserts of this act
    own_number: str | None = None  # the act's number as its header prints it
    position: int = 0
    current: _Context | None = None  # the context of the line being read
    document_tree: TargetTree | None = None  # the tree of the instruction being read

    # -- the walk --

    def run(self) -> None:
        while self.position < len(self.lines):
            line = self.lines[self.position]
            self.position += 1
            if line.level == 4 and line.text.startswith(_OPEN):
                inner = classify_line(line.index, line.text[1:].lstrip())
                if inner.level in (1, 2) and is_instruction(inner.body):
                    # 372/2025 prints a list of instructions inside one quoted block ("“a) Thay thế …"): the
                    # outer quote belongs to no phrase.
                    line = _Line(line.index, line.text, inner.level, inner.number, inner.body)
            context = self._enter(line)
            self.current = context
            body = line.body
            if body.endswith(_CLOSE) and body.count(_CLOSE) > body.count(_OPEN):
                body = body[:-1].rstrip()  # the matching close of such a stray quote
            if not is_instruction(body):
                continue
            self.instruction_lines.append(line.text)
            self._read(line, body, context)
        self._close_umbrellas(0)

    def _enter(self, line: _Line) -> _Context:
        """Open the context of ``line`` in the stack (closing deeper ones) and give its source eId."""
        if line.level == 4:
            return _Context(4, self.stack[-1].eid if self.stack else "")
        self._close_umbrellas(line.level)
        parent = self.stack[-1] if self.stack else None
        eid = parent.eid if parent else ""
        try:
            if line.level == 0:
                eid = provision_eid(f"Điều {line.number}")
            elif line.level == 1 and parent is not None:
                eid = f"{self._article_eid()}/khoan-{line.number}"
            elif line.level == 2 and parent is not None:
                eid = f"{parent.eid if parent.level < 2 else eid}/diem-{line.number.replace('đ', 'dd')}"
        except ProvisionError:
            pass
        context = _Context(line.level, eid)
        self.stack.append(context)
        return context

    def _article_eid(self) -> str:
        return next((c.eid for c in self.stack if c.level == 0), "")

    def _close_umbrellas(self, level: Level) -> None:
        while self.stack and self.stack[-1].level >= level:
            closed = self.stack.pop()
            if closed.umbrella and closed.children == 0:
                # An umbrella with nothing under it is an instruction nobody read: list it.
                self._emit(
                    _Target("unknown", "", reasons=["unknown_form"], check=False),
                    closed.eid,
                    closed.umbrella,
                    closed.document,
                )

    def _inherited(self, attribute: str) -> Any:
        for context in reversed(self.stack):
            value = getattr(context, attribute)
            if value:
                return value
        return None

    # -- one instruction --

    def _read(self, line: _Line, body: str, context: _Context) -> None:
        sentence = _AS_FOLLOWS_RE.sub("", body) if body.rstrip().endswith(":") else body.rstrip(" .;")
        parts = _SUBSENTENCE_RE.split(sentence)
        base = self._inherited("base") or ""
        if len(parts) > 1 and not base:
            # "Bổ sung khoản 1a vào sau khoản 1; sửa đổi, bổ sung khoản 3 và khoản 4 Điều 4 như sau:": the article
            # is stated once, in the last part, for all of them.
            last_article = _LAST_ARTICLE_RE.findall(_QUOTED_RE.sub(" ", parts[-1]))
            base = f"Điều {last_article[-1]}" if last_article else ""
        root = self._inherited("root") or ""
        document = self._inherited("document") or self.default_target
        targets: list[_Target] = []
        umbrella: tuple[str | None, str, str] | None = None
        mentioned: str | None = None
        for part in parts:
            part = part.strip(" ,;.")
            read = self._read_part(part, base, root)
            if isinstance(read, _Umbrella):
                umbrella = (read.document, read.base, read.root)
                mentioned = read.document or mentioned
            else:
                found, doc = read
                targets.extend(found)
                mentioned = doc or mentioned
        if umbrella is not None and not targets and line.level == 4:
            # An unmarked line under a heading ("Điều 1." then "Sửa đổi, bổ sung một số điều của Luật … như sau:")
            # is that heading's umbrella: its children are counted there.
            parent = self.stack[-1] if self.stack else None
            if parent is not None:
                parent.umbrella = parent.umbrella or line.text
                parent.document = umbrella[0] or parent.document
                parent.base = umbrella[1] or parent.base
                parent.root = umbrella[2] or parent.root
                self.umbrellas.append((context.eid, line.text))
                return
            self._emit(_Target("unknown", "", reasons=["unknown_form"], check=False), context.eid, line.text, document)
            return
        if umbrella is not None and not targets:
            context.umbrella = line.text
            context.document = umbrella[0]
            context.base = umbrella[1]
            context.root = umbrella[2]
            self.umbrellas.append((context.eid, line.text))
            self._count_child()
            context.children = 0
            return
        document = mentioned or document
        self.document_tree = self.trees.get(document) if document else None
        if any(t.needs_text for t in targets):
            self._attach_text(targets, line)
        for target in targets:
            self._emit(target, context.eid, line.text, document)

    def _count_child(self) -> None:
        for context in self.stack:
            if context is not self.current:
                context.children += 1

    def _emit(self, target: _Target, source_eid: str, instruction: str, document: str | None) -> None:
        reasons = list(dict.fromkeys(target.reasons))
        tree = self.trees.get(document) if document else None
        if target.kind == "repeal_document":
            if not document or (document not in self.trees):
                reasons.append("target_document_unknown")
        elif document is None or tree is None:
            reasons.append("target_document_unknown")
        else:
            added = self.inserted.setdefault(document, set())
            if target.check and target.eid and target.eid not in tree.eids and target.eid not in added:
                reasons.append("target_missing")
            elif target.check and tree.repealed(target.eid) and target.kind != "repeal":
                reasons.append("target_repealed")  # reviving a repealed unit is an officer's decision
            if target.kind in ("insert_after", "insert_before"):
                if target.eid in tree.eids or target.eid in added:
                    reasons.append("number_exists")
                elif target.anchor and target.anchor not in tree.eids and target.anchor not in added:
                    reasons.append("target_missing")
                if not reasons:
                    added.add(target.eid)
            if target.clash_eid and target.clash_eid in tree.eids:
                reasons.append("number_mismatch")  # "Mẫu số 10 … bằng Mẫu số 07" where a Mẫu số 07 exists
            if target.kind in ("substitute_words", "delete_words") and not reasons:
                if not self._words_found(tree, target):
                    reasons.append("words_not_found")
        self._count_child()
        self.operations.append(
            Operation(
                kind=target.kind,
                target_eid=target.eid,
                applies_on=target.applies_on or self.effective_from,
                source=self.source,
                seq=len(self.operations) + 1,
                target=document or "",
                source_eid=source_eid,
                instruction=instruction,
                source_issued_on=self.issued_on,
                new_text=target.new_text,
                anchor_eid=target.anchor,
                old_words=target.old_words,
                new_words=target.new_words,
                scope_eids=target.scope,
                ends_on=target.ends_on,
                state="listed" if reasons else "proposed",
                reasons=tuple(dict.fromkeys(reasons)),
            )
        )

    @staticmethod
    def _words_found(tree: TargetTree, target: _Target) -> bool:
        old = normal_text(target.old_words)
        if not old:
            return False
        if not target.scope:
            return old in tree.whole_text()
        return all(old in tree.text_under(eid) for eid in target.scope)

    # -- sentence forms --

    def _read_part(self, part: str, base: str, root: str) -> _Umbrella | tuple[list[_Target], str | None]:
        if REGULATION_RE.search(part):
            root = "quy-dinh"
        elif _BARE_REGULATION_RE.search(part):
            # "… khoản 1 Điều 3 của Quy định như sau": which regulation, and which of the units named are its?
            return [_Target("unknown", "", reasons=["regulation_unclear"], check=False)], None
        for reader in (self._suspend_form, self._words_form, self._annex_form, self._unit_form):
            read = reader(part, base, root)
            if read is not None:
                return read
        return [_Target("unknown", "", reasons=["unknown_form"], check=False)], None

    def _words_form(self, part: str, base: str, root: str) -> tuple[list[_Target], str | None] | None:
        if _OPEN not in part and _CLOSE not in part:
            return None
        if part.count(_OPEN) != part.count(_CLOSE):
            return [_Target("unknown", "", reasons=["quote_unbalanced"], check=False)], None
        if match := _SUBSTITUTE_RE.match(part):
            pairs = [(match["old"], match["new"])]
            kind: OperationKind = "substitute_words"
            rest = match["rest"]
        elif match := _INSERT_WORDS_RE.match(part):
            after, new = match["after"], match["new"]
            joined = f"{after} {new}" if match["where"].lower() == "sau" else f"{new} {after}"
            pairs, kind, rest = [(after, joined)], "substitute_words", match["rest"]
        elif match := _DELETE_RE.match(part):
            pairs = [(phrase, "") for phrase in _QUOTED_RE.findall(match["phrases"])]
            kind, rest = "delete_words", match["rest"]
        else:
            return None
        reasons: list[str] = []
        if _EXCEPT_RE.search(rest):
            reasons.append("exception_clause")
            rest = _EXCEPT_RE.split(rest, maxsplit=1)[0]
        places = _PLACES_RE.match(rest.strip())
        scope: tuple[str, ...] = ()
        document: str | None = None
        if places is None and rest.strip():
            reasons.append("unknown_form")
        elif places is not None:
            refs, mention = cut_document(places["places"])
            document = document_key(mention) if mention else None
            if _DASH_TARGET_RE.search(refs) or _ANNEX_RE.search(refs):
                reasons.append("annex_text" if _ANNEX_RE.search(refs) else "target_not_addressable")
            elif re.search(r"(?<![^\W_])tên(?![^\W_])", refs, re.IGNORECASE):
                reasons.append("heading_only")
            elif refs:
                try:
                    scope = tuple(provision_eid(label, root=root) for label in reference_labels(refs, base))
                except ProvisionError:
                    reasons.append("unknown_form")
            elif not mention:
                reasons.append("unknown_form")
        targets = [
            _Target(kind, "", old_words=old, new_words=new, scope=scope, reasons=list(reasons), check=False)
            for old, new in pairs
        ]
        return targets, document

    def _annex_form(self, part: str, base: str, root: str) -> tuple[list[_Target], str | None] | None:
        match = _ANNEX_VERB_RE.match(part)
        if match is None or _OPEN in part:
            return None
        verb, rest = match["verb"].lower(), PAREN_RE.sub(" ", match["rest"])
        # What is changed comes before "thành"/"bằng"/"tương ứng"; the rest names the replacement.
        changed, _, replacement = _INTO_RE.split(rest, maxsplit=1) if _INTO_RE.search(rest) else (rest, "", "")
        replacing, replacing_in = _annex_targets(list(_ANNEX_RE.finditer(replacement)))
        replacements = [m.group() for m in replacing]
        own_annex = self._own_annex(replacement)
        changed_plain = PAREN_RE.sub(" ", changed)
        named = list(_ANNEX_RE.finditer(changed_plain))
        if not named:
            return None
        changed_refs, mention = cut_document(_ANNEX_RE.sub(" ", changed_plain))
        document = document_key(mention) if mention else None
        changing, located = _annex_targets(named)
        targets: list[_Target] = []
        for number, found in enumerate(changing):
            eid = _annex_eid(found["word"], found["num"])
            annex = located.get(found.start())
            if annex:
                eid = self._form_in_annex(document, _annex_eid("Phụ lục", annex), eid)
            # The new form is named, not quoted: "thành Mẫu số 28 …", "tương ứng bằng Mẫu số 01, …" (one each, in
            # order); its content is in the act's own annex.
            new = replacements[number] if len(replacements) == len(changing) else replacement
            if verb == "bãi bỏ":
                targets.append(_Target("repeal", eid))
            elif verb == "bổ sung":
                targets.append(
                    _Target("replace_annex", eid, reasons=["annex_text"], check=False, new_text=found.group())
                )
            elif own_annex and len(replacing) == len(changing) and replacing[number]["word"] == found["word"]:
                targets.append(self._annex_by_reference(eid, replacing[number], replacing_in, own_annex))
            else:
                targets.append(_Target("replace_annex", eid, reasons=["annex_text"], new_text=new))
        leftover = re.sub(r"(?:^|\s)(?:và|,|các|của|ban hành kèm theo|kèm theo)(?=\s|$)", " ", changed_refs)
        # Words left beside the annexes ("theo danh mục mẫu biểu", "quy định về …") name nothing, unless they hold
        # a provision (a repeal of "Chương II và Mẫu số 01").
        if _PROVISION_WORD_RE.search(leftover):
            if verb != "bãi bỏ":
                return None
            try:
                repealed = [provision_eid(label, root=root) for label in reference_labels(leftover, base)]
            except ProvisionError:
                return None
            targets = [_Target("repeal", eid) for eid in repealed] + targets
        return targets, document

    def _own_annex(self, replacement: str) -> str | None:
        """ "Thông tư số 08/2023/TT-BLĐTBXH" when the replacing annexes or forms are the act's own ("… ban hành kèm
        theo Thông tư này", the act's number read from its header); None otherwise."""
        own = _OWN_ANNEX_RE.search(replacement.strip(" ,;."))
        return f"{own['word']} số {self.own_number}" if own and self.own_number else None

    @staticmethod
    def _annex_by_reference(
        eid: str, replacing: re.Match[str], replacing_in: Mapping[int, str], own_annex: str
    ) -> _Target:
        """A form or annex replaced by one of the act's own (decision 0018: opaque leaves): its text becomes the
        reference to the new one, "Mẫu số 31 ban hành kèm theo Thông tư số 08/2023/TT-BLĐTBXH", as the act names
        it; the table itself stays in the act. The new one keeps the old one's place and number (a VBHN prints
        "Mẫu số 01" with the new content and a footnote), unless its own number is that of another form or annex
        of the target: then the act renumbers them, which a leaf's text cannot say (``clash_eid``)."""
        annex = replacing_in.get(replacing.start())
        label = f"{replacing.group()} Phụ lục {annex}" if annex else replacing.group()
        parent, _, _ = eid.rpartition("/")
        own_step = _annex_eid(replacing["word"], replacing["num"])
        as_numbered = f"{parent}/{own_step}" if parent else own_step
        return _Target(
            "replace_annex",
            eid,
            new_text=f"{label} ban hành kèm theo {own_annex}",
            clash_eid=as_numbered if as_numbered != eid else "",
        )

    def _form_in_annex(self, document: str | None, annex_eid: str, form_eid: str) -> str:
        """A form named with its annex ("Mẫu số 01 Phụ lục XIII") is "phu-luc-xiii/mau-so-01" where the annex
        restarts the numbering of forms, else the document's one "mau-so-01"; the tree tells which."""
        tree = self.trees.get(document) if document else None
        nested = f"{annex_eid}/{form_eid}"
        if tree is not None and nested in tree.eids:
            return nested
        return form_eid

    def _suspend_form(self, part: str, base: str, root: str) -> tuple[list[_Target], str | None] | None:
        """ "Ngưng hiệu lực khoản 2 Điều 5 của Quyết định số … từ ngày … đến hết ngày …": one suspension per unit.

        "đến hết ngày D" gives the unit back on D + 1; a bare "đến ngày D" could be read either way: listed."""
        match = _SUSPEND_RE.match(part)
        if match is None:
            return None
        rest, reasons = match["rest"], []
        starts = _DATE_RE.search(rest[rest.find("từ ngày") :]) if "từ ngày" in rest else None
        until = _UNTIL_RE.search(rest)
        ends_on = None
        if until is not None:
            last = _date_of(until.group())
            if last is None or not until["through"]:
                reasons.append("date_unclear")
            ends_on = last + timedelta(days=1) if last is not None and until["through"] else last
        plain = _UNTIL_RE.sub(
            " ", re.sub(r"\s*từ\s+ngày\s+[0-9]{1,2}\s+tháng\s+[0-9]{1,2}\s+năm\s+[0-9]{4}", " ", rest)
        )
        refs, mention = cut_document(plain)
        document = document_key(mention) if mention else None
        begins = _date_of(starts.group()) if starts else None
        try:
            labels = reference_labels(refs, base) if refs.strip() else []
        except ProvisionError:
            labels = []
        if not labels:
            # A whole act suspended, or references the grammar cannot read: the applier suspends units only.
            return [_Target("suspend", "", reasons=["unknown_form"], check=False)], document
        return [
            _Target(
                "suspend", provision_eid(label, root=root), reasons=list(reasons), applies_on=begins, ends_on=ends_on
            )
            for label in labels
        ], document

    def _unit_form(self, part: str, base: str, root: str) -> _Umbrella | tuple[list[_Target], str | None] | None:
        refs_part, mention = cut_document(part)
        document = document_key(mention) if mention else None
        if _DASH_TARGET_RE.search(refs_part):
            return [_Target("unknown", "", reasons=["target_not_addressable"], check=False, needs_text=True)], document
        lowered = refs_part.lower()
        if mention and re.fullmatch(r"(?:sửa đổi|bổ sung|thay thế|sửa đổi, bổ sung)", lowered):
            return _Umbrella(document, base, root)  # "Điều 2. Sửa đổi, bổ sung Luật … số 30/2023/QH15"
        if mention and re.fullmatch(r"(?:bãi bỏ|hủy bỏ|huỷ bỏ)(?:\s+toàn bộ)?", lowered):
            return [_Target("repeal_document", "", check=False)], document  # "Bãi bỏ Thông tư số 02/2024/…"
        if _UMBRELLA_RE.search(refs_part) and not re.search(r"[0-9]", refs_part):
            return _Umbrella(document, base, root)  # "Bổ sung, thay thế, bãi bỏ một số từ, cụm từ, điểm, khoản"
        if match := _REPLACE_RE.match(refs_part) or _PASSIVE_REPLACE_RE.match(refs_part):
            return self._replace(match["refs"], base, root, document, mention)
        if lowered.startswith("bổ sung"):
            return self._insert(refs_part, base, root, document, mention)
        if match := _REPEAL_RE.match(refs_part):
            return self._repeal(match["refs"], base, root, document, mention)
        if lowered.startswith(("thay", "sửa", "bãi bỏ")) and (
            _UMBRELLA_RE.search(refs_part) or not refs_part[4:].strip()
        ):
            return _Umbrella(document, base, root)
        return None

    def _umbrella_or_none(
        self, refs: str, base: str, root: str, document: str | None, mention: str
    ) -> _Umbrella | None:
        some = _SOME_OF_RE.match(refs.strip())
        if some:
            try:
                new_base = reference_labels(some["base"], base)
            except ProvisionError:
                return _Umbrella(document, base, root)
            return _Umbrella(document, new_base[0] if len(new_base) == 1 else base, root)
        if _UMBRELLA_RE.search(refs) or (not refs.strip() and mention):
            return _Umbrella(document, base, root)
        return None

    def _replace(self, refs: str, base: str, root: str, document: str | None, mention: str) -> Any:
        umbrella = self._umbrella_or_none(refs, base, root, document, mention)
        if umbrella is not None:
            return umbrella
        targets: list[_Target] = []
        heading = _HEADING_RE.match(refs.strip())
        renamed: list[str] = []
        if heading:
            what = heading["what"]
            # "tên Điều 9 và nội dung khoản 1, khoản 2 Điều 9", "tên Điều và khoản 7 Điều 39", "tên Điều 5, …"
            split = re.match(
                r"(?P<name>.+?)\s+và\s+(?:nội dung\s+)?(?P<rest>(?:các\s+)?(?:khoản|điểm).+)$", what, re.IGNORECASE
            )
            name_refs, refs = (split["name"], split["rest"]) if split else (what, "")
            try:
                if name_refs.strip().lower() in ("điều", "chương", "mục"):
                    rest_labels = reference_labels(refs, base)
                    article = next(label for label in rest_labels if "Điều" in label)
                    renamed = [f"Điều {article.split('Điều ')[1].split(' ')[0]}"]
                else:
                    renamed = reference_labels(name_refs, base)
            except (ProvisionError, StopIteration):
                return [_Target("rename", "", reasons=["unknown_form"], check=False, needs_text=True)], document
            targets.extend(_Target("rename", provision_eid(label, root=root), needs_text=True) for label in renamed)
            if not refs:
                return targets, document
        try:
            labels = reference_labels(refs, base)
        except ProvisionError:
            reason = (
                "relative_target_ambiguous" if not base and re.search(r"khoản|điểm", refs, re.I) else "unknown_form"
            )
            return [*targets, _Target("replace", "", reasons=[reason], check=False, needs_text=True)], document
        targets.extend(_Target("replace", provision_eid(label, root=root), needs_text=True) for label in labels)
        return targets, document

    def _insert(self, phrase: str, base: str, root: str, document: str | None, mention: str) -> Any:
        match = _INSERT_RE.match(phrase)
        if match is None:
            return None
        new_refs = match["new"]
        if _UMBRELLA_RE.search(new_refs):
            return _Umbrella(document, base, root)
        try:
            if match["anchor"]:
                anchor_label = reference_labels(match["anchor"], base)[0]
                enclosing = _parent_label(anchor_label)
                labels = reference_labels(new_refs, enclosing)
            else:
                enclosing = reference_labels(match["parent"], base)[0] if match["parent"] else base
                labels = reference_labels(new_refs, enclosing if match["parent"] else base)
                anchor_label = ""
        except ProvisionError:
            return [_Target("insert_after", "", reasons=["unknown_form"], check=False, needs_text=True)], document
        kind: OperationKind = "insert_before" if (match["where"] or "").lower() == "trước" else "insert_after"
        targets: list[_Target] = []
        previous = anchor_label
        for label in labels:
            reasons: list[str] = []
            anchor = previous if (match["anchor"] and previous) else _implied_anchor(label)
            if anchor is None:
                reasons.append("target_missing")
            eid = provision_eid(label, root=root)
            anchor_eid = provision_eid(anchor, root=root) if anchor else ""
            targets.append(_Target(kind, eid, anchor=anchor_eid, reasons=reasons, needs_text=True, check=False))
            previous = label  # "Điều 48a và Điều 48b vào sau Điều 48": 48b follows 48a
        return targets, document

    def _repeal(self, refs: str, base: str, root: str, document: str | None, mention: str) -> Any:
        stripped = refs.strip()
        if re.match(r"(?:toàn bộ)?\s*$", stripped, re.IGNORECASE) and mention:
            return [_Target("repeal_document", "", check=False)], document
        if re.match(r"(?:một phần|các văn bản|một số)", stripped, re.IGNORECASE):
            return _Umbrella(document, base, root)
        heading = _HEADING_RE.match(stripped)
        try:
            labels = reference_labels(heading["what"] if heading else stripped, base)
        except ProvisionError:
            return [_Target("repeal", "", reasons=["unknown_form"], check=False)], document
        if heading:
            # Repealing only a heading ("Bãi bỏ tên Mục 1 … trong Chương III") keeps the units under it; the
            # applier has no kind for a heading that disappears: listed for an officer.
            return [
                _Target("rename", provision_eid(label, root=root), reasons=["heading_only"]) for label in labels
            ], document
        return [_Target("repeal", provision_eid(label, root=root)) for label in labels], document

    # -- quoted text --

    def _attach_text(self, targets: list[_Target], line: _Line) -> None:
        block, balanced = self._take_block()
        wanting = [t for t in targets if t.needs_text]
        if block is None:  # no quoted text at all: not a quotation gone wrong, a text that is not there
            for target in wanting:
                target.reasons.append("new_text_missing")
            return
        if not balanced:
            for target in wanting:
                target.reasons.append("quote_unbalanced")
        if len(wanting) == 1:
            wanting[0].new_text = "\n".join(block)
            return
        self._split_block(wanting, block)

    def _take_block(self) -> tuple[list[str] | None, bool]:
        """The quoted block after an instruction: (its lines without the outer quotes, balanced?), or (None,
        False) when none follows. Also reads a list of quoted items ("a) “Điều 5. …”;" …)."""
        if self.position >= len(self.lines):
            return None, False
        first = self.lines[self.position]
        if first.text.startswith(_OPEN):
            return self._quoted_block()
        items: list[str] = []
        while self.position < len(self.lines):
            item = self.lines[self.position]
            if item.level != 2 or not item.body.startswith(_OPEN):
                break
            text, ok = _unquote([item.body])
            if not ok:
                return [text], False
            items.append(text)
            self.position += 1
        return (items, True) if items else (None, False)

    def _quoted_block(self) -> tuple[list[str], bool]:
        start = self.position
        depth = 0
        for index in range(start, len(self.lines)):
            text = self.lines[index].text
            depth += text.count(_OPEN) - text.count(_CLOSE)
            if depth <= 0 and re.search(rf"{_CLOSE}\s*[.;,]?$", text):
                self.position = index + 1
                body, ok = _unquote([line.text for line in self.lines[start : index + 1]])
                return body.split("\n"), ok and depth == 0
        # Never closed: take the first line alone rather than swallow the rest of the act.
        self.position = start + 1
        return [self.lines[start].text.lstrip(_OPEN)], False

    def _split_block(self, targets: list[_Target], block: list[str]) -> None:
        """Give each target its part of a block that holds several units, split at each unit's number (a rename
        takes only its heading line)."""
        starts: list[int] = []
        cursor = 0
        for target in targets:
            starts_here = (i for i in range(cursor, len(block)) if target.eid and _unit_start(target.eid, block[i]))
            found = next(starts_here, None)
            if found is None:
                target.reasons.append("text_split")
                starts.append(-1)
                continue
            starts.append(found)
            cursor = found + 1
        ordered = sorted(s for s in starts if s >= 0)
        for target, start in zip(targets, starts, strict=True):
            if start < 0:
                continue
            if target.kind == "rename":
                target.new_text = block[start]
                continue
            following = [s for s in ordered if s > start]
            end = following[0] if following else len(block)
            target.new_text = "\n".join(block[start:end])
        first = min(ordered) if ordered else 0
        if first > 0 and not self._repeats_lead_in(targets, block[:first]):
            # Lines before the first unit belong to no target: an officer checks them.
            for target in targets:
                target.reasons.append("text_split")

    def _repeats_lead_in(self, targets: Sequence[_Target], prefix: Sequence[str]) -> bool:
        """Whether ``prefix`` is only the enclosing clause's own lead-in, repeated as printed above its amended
        points ("“2. Giấy tờ chứng minh …:" before "a) …"): then it changes nothing and belongs to no target."""
        if len(prefix) != 1 or self.document_tree is None:
            return False
        parents = {t.eid.rsplit("/", 1)[0] for t in targets if "/diem-" in t.eid}
        for parent in parents:
            start = _unit_start(parent, prefix[0])
            own = self.document_tree.own(parent)
            if start is not None and own is not None and normal_text(start.rest) == own:
                return True
        return False


@dataclass(frozen=True)
class _Umbrella:
    document: str | None
    base: str
    root: str


def _unquote(lines: Sequence[str]) -> tuple[str, bool]:
    """The block's text without the opening quote and the closing quote with its punctuation."""
    text = "\n".join(lines)
    ok = text.startswith(_OPEN)
    text = text[1:] if ok else text
    match = re.search(rf"{_CLOSE}\s*[.;,]?\s*$", text)
    if match:
        text = text[: match.start()]
    else:
        ok = False
    return text.strip(), ok


# --- dates -------------------------------------------------------------------------------------------------

_SUSPEND_RE = re.compile(r"^(?:tạm\s+)?(?:ngưng|ngừng)\s+hiệu lực(?:\s+thi hành)?\s+(?P<rest>.+)$", re.IGNORECASE)
_UNTIL_RE = re.compile(
    r"\s*(?:cho\s+)?đến\s+(?P<through>hết\s+)?ngày\s+[0-9]{1,2}\s+tháng\s+[0-9]{1,2}\s+năm\s+[0-9]{4}", re.IGNORECASE
)
_DATE_RE = re.compile(r"ngày\s+([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4})")
_IN_FORCE_RE = re.compile(r"có hiệu lực(?: thi hành)?(?: kể)? từ ngày", re.IGNORECASE)
_EXCEPTION_RE = re.compile(
    r"trừ\s+(?:trường hợp\s+)?(?:các\s+)?(?:quy định\s+)?tại\s+(?P<refs>.+?)\s+Điều này", re.IGNORECASE
)


def _date_of(text: str) -> date | None:
    match = _DATE_RE.search(text)
    if match is None:
        return None
    try:
        return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


def _apply_dates(operations: list[Operation], lines: Sequence[_Line]) -> list[Operation]:
    """Move or list the operations that the act's date clauses date otherwise (decision 0018, Dates)."""
    reader_lines = _numbered(lines)
    changes: dict[int, date | None] = {}  # seq -> (date, or None for date_unclear)
    for eid, text in reader_lines:
        if not _IN_FORCE_RE.search(text):
            continue
        exception = _EXCEPTION_RE.search(text)
        if exception is None:
            continue
        article = eid.split("/", 1)[0]
        try:
            excepted = [
                provision_eid(label)
                for label in split_provisions(f"{exception['refs']} {_label_of(article)}", trees=False)
            ]
        except ProvisionError:
            excepted = []
        for excepted_eid in excepted or [""]:
            clause = next((t for e, t in reader_lines if e == excepted_eid), None)
            for seq, change in _date_clause(operations, clause).items():
                changes.setdefault(seq, change)
    if not changes:
        return operations
    dated: list[Operation] = []
    for op in operations:
        if op.seq not in changes:
            dated.append(op)
            continue
        when = changes[op.seq]
        if when is None:
            reasons = tuple(dict.fromkeys([*op.reasons, "date_unclear"]))
            dated.append(_with(op, state="listed", reasons=reasons))
        else:
            dated.append(_with(op, applies_on=when))
    return dated


# A clause or point number, whole: a digit run (with a letter) or one letter. Whole words only, so that the
# repetitions below cannot split "khoản" into letters and backtrack (hostile lists stay linear).
_NUM = r"(?:[0-9]+[a-zđ]?|[a-zđ])(?![^\W_])"
_OWN_REF_RE = re.compile(
    rf"(?P<refs>(?:(?:các\s+)?(?:khoản|điểm)\s+{_NUM}(?:\s*(?:,|và)\s*(?:(?:khoản|điểm)\s+)?{_NUM})*\s+)?"
    rf"Điều\s+[0-9]+[a-zđ]?)\s+của\s+{_DOC_WORDS}\s+này",
    re.IGNORECASE,
)
_NAMED_REFS_RE = re.compile(rf"(?:các\s+)?(?:(?:khoản|điểm|Điều)\s+{_NUM}[,\s]*(?:và\s+)?)+", re.IGNORECASE)
_PLAIN_DATE_RE = re.compile(
    rf"(?:(?:các\s+)?quy định\s+tại\s+)?(?P<refs>.+?)\s+của\s+{_DOC_WORDS}\s+này\s+có hiệu lực(?: thi hành)?(?: kể)?"
    r"\s+từ\s+ngày\s+[0-9]{1,2}\s+tháng\s+[0-9]{1,2}\s+năm\s+[0-9]{4}\s*(?:\./\.|[.;])?",
    re.IGNORECASE,
)


_OF_THIS_ACT_RE = re.compile(rf"\s+của\s+{_DOC_WORDS}\s+này", re.IGNORECASE)
_REFS_WINDOW = 600  # characters before "của Luật này" in which its references are looked for


def _own_refs(clause: str) -> list[re.Match[str]]:
    """The references to this act's own provisions ("khoản 3 Điều 1 của Luật này") in a clause. Each is looked
    for only in a bounded window before its "của … này", so a hostile list of references stays linear."""
    found: list[re.Match[str]] = []
    for anchor in _OF_THIS_ACT_RE.finditer(clause):
        start = max(0, anchor.start() - _REFS_WINDOW)
        match = next(_OWN_REF_RE.finditer(clause, start, anchor.end()), None)
        if match is not None and match.end() == anchor.end():
            found.append(match)
    return found


def _date_clause(operations: Sequence[Operation], clause: str | None) -> dict[int, date | None]:
    """The operations a dated exception clause touches: seq -> (its date, or None when it is unclear)."""
    everything: dict[int, date | None] = {op.seq: None for op in operations if op.kind != "unknown"}
    if clause is None:
        return everything
    own = _own_refs(clause)
    if own:
        eids: list[str] = []
        for match in own:
            try:
                eids.extend(provision_eid(label) for label in split_provisions(match["refs"], trees=False))
            except ProvisionError:
                return everything
        # Only "Quy định tại khoản 3 Điều 1 của Thông tư này có hiệu lực từ ngày …" dates those parts plainly;
        # "Quy định liên quan đến … tại …" or "… trừ …" dates only some of their content: an officer decides.
        plain = _PLAIN_DATE_RE.fullmatch(clause.strip())
        plain_refs = plain is not None and len(own) == 1 and plain["refs"].strip() == own[0]["refs"].strip()
        when = _date_of(clause) if plain_refs else None
        touched: dict[int, date | None] = {
            op.seq: when
            for op in operations
            if any(op.source_eid == eid or op.source_eid.startswith(eid + "/") for eid in eids)
        }
        return touched or everything
    # The clause names provisions of the amended document ("… theo quy định tại các Điều 10, Điều 11 … Thông tư
    # số 44/2022/TT-BTC"): the operations on those provisions keep applying in some cases; an officer dates them.
    named: set[str] = set()
    for match in _NAMED_REFS_RE.finditer(clause):
        try:
            named.update(provision_eid(label) for label in split_provisions(match.group().strip(" ,"), trees=False))
        except ProvisionError:
            continue
    touched_words: dict[int, date | None] = {
        op.seq: None for op in operations if op.target_eid in named or any(eid in named for eid in op.scope_eids)
    }
    return touched_words or everything


def _label_of(eid: str) -> str:
    try:
        return parse_eid(eid)[1]
    except ProvisionError:
        return ""


def _numbered(lines: Sequence[_Line]) -> list[tuple[str, str]]:
    """(source eId, text) of every line outside quoted blocks, for the date clauses."""
    result: list[tuple[str, str]] = []
    article = clause = ""
    depth = 0
    for line in lines:
        inside = depth > 0
        depth = max(0, depth + line.text.count(_OPEN) - line.text.count(_CLOSE))
        if inside or line.text.startswith(_OPEN):
            continue
        if line.level == 0:
            article, clause = f"dieu-{line.number}", ""
            eid = article
        elif line.level == 1 and article:
            clause = f"{article}/khoan-{line.number}"
            eid = clause
        else:
            eid = clause or article
        result.append((eid, line.body))
    return result


def _with(op: Operation, **changes: Any) -> Operation:
    return replace(op, **changes)


# --- entry points ----------------------------------------------------------------------------------------------


def read_act(
    text: str,
    *,
    source: str,
    issued_on: date,
    effective_from: date,
    targets: Mapping[str, Sequence[Mapping[str, Any]]],
    default_target: str | None = None,
    target_dates: Mapping[str, date] | None = None,
) -> Reading:
    """Read an amending act's text into operations (see the module docstring).

    ``targets`` maps a target document's number (any spelling ``legal.numbers`` reads) to its structure tree on
    the date the act applies (``parse_structure`` output, ``eid`` on every node); ``default_target`` is the
    number of the document the act amends when a sentence names none ("… một số điều của Luật Bảo hiểm y tế").
    ``target_dates`` maps a target's number to its own date (effective, else issued): a correction applies from it.
    Never raises on any text: what it cannot read is listed.
    """
    # A correcting act (đính chính) has its own sentence forms and dates: legal.corrections reads it with this
    # module's target resolution (imported here, since it imports this module).
    from legal import corrections

    if corrections.is_correcting_act(text):
        return corrections.read_correcting_act(
            text,
            source=source,
            issued_on=issued_on,
            effective_from=effective_from,
            targets=targets,
            target_dates=target_dates,
            default_target=default_target,
        )
    trees = {key: TargetTree.of(tree) for number, tree in targets.items() if (key := key_or_none(number)) is not None}
    reader = _Reader(
        source=source,
        issued_on=issued_on,
        effective_from=effective_from,
        trees=trees,
        default_target=key_or_none(default_target) if default_target else None,
        lines=[classify_line(i, line) for i, line in enumerate(operative_lines(text))],
        own_number=_own_number(text),
    )
    reader.run()
    operations = _apply_dates(reader.operations, reader.lines)
    return Reading(tuple(operations), tuple(reader.umbrellas), tuple(reader.instruction_lines))


def read_instructions(
    text: str,
    *,
    source: str,
    issued_on: date,
    effective_from: date,
    targets: Mapping[str, Sequence[Mapping[str, Any]]],
    default_target: str | None = None,
    target_dates: Mapping[str, date] | None = None,
) -> list[Operation]:
    """The operations of :func:`read_act`, in source order."""
    reading = read_act(
        text,
        source=source,
        issued_on=issued_on,
        effective_from=effective_from,
        targets=targets,
        default_target=default_target,
        target_dates=target_dates,
    )
    return list(reading.operations)
