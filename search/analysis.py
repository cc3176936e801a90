r"""Vietnamese text analysis for search: every token either engine sees is made here, in Python.

Both engines index *pre-analysed* strings: whitespace-separated tokens, indexed with a plain whitespace tokenizer
(no lower-casing, no folding, no stemming on the engine side). Queries are analysed by the same functions. That
is how tantivy and Elasticsearch end up with identical terms, and so with the same matching behaviour.

Syllables are the runs of letters and digits (``[^\W_]+``) of ``nfc(text).lower()``, longer ones than
:data:`MAX_TOKEN_CHARS` dropped; each is folded with :func:`fold`. Each text (title, body) gives two fields:

- ``title`` / ``body``: the folded syllables, lower case, diacritics stripped, ``đ`` -> ``d``
  (``quyet dinh dat dai``), in order: phrase queries run on these, so they are indexed with positions;
- ``title_x`` / ``body_x`` (term frequencies only), two kinds of token that never collide:
  adjacent pairs of folded syllables joined by ``_`` (``quyet_dinh dinh_dat dat_dai``; punctuation between them
  does not matter, a dropped too-long token neither; stop words included, as "quyền của" or "là gì" also say
  something: measured on ALQAC, bench/relevance.py): they reward documents where a query's syllables are next to
  each other, which is how two-syllable Vietnamese words ("đất đai", "lệ phí") rank;
  and the exact syllables, lower case *with* diacritics, only those written with a non-ASCII letter (``quyết
  định đất``): a query typed with diacritics gets a bonus for exact matches. (Pairs contain ``_``, exact syllables
  a non-ASCII letter; a folded syllable of Vietnamese text has neither.)

Number fields hold tokens made by :func:`number_tokens` (see there).

Character mapping: :func:`fold` and :func:`lower` map every character of their input to exactly one character,
so on NFC text ``fold(text)[i]`` corresponds to ``text[i]`` and an offset found in the folded text is an offset in
the original (the highlighter relies on this). Callers normalise to NFC first (:func:`nfc`); on decomposed (NFD)
input the mapping is still 1:1 but combining marks stay where they are and split words.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from legal import numbers
from legal.numbers import PUNCT_REPAIR, SYMBOL_PATTERN, YEAR_MAX, YEAR_MIN, clean_number, find_number_keys, key_or_none
from search.types import IndexedDocument

__all__ = [
    "MAX_PREFIX_CHARS",
    "MAX_TOKEN_CHARS",
    "MIN_PREFIX_CHARS",
    "PAIR_JOINER",
    "STOPWORDS",
    "TEXT_FIELDS",
    "AnalysedText",
    "QueryNumber",
    "analyse_document",
    "analyse_text",
    "date_key",
    "document_body",
    "find_query_numbers",
    "fingerprint",
    "fold",
    "fold_token",
    "is_number_start",
    "is_stopword",
    "issued_year_token",
    "lower",
    "nfc",
    "number_prefix",
    "number_tokens",
    "pairs",
    "syllable_forms",
    "syllables",
    "title_prefixes",
    "unique",
]

# Syllables longer than this are dropped (base64 blobs, URLs glued together...). Elasticsearch's whitespace
# tokenizer splits tokens longer than its max_token_length (255): we stay far below it, pairs included.
MAX_TOKEN_CHARS = 40
PAIR_JOINER = "_"

# The text fields of analyse_document and whether the engines must index positions (phrase queries) or only term
# frequencies. All are indexed with a plain whitespace tokenizer and BM25 (k1=1.2, b=0.75).
TEXT_FIELDS = {
    "title": "positions",
    "title_x": "freqs",
    "body": "positions",
    "body_x": "freqs",
    "num": "freqs",
    "title_prefix": "freqs",
    "number_prefix": "freqs",
    "ref": "freqs",
}

# A syllable: letters and digits (no underscore: the pair joiner).
_SYLLABLE_RE = re.compile(r"[^\W_]+")

# --- character folding ---------------------------------------------------------------------------------------


def _fold_char(ch: str) -> str:
    if ch in numbers.D_LOOKALIKES:  # NFD does not decompose them
        return "d"
    low = ch.lower()
    if len(low) != 1:  # "İ".lower() is two characters: keep 1:1
        low = ch
    base = "".join(c for c in unicodedata.normalize("NFD", low) if not unicodedata.combining(c))
    if len(base) != 1:
        return low
    return base.lower() if len(base.lower()) == 1 else base


def _lower_char(ch: str) -> str:
    low = ch.lower()
    return low if len(low) == 1 else ch


class _CharTable(dict[int, int]):
    """A str.translate table filled on first use of each character (1:1 by construction)."""

    def __init__(self, func: Any) -> None:
        super().__init__()
        self._func = func

    def __missing__(self, code: int) -> int:
        value = ord(self._func(chr(code)))
        self[code] = value
        return value


_FOLD_TABLE = _CharTable(_fold_char)
_LOWER_TABLE = _CharTable(_lower_char)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower case, without diacritics, đ (and its look-alikes Ð ð Ɖ ɖ) -> d. One output character per input one."""
    return text.translate(_FOLD_TABLE)


