"""A provincial decision the consolidation tests amend (invented, in the real layout), and how they find a unit in
the text the API answers."""

from __future__ import annotations

from typing import Any

BASE_TEXT = """ỦY BAN NHÂN DÂN TỈNH AN GIANG
QUYẾT ĐỊNH
Ban hành Quy định về quản lý chợ

Điều 1. Phạm vi điều chỉnh
Quyết định này quy định về quản lý chợ trên địa bàn tỉnh.
Điều 2. Phí chợ
1. Mức phí do Ủy ban nhân dân cấp huyện quy định.
2. Phí được thu hằng tháng.
Điều 3. Hiệu lực thi hành
Quyết định này có hiệu lực kể từ ngày 15 tháng 3 năm 2024.
"""


def node(tree: list[dict[str, Any]], eid: str) -> dict[str, Any]:
    """The unit `eid` in a text's tree as the API answers it ({} when it has none)."""
    for item in tree:
        if item["eid"] == eid:
            return item
        found = node(item["children"], eid) if item["children"] else None
        if found:
            return found
    return {}
