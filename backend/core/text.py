"""What text the service accepts, and how any stored text is made safe for .xlsx and .docx files.

One rule for every text input (API bodies, imported files, confirmed extraction proposals): no C0 or C1
control character, except tab, line feed and carriage return where the text may span lines. NUL gets its own
code because PostgreSQL cannot store it at all. Exports do not trust that rule: text stored before it existed
(or written by a future path that forgot it) is cleaned on the way out, so no stored value can break a file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from backend.core.errors import ApplicationError

# C0 (U+0000–U+001F), DEL and C1 (U+007F–U+009F).
# Lone surrogates (U+D800–U+DFFF) too: JSON's "\ud800" makes one, and no database or file format can store it.
_CONTROL_MULTILINE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_SINGLE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# What XML 1.0 (so .xlsx and .docx) cannot hold: C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def whole_number(text: str, *, max_digits: int = 12) -> int | None:
    """`text` as a non-negative whole number written in ASCII digits, or None ("²".isdigit() is true, and
    int("²") raises)."""
    text = text.strip()
    if not text or not text.isascii() or not text.isdigit() or len(text) > max_digits:
        return None
    return int(text)


def control_character(value: str, *, multiline: bool = True) -> str | None:
    """The first control character `value` may not contain, or None."""
    found = (_CONTROL_MULTILINE if multiline else _CONTROL_SINGLE_LINE).search(value)
    return found.group() if found else None


def refused(field: str | None, char: str) -> ApplicationError:
    """The 400 for a text value holding `char` (a control character) in `field`."""
    if char == "\x00":
        return ApplicationError(
            "nul_character",
            "Dữ liệu chứa ký tự NUL (0x00), không được chấp nhận.",
            "The request contains a NUL (0x00) character, which is not accepted.",
            field=field,
        )
    shown = f"U+{ord(char):04X}"
    return ApplicationError(
        "control_character",
        f"Văn bản chứa ký tự điều khiển {shown}, không được chấp nhận.",
        f"The text contains the control character {shown}, which is not accepted.",
        field=field,
    )


def check_text(value: str, field: str | None = None, *, multiline: bool = True) -> str:
    """`value` itself, or the 400 naming `field` when it holds a control character."""
    char = control_character(value, multiline=multiline)
    if char is not None:
        raise refused(field, char)
    return value


def too_long(field: str, limit: int, *, unit_vi: str = "ký tự", unit_en: str = "characters") -> ApplicationError:
    return ApplicationError(
        "too_long",
        f"Quá dài: tối đa {limit:,} {unit_vi}.".replace(",", "."),
        f"Too long: {limit:,} {unit_en} at most.",
        field=field,
    )


def check_fields(values: Mapping[str, tuple[str, int, bool]]) -> None:
    """Check named text values, each given as (value, max length, multiline): the first bad one is a 400
    naming its field. For input that reaches a service without an API serializer (imports, confirmed files)."""
    for name, (value, limit, multiline) in values.items():
        if len(value) > limit:
            raise too_long(name, limit)
        check_text(value, name, multiline=multiline)


def without_controls(value: str) -> str:
    """`value` with control characters (other than tab and line breaks) removed: for text read out of files,
    where an officer cannot see, let alone remove, a stray control byte."""
    return _CONTROL_MULTILINE.sub("", value)


def check_tree(data: Any, path: str = "") -> None:
    """Check every string (keys included) in a parsed JSON value or form; the error names where it was found
    ("document.title", "relations.0.note"). Iterative, so a deeply nested value cannot exhaust the stack."""
    stack: list[tuple[str, Any]] = [(path, data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            check_text(value, where or None)
        elif isinstance(value, Mapping):
            for key, item in value.items():
                name = f"{where}.{key}" if where else str(key)
                check_text(str(key), name)
                stack.append((name, item))
        elif isinstance(value, list | tuple):
            stack.extend((f"{where}.{i}" if where else str(i), item) for i, item in enumerate(value))


def depth(data: Any) -> int:
    """How deeply a parsed JSON value nests (a scalar is 0), without recursion."""
    deepest = 0
    stack: list[tuple[int, Any]] = [(0, data)]
    while stack:
        level, value = stack.pop()
        deepest = max(deepest, level)
        if isinstance(value, dict):
            stack.extend((level + 1, item) for item in value.values())
        elif isinstance(value, list):
            stack.extend((level + 1, item) for item in value)
    return deepest


def export_safe(value: Any) -> Any:
    """`value` with what XML cannot hold replaced by U+FFFD, so openpyxl and python-docx accept it."""
    if isinstance(value, str):
        return _NOT_XML.sub("\ufffd", value)
    return value


def export_safe_tree(data: Any) -> Any:
    """A copy of a JSON-like value (dicts, lists, strings) with every string, keys too, made export-safe."""
    if isinstance(data, str):
        return export_safe(data)
    if isinstance(data, dict):
        return {export_safe(key): export_safe_tree(item) for key, item in data.items()}
    if isinstance(data, list | tuple):
        return [export_safe_tree(item) for item in data]
    return data