def lower(text: str) -> str:
    """Lower case, one output character per input one (characters whose lower case is longer stay as they are)."""
    return text.translate(_LOWER_TABLE)


# --- syllables and pairs -------------------------------------------------------------------------------------
#
# Documents are long and an index build analyses a hundred thousand of them, so this part works on tokens: the
# text is lower-cased (str.lower), split into syllables by one regex, and each distinct syllable is folded once
# (a cache: Vietnamese has a few thousand syllables). Queries go through the same functions.


class _TokenFolds(dict[str, str]):
    """syllable -> folded syllable, filled on first use (bounded)."""

    def __missing__(self, token: str) -> str:
        if len(self) > 500_000:
            self.clear()
        folded = token.translate(_FOLD_TABLE)
        self[token] = folded
        return folded


_TOKEN_FOLDS = _TokenFolds()
fold_token = _TOKEN_FOLDS.__getitem__


def _words(text: str) -> list[str]:
    """Lower-case syllables of ``text`` (NFC first), too-long ones dropped."""
    words: list[str] = _SYLLABLE_RE.findall(nfc(text).lower())
    if words and max(map(len, words)) > MAX_TOKEN_CHARS:  # rare
        words = [w for w in words if len(w) <= MAX_TOKEN_CHARS]
    return words


def syllable_forms(text: str) -> list[tuple[str, str]]:
    """(exact, folded) for every syllable of ``text``, in order: exact is lower case as written."""
    words = _words(text)
    return list(zip(words, map(fold_token, words), strict=True))


def syllables(text: str) -> list[str]:
    """The folded syllables of ``text``, in order."""
    return list(map(fold_token, _words(text)))


def pairs(tokens: list[str]) -> list[str]:
    """Adjacent pairs of ``tokens``: ``["dat", "dai"]`` -> ``["dat_dai"]``."""
    return list(map(PAIR_JOINER.join, itertools.pairwise(tokens)))


@dataclass(frozen=True)
class AnalysedText:
    """The index strings of one text (space-separated tokens)."""

    folded: str  # every syllable, folded, in order: the positional field (phrases run on it)
    pairs: str  # adjacent folded pairs ("dat_dai")
    exact: str  # the lower-case syllables written with a non-ASCII letter, as written ("đất")

    @property
    def extra(self) -> str:
        """The ``*_x`` field: pairs then exact syllables (no positions needed)."""
        return f"{self.pairs} {self.exact}" if self.pairs and self.exact else self.pairs or self.exact


