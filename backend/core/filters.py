"""Query-parameter parsing shared by every list: a yes/no parameter is yes, no, or a 400 (never ignored); a date
is YYYY-MM-DD or a 400 naming its parameter."""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django import forms

from backend.core.errors import ApplicationError, invalid

_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no"})
_MESSAGE_VI = "Giá trị '{value}' không hợp lệ; dùng true hoặc false."
_MESSAGE_EN = "'{value}' is not valid; use true or false."


def parse_bool(raw: str | None) -> bool | None:
    """True, False, or None when absent/empty; ValueError for anything else ("maybe")."""
    if raw is None or raw.strip() == "":
        return None
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(raw)


def bool_param(request: Any, name: str, default: bool = False) -> bool:
    """A yes/no query parameter outside a FilterSet; a 400 naming it for any other value."""
    raw = request.query_params.get(name)
    try:
        value = parse_bool(raw)
    except ValueError:
        raise ApplicationError(
            "invalid_boolean",
            f"{name}: " + _MESSAGE_VI.format(value=raw),
            f"{name}: " + _MESSAGE_EN.format(value=raw),
            field=name,
        ) from None
    return default if value is None else value


def parse_date_param(raw: str | None, *, name: str = "on") -> dt.date | None:
    """A YYYY-MM-DD query parameter (None when absent or empty), or a 400 naming the parameter."""
    if raw is None or raw == "":
        return None
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError as exc:
        raise invalid(
            {name: [f"Ngày không hợp lệ, cần dạng YYYY-MM-DD / Invalid date, expected YYYY-MM-DD: '{raw}'."]}
        ) from exc


class StrictBooleanField(forms.Field):
    widget = forms.TextInput

    def to_python(self, value: Any) -> bool | None:
        if isinstance(value, bool):
            return value
        try:
            return parse_bool(value)
        except ValueError:
            raise forms.ValidationError(  # the value is not echoed: Django %-formats these messages
                "Giá trị không hợp lệ; dùng true hoặc false. / Not valid; use true or false.", code="invalid"
            ) from None


class StrictBooleanFilter(django_filters.BooleanFilter):
    """django-filter's BooleanFilter ignores a value it cannot read ("maybe"); this one refuses it."""

    field_class = StrictBooleanField
