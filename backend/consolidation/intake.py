"""Catalogue an amending act from its uploaded file and, in the same transaction, store the operations read from it
and confirm those the officer confirmed on the upload proposal (issue #14 §2: the operations are seen and confirmed
with the upload proposal). The catalogue's intake stays the one way a file becomes a document; this room adds the
operations around it, since the catalogue never imports the consolidation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from backend.catalogue import intake
from backend.catalogue import services as catalogue
from backend.catalogue.models import Document
from backend.consolidation import services
from backend.consolidation.models import Operation
from backend.consolidation.services import OperationKey

__all__ = ["Catalogued", "document_create_from_file"]


@dataclass(frozen=True)
class Catalogued:
    document: Document
    read: int  # operations read from the file and stored (proposed or listed)
    confirmed: int  # of those, confirmed as the officer named them


def document_create_from_file(
    *,
    actor: Any,
    data: catalogue.DocumentInput,
    relations: Sequence[intake.ConfirmedRelation],
    content: bytes,
    filename: str,
    confirm: Sequence[OperationKey] = (),
    source: str = "api",
) -> Catalogued:
    """All or nothing: the document, its relations, its file, its read operations and the confirmations. The
    operations are read from the saved document (its dates as the form gave them), so one named on the proposal
    but read otherwise now is not confirmed (services.operations_confirm_named). The reader's task after commit
    reads the act again and keeps these decisions (operations_store_proposal)."""
    with transaction.atomic():
        document = intake.document_create_from_file(
            actor=actor, data=data, relations=relations, content=content, filename=filename, source=source
        )
        services.propose_operations(actor=actor, source=document, origin=source)
        read = Operation.objects.filter(source=document).count()
        confirmed = services.operations_confirm_named(actor=actor, source=document, named=confirm, origin=source)
    return Catalogued(document=document, read=read, confirmed=len(confirmed))
