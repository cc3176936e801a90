"""Administrative abbreviations and the words they stand for, as written in Vietnamese legal documents.

One place for this knowledge: search expands queries with it (``search.synonyms``), the backend shows it to admins
beside the groups they add (``backend.searching.synonyms``). Each group lists forms that mean the same thing,
abbreviation first; a query for any form finds the others (both ways). Forms are matched on folded syllables
(lower case, no diacritics, "đ" -> "d", punctuation between syllables ignored), so "ủy"/"uỷ", "GD&ĐT"/"GD-ĐT"
and "kinh tế - xã hội"/"kinh tế xã hội" need one spelling each.

What is left out, on purpose: abbreviations with several common meanings ("TT" thông tư / trung tâm / thủ tướng,
"CT" chỉ thị / chủ tịch / công ty, "KH" kế hoạch / khoa học, "TƯ", which folds to the word "tư") and the
document-type symbols of numbers ("QĐ", "NQ": every query for "quyết định" would match every decision's number).
"""

from __future__ import annotations

__all__ = ["SHIPPED_SYNONYMS"]

SHIPPED_SYNONYMS: tuple[tuple[str, ...], ...] = (
    # Authorities and bodies
    ("UBND", "ủy ban nhân dân"),
    ("HĐND", "hội đồng nhân dân"),
    ("UBTVQH", "ủy ban thường vụ quốc hội"),
    ("TTg", "thủ tướng chính phủ"),
    ("MTTQ", "mặt trận tổ quốc"),
    ("UBMTTQ", "ủy ban mặt trận tổ quốc"),
    ("BCĐ", "ban chỉ đạo"),
    ("BQL", "ban quản lý"),
    ("TW", "trung ương"),
    ("ĐVHC", "đơn vị hành chính"),
    ("TP", "thành phố"),
    ("TP.HCM", "TPHCM", "thành phố Hồ Chí Minh"),
    ("CQNN", "cơ quan nhà nước"),
    ("QLNN", "quản lý nhà nước"),
    ("HTX", "hợp tác xã"),
    ("KCN", "khu công nghiệp"),
    ("CCN", "cụm công nghiệp"),
    ("THPT", "trung học phổ thông"),
    ("THCS", "trung học cơ sở"),
    # Sectors (the departments' and the offices' names)
    ("GD&ĐT", "GDĐT", "giáo dục và đào tạo"),
    ("TN&MT", "TNMT", "tài nguyên và môi trường"),
    ("LĐTBXH", "LĐ-TB&XH", "lao động - thương binh và xã hội"),
    ("VHTTDL", "VH,TT&DL", "văn hóa, thể thao và du lịch"),
    ("KH&CN", "KHCN", "khoa học và công nghệ"),
    ("KH&ĐT", "KHĐT", "kế hoạch và đầu tư"),
    ("GTVT", "giao thông vận tải"),
    ("NN&PTNT", "NNPTNT", "nông nghiệp và phát triển nông thôn"),
    ("TT&TT", "TTTT", "thông tin và truyền thông"),
    ("VX", "văn xã"),
    ("KT-XH", "KTXH", "kinh tế - xã hội"),
    ("CNTT", "công nghệ thông tin"),
    # Programmes and policies
    ("CTMTQG", "chương trình mục tiêu quốc gia"),
    ("NTM", "nông thôn mới"),
    ("CCHC", "cải cách hành chính"),
    ("TTHC", "thủ tục hành chính"),
    ("DTTS", "dân tộc thiểu số"),
    ("CSXH", "chính sách xã hội"),
    ("ĐBSCL", "đồng bằng sông Cửu Long"),
    ("BVMT", "bảo vệ môi trường"),
    ("ATTP", "an toàn thực phẩm"),
    ("VSATTP", "vệ sinh an toàn thực phẩm"),
    ("ATGT", "an toàn giao thông"),
    ("TTATGT", "trật tự an toàn giao thông"),
    ("ANTT", "an ninh trật tự"),
    ("PCCC", "phòng cháy chữa cháy"),
    ("CNCH", "cứu nạn, cứu hộ"),
    ("PCTT", "phòng, chống thiên tai"),
    ("TNGT", "tai nạn giao thông"),
    ("DQTV", "dân quân tự vệ"),
    ("DVCTT", "dịch vụ công trực tuyến"),
    ("PKĐK", "phòng khám đa khoa"),
    ("BHXH", "bảo hiểm xã hội"),
    ("BHYT", "bảo hiểm y tế"),
    ("BHTN", "bảo hiểm thất nghiệp"),
    ("CBCCVC", "cán bộ, công chức, viên chức"),
    ("CBCC", "cán bộ, công chức"),
    # Land, building and budget
    ("QSDĐ", "quyền sử dụng đất"),
    ("GCN", "giấy chứng nhận"),
    ("GCNQSDĐ", "giấy chứng nhận quyền sử dụng đất"),
    ("ĐTXD", "đầu tư xây dựng"),
    ("XDCB", "xây dựng cơ bản"),
    ("GPMB", "giải phóng mặt bằng"),
    ("TĐC", "tái định cư"),
    ("NSNN", "ngân sách nhà nước"),
    # Law-making
    ("VBQPPL", "văn bản quy phạm pháp luật"),
    ("QPPL", "quy phạm pháp luật"),
    ("PBGDPL", "phổ biến, giáo dục pháp luật"),
)