# Function words, as written (with diacritics). Long queries (pasted sentences, questions) and "more like this"
# drop them; a short keyword query keeps them as terms. Folded Vietnamese is ambiguous ("cua" is của "of" but also
# cửa "gate", "thi" is thì but also thi "execute"), so in a query typed without any diacritic a word is a stop word
# only if its folded form is in the short unambiguous list below.
STOPWORDS = frozenset(
    """
    ạ ai anh bị bởi cả các cái chị chỉ cho có của cũng cần đã đang đâu để đến đều đó được em gì giúp hay hãy họ
    hoặc hỏi khi không là làm lại mà mình muốn này nào nếu nên nhé như những nhưng nó ơi ở phải ra rằng rồi sao
    sẽ tại theo thế thể thì thưa tôi trên trong từ vậy vào về vì với xin
    """.split()
)
_FOLDED_STOPWORDS = frozenset("ai cac chi duoc gi khong la nao neu nhung nhu voi".split())


_IS_STOPWORD = STOPWORDS.__contains__


def analyse_text(text: str) -> AnalysedText:
    """Folded syllables, pairs and exact syllables of ``text``."""
    words = _words(text)
    folded = list(map(fold_token, words))
    pair_tokens = map(PAIR_JOINER.join, itertools.pairwise(folded))
    exact = itertools.filterfalse(str.isascii, words)
    return AnalysedText(" ".join(folded), " ".join(pair_tokens), " ".join(exact))


def is_stopword(exact: str, folded: str, *, accented: bool) -> bool:
    """Whether a syllable (lower case as written, and folded) is a function word.

    ``accented``: the text it comes from is written with diacritics (then "cho" really is "cho"); in text typed
    without any diacritic only the short unambiguous folded list applies.
    """
    if accented:
        return exact in STOPWORDS
    return folded in _FOLDED_STOPWORDS


# --- numbers (số ký hiệu) ---------------------------------------------------------------------------------------
#
# The number grammar and key are legal.numbers's (shared with the backend); what is here is search's own use of
# them: index tokens, numbers in queries, typed prefixes.


def number_tokens(key: str, *, parts: bool = True) -> list[str]:
    """Index tokens of a number key (from :func:`legal.numbers.key_or_none`), so that its prefixes and parts find it.

    ``15/2017/QD-UBND`` gives ``15/2017/QD-UBND 15/2017/QD 15/2017 15/QD-UBND 15/QD`` and, with ``parts``,
    ``15 2017 qd ubnd qd-ubnd`` (serial, year and the lower-case symbol parts, which plain query words such as
    "QĐ" in "QĐ 15/2017" match). A yearless ``123/QD-UBND`` gives ``123/QD-UBND 123/QD`` (+ ``123 qd ubnd
    qd-ubnd``).
    """
    pieces = key.split("/")
    serial, symbol = pieces[0], pieces[-1]
    year = pieces[1] if len(pieces) == 3 else None
    segments = symbol.split("-")
    prefixes = ["-".join(segments[: i + 1]) for i in range(len(segments))][::-1]
    tokens: list[str] = []
    if year is not None:
        tokens += [f"{serial}/{year}/{p}" for p in prefixes]
        tokens.append(f"{serial}/{year}")
    tokens += [f"{serial}/{p}" for p in prefixes]
    if parts:
        tokens.append(serial)
        if year is not None:
            tokens.append(year)
        lowered = [s.lower() for s in segments]
        tokens += lowered
        if len(segments) > 1:
            tokens.append("-".join(lowered))
    return list(dict.fromkeys(tokens))


@dataclass(frozen=True)
class QueryNumber:
    start: int  # span in the (NFC) query, the optional "số" before it included
    end: int
    key: str  # a full key ("15/2017/QD-UBND") or a prefix token ("19/2022", "15/2017/QD")
    syllables: tuple[str, ...]  # folded syllables of the written form, for a phrase fallback in the text


