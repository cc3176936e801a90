"""Search indexes a document's articles from its structure (decision 0018, increment 1): an attached regulation's
articles are indexed with their own anchors; the signature block, annexes and forms are not articles."""

from __future__ import annotations

from backend.searching.documents import articles
from legal.provisions import parse_structure

TEXT = """QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy định quản lý chợ.
Điều 2. Hiệu lực
Quyết định này có hiệu lực từ ngày ký.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
QUY ĐỊNH
Quản lý chợ
(Ban hành kèm theo Quyết định số 7/2024/QĐ-UBND)
Điều 1. Phạm vi
Quy định này áp dụng cho chợ đầu mối.
Điều 2. Trách nhiệm
1. Sở Công Thương hướng dẫn.
PHỤ LỤC I
Mẫu số 01
ĐƠN ĐỀ NGHỊ THUÊ ĐIỂM KINH DOANH
Điều 1. Điều khoản trong mẫu hợp đồng
"""


def test_a_regulations_articles_are_indexed_and_annexes_are_not() -> None:
    found = list(articles(parse_structure(TEXT)))
    assert [(article.label, article.anchor) for article in found] == [
        ("Điều 1", "dieu-1"),
        ("Điều 2", "dieu-2"),
        ("Điều 1", "dieu-1-quy-dinh"),
        ("Điều 2", "dieu-2-quy-dinh"),
    ]
    assert found[3].text == "Sở Công Thương hướng dẫn."  # not the annex after it
    assert not any("CHỦ TỊCH" in article.text or "ĐƠN ĐỀ NGHỊ" in article.text for article in found)
