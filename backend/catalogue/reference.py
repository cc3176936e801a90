"""Reference data every catalogue starts with: the document types of the 2015 and 2025 laws."""

from __future__ import annotations

# (code, name, abbreviation, rank): rank orders the legal hierarchy, highest first.
DOCUMENT_TYPES: list[tuple[str, str, str, int]] = [
    ("hien-phap", "Hiến pháp", "", 1),
    ("bo-luat", "Bộ luật", "", 2),
    ("luat", "Luật", "QH", 3),
    ("nghi-quyet-qh", "Nghị quyết của Quốc hội", "NQ-QH", 4),
    ("phap-lenh", "Pháp lệnh", "PL", 5),
    ("lenh", "Lệnh", "L-CTN", 6),
    ("nghi-dinh", "Nghị định", "NĐ-CP", 7),
    ("quyet-dinh-ttg", "Quyết định của Thủ tướng Chính phủ", "QĐ-TTg", 8),
    ("thong-tu", "Thông tư", "TT", 9),
    ("thong-tu-lien-tich", "Thông tư liên tịch", "TTLT", 10),
    ("nghi-quyet", "Nghị quyết", "NQ-HĐND", 20),
    ("quyet-dinh", "Quyết định", "QĐ-UBND", 21),
    ("chi-thi", "Chỉ thị", "CT-UBND", 22),
]