# In a query: an optional "số"/"so" word, serial, then "/year", "/year/symbol" or "/symbol". Run on folded text.
_QUERY_NUMBER_RE = re.compile(
    r"(?<![\w/])(?:so\s*[:.]?\s*)?"
    r"(?P<serial>[0-9]{1,10})\s*/\s*"
    r"(?:(?P<year>[0-9]{4})(?![0-9])(?:\s*/\s*(?P<ysym>" + SYMBOL_PATTERN + r"))?|(?P<sym>" + SYMBOL_PATTERN + r"))",
    re.ASCII,
)


def find_query_numbers(query: str) -> list[QueryNumber]:
    """Numbers and number prefixes in an NFC query: ``15/2017/QĐ-UBND``, ``19/2022``, ``15/2017/QĐ``, ``15/QĐ``.

    Dates ("07/12/2022") are not numbers. Offsets are offsets in ``query`` (folding is 1:1).
    """
    folded = fold(query).translate(PUNCT_REPAIR)
    found: list[QueryNumber] = []
    for match in _QUERY_NUMBER_RE.finditer(folded):
        serial = int(match["serial"])
        if serial <= 0:
            continue
        start = match.start()
        if start < match.start("serial") and lower(query[start : start + 2]) not in ("số", "so"):
            start = match.start("serial")  # "hồ sơ 15/2017": "sơ" is a word, not "số"
        written = match.group()[match.start("serial") - match.start() :]
        key: str | None
        if match["sym"] is not None or match["ysym"] is not None:
            key = key_or_none(written)
            if key is None and match["ysym"] is not None:  # "15/2017/xyz" with a bad symbol: keep the prefix
                key = _serial_year(serial, match["year"])
        else:
            key = _serial_year(serial, match["year"])
        if key is None:
            continue
        found.append(QueryNumber(start, match.end(), key, tuple(_SYLLABLE_RE.findall(written))))
    return found


def _serial_year(serial: int, year: str) -> str | None:
    return f"{serial}/{int(year)}" if YEAR_MIN <= int(year) <= YEAR_MAX else None


def is_number_start(text: str) -> bool:
    """Whether a typed prefix looks like the start of a number ("15", "Số 15/20", "015/2017/QĐ-U")."""
    squeezed = clean_number(text)
    return bool(squeezed[:1].isascii() and squeezed[:1].isdigit())


def number_prefix(text: str) -> str | None:
    """A typed number prefix in key form: ``"Số 015 / 2017 / qđ-u"`` -> ``"15/2017/QD-U"`` (None if not one)."""
    squeezed = clean_number(text)
    match = re.fullmatch(r"([0-9]{1,10})(/.*)?", squeezed, re.ASCII | re.DOTALL)
    if match is None:
        return None
    serial = match[1].lstrip("0")
    if not serial:
        return None
    rest = numbers.fold(match[2] or "").upper()
    if rest and not re.fullmatch(r"/[A-Z0-9/-]*", rest, re.ASCII):
        return None
    if match[2] is None:
        return serial  # "15": the serial may go on ("150/...")
    return serial + rest


# --- documents ---------------------------------------------------------------------------------------------------


def document_body(doc: IndexedDocument) -> str:
    """The searchable text of a document: its full text, plus every article whose text is not already in it."""
    parts = [doc.text]
    for article in doc.articles:
        if article.title and article.title not in doc.text:
            parts.append(article.title)
        if article.text and article.text not in doc.text:
            parts.append(article.text)
    return "\n\n".join(p for p in parts if p)


MIN_PREFIX_CHARS = 2  # a single letter says too little to suggest anything
MAX_PREFIX_CHARS = 8  # longer than any Vietnamese syllable ("nghieng")


def title_prefixes(syllables: Iterable[str]) -> list[str]:
    """Every prefix (:data:`MIN_PREFIX_CHARS` to :data:`MAX_PREFIX_CHARS` characters) of every syllable, once:
    autocomplete's index."""
    found: dict[str, None] = {}
    for syllable in dict.fromkeys(syllables):
        for i in range(MIN_PREFIX_CHARS, min(len(syllable), MAX_PREFIX_CHARS) + 1):
            found[syllable[:i]] = None
    return list(found)


