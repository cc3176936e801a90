"""Filters of the operations list. The documents a filter may name are those the caller may read, so that a
draft's id answers as an unknown one does (400) for a citizen, not with an empty page that says it exists."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from backend.accounts.roles import Role, has_role
from backend.catalogue.models import Document
from backend.consolidation.models import Operation
from legal.operations import STATES


def _readable(request: Any) -> QuerySet[Document]:
    user = getattr(request, "user", None)
    return Document.objects.all() if has_role(user, Role.REVIEWER) else Document.objects.filter(published=True)


class OperationFilter(django_filters.FilterSet):
    source = django_filters.ModelChoiceFilter(queryset=_readable)
    target = django_filters.ModelChoiceFilter(queryset=_readable)
    state = django_filters.ChoiceFilter(choices=[(state, state) for state in STATES])

    class Meta:
        model = Operation
        fields = ["source", "target", "state"]
