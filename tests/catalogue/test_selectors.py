"""selectors.document_by_number: the one way a {number, issuer} names a document (the API's document fields and
the importer's relation rows both resolve through it, and word its errors for their own audience)."""

from __future__ import annotations

from typing import Any

import pytest

from backend.catalogue import selectors
from legal.numbers import NumberError
from tests.catalogue import factories as f


@pytest.fixture
def docs(db: None) -> None:
    f.authority("UBND-AG")
    f.authority("UBND-KG")
    f.document("15/2017/QĐ-UBND", issuer="UBND-AG")
    f.document("15/2017/QĐ-UBND", issuer="UBND-KG")
    f.document("19/2022/NQ-HĐND", issuer="UBND-AG", published=False)


def test_any_spelling_resolves_to_the_one_document_drafts_included(docs: None) -> None:
    found = selectors.document_by_number("Số 019 / 2022 / nq-hdnd")
    assert (found.number, found.issuer.code, found.published) == ("19/2022/NQ-HĐND", "UBND-AG", False)
    assert selectors.document_by_number("15/2017/QÐ-UBND", "UBND-KG").issuer.code == "UBND-KG"


def test_a_number_under_two_issuers_needs_the_issuer(docs: None) -> None:
    with pytest.raises(selectors.AmbiguousNumber):
        selectors.document_by_number("15/2017/QĐ-UBND")
    with pytest.raises(selectors.AmbiguousNumber):
        selectors.document_by_number("15/2017/QĐ-UBND", "")  # an empty issuer names none


def test_unknown_and_unreadable_numbers(docs: None) -> None:
    with pytest.raises(selectors.DocumentNotFound):
        selectors.document_by_number("16/2017/QĐ-UBND")
    with pytest.raises(selectors.DocumentNotFound):
        selectors.document_by_number("19/2022/NQ-HĐND", "UBND-KG")
    with pytest.raises(NumberError):
        selectors.document_by_number("07/12/2022")


def test_resolving_reads_once(docs: None, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        selectors.document_by_number("15/2017/QĐ-UBND", "UBND-AG")


def test_a_province_decides_between_issuers_only_when_several_hold_the_number(docs: None) -> None:
    # The tracking sheet's "… của UBND tỉnh Kiên Giang" after a number held in both provinces.
    assert selectors.document_by_number("15/2017/QĐ-UBND", province="KG").issuer.code == "UBND-KG"
    assert selectors.document_by_number("15/2017/QĐ-UBND", province="AG").issuer.code == "UBND-AG"
    with pytest.raises(selectors.DocumentNotFound):
        selectors.document_by_number("15/2017/QĐ-UBND", province="HN")  # neither province's
    # One holder: it is the document whatever province the text names after it.
    assert selectors.document_by_number("19/2022/NQ-HĐND", province="KG").issuer.code == "UBND-AG"


def test_issuer_fallback_prefers_the_issuer_and_else_offers_every_holder(docs: None) -> None:
    # Strict (the default): only the issuer's documents.
    assert selectors.documents_by_number("19/2022/NQ-HĐND", "UBND-KG") == []
    # Fallback (an extracted text's citations): the issuer's own when it holds one, else all of them.
    preferred = selectors.documents_by_number("15/2017/QĐ-UBND", "UBND-KG", issuer_fallback=True)
    assert [doc.issuer.code for doc in preferred] == ["UBND-KG"]
    others = selectors.documents_by_number("19/2022/NQ-HĐND", "UBND-KG", issuer_fallback=True)
    assert [doc.issuer.code for doc in others] == ["UBND-AG"]
    both = selectors.documents_by_number("15/2017/QĐ-UBND", "UBND-HN", issuer_fallback=True)
    assert sorted(doc.issuer.code for doc in both) == ["UBND-AG", "UBND-KG"]