def issued_year_token(year: int | str) -> str:
    """The ``num`` field's token for the year a document was issued ("@2019"): "kế hoạch cải cách hành chính
    2019" means the plan of 2019, whose title seldom repeats its year. ("@" is in no other token of the field.)"""
    return f"@{year}"


def date_key(day: dt.date) -> int:
    """A date as the integer yyyymmdd (the form both engines index and filter on)."""
    return day.year * 10000 + day.month * 100 + day.day


def fingerprint(doc: IndexedDocument) -> str:
    """The document's fingerprint (:meth:`IndexedDocument.fingerprint`), stored in the index for reconciliation."""
    return doc.fingerprint()


def _own_number_tokens(number: str) -> tuple[list[str], str | None]:
    key = key_or_none(number)
    if key is None:  # unreadable ("03-TB/BCĐ", "1830 QĐ-UBND"): its syllables, the serial without its zeros
        words = syllables(number)
        serials = [str(int(w)) for w in words if w.isascii() and w.isdigit() and len(w) <= 10 and int(w) > 0]
        return unique([*words, *serials]), None
    return number_tokens(key), key


def analyse_document(doc: IndexedDocument) -> dict[str, Any]:
    """Everything both engines index for one document, engine-neutral.

    Text fields (whitespace-separated token strings, to index with a whitespace tokenizer and BM25; see
    :data:`TEXT_FIELDS` for which need positions):
      ``title``, ``body`` (folded syllables), ``title_x``, ``body_x`` (their pairs and exact syllables, see the
      module docstring), ``num`` (tokens of the document's own number, and :func:`issued_year_token`),
      ``title_prefix`` (every prefix of every folded title syllable, up to :data:`MAX_PREFIX_CHARS` characters),
      ``number_prefix`` (every prefix of the number's key: "1", "15", "15/", … "15/2017/QD-UBND"), both for
      autocomplete; ``ref`` (full keys and prefixes of the numbers cited
      in title and text, without the serial/year/part tokens).
    Keywords: ``type``, ``issuer``, ``status``, ``fields`` (a list). Integers: ``id``, ``year`` (issued year),
    ``issued`` and ``effective`` (yyyymmdd; ``effective`` is None when unknown). Boolean: ``published``.
    Stored for the engine's own use: ``fingerprint``, ``number``, ``title_raw`` (the title as written), ``version``
    (the catalogue row's version, see :class:`search.types.IndexedDocument`).
    """
    num_tokens, key = _own_number_tokens(doc.number)
    body = document_body(doc)
    title_text = analyse_text(doc.title)
    # The body fields hold the whole document, title included: one BM25 over all of its words ranks questions
    # better than separate title and text scores (bench/relevance.py); the title fields add the title's bonus.
    body_text = analyse_text(f"{doc.title}\n\n{body}" if doc.title else body)
    refs: list[str] = []
    for ref_key in find_number_keys(doc.title) + find_number_keys(body):
        if ref_key != key:
            refs.extend(number_tokens(ref_key, parts=False))
    return {
        "id": doc.id,
        "title": title_text.folded,
        "title_x": title_text.extra,
        "body": body_text.folded,
        "body_x": body_text.extra,
        "num": " ".join([*num_tokens, issued_year_token(doc.issued_on.year)]),
        "title_prefix": " ".join(title_prefixes(title_text.folded.split())),
        "number_prefix": " ".join(key[:i] for i in range(1, len(key) + 1)) if key else "",
        "ref": " ".join(dict.fromkeys(refs)),
        "type": doc.doc_type,
        "issuer": doc.issuer,
        "status": doc.status,
        "fields": list(doc.fields),
        "year": doc.issued_on.year,
        "issued": date_key(doc.issued_on),
        "effective": date_key(doc.effective_from) if doc.effective_from is not None else None,
        "published": bool(doc.published),
        "fingerprint": fingerprint(doc),
        "number": doc.number,
        "title_raw": doc.title,
        "version": doc.version,
    }


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
