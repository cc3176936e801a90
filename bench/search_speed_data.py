"""Corpus and queries of bench/search_speed.py: seeded, generated legal documents and a fixed mix of 200 searches.

Nothing here reads ../shared/corpus: the documents are built from the vocabulary below (Vietnamese legal prose
with diacritics and đ, modelled on the demo dataset's provincial documents), by `random.Random(seed)`, so the
same seed and size give the same corpus.

- `plan_documents(n, seed, ...)`: the metadata of n documents (issuer, type, number unique per issuer, issued
  and effective dates 2005-2026, topic), sorted by issue date, numbers assigned in date order as in reality.
- `write_text(meta, ...)`: a title (trích yếu) and a full text of about 300 words: "Điều 1. Phạm vi điều chỉnh",
  "Điều 2. Đối tượng áp dụng", two to four articles of the topic with numbered clauses (amounts, places,
  agencies, years), "Tổ chức thực hiện", "Hiệu lực thi hành"; a document replacing or amending an earlier one
  of its issuer and topic cites its number in the title or the text (and gets the relation in the database).
- `load(n, seed)`: writes them to the catalogue with Django (bulk_create, `numbers.number_key`, the structure
  parsed by `structure.parse_structure` as an import would, fields, relations), then stores every status with
  `services.apply_due_transitions()`. Needs the demo authorities (run after the demo import).
- `build_queries(seed, numbers)`: the 200 searches, as `QuerySpec`s.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

GENERATED_MARK = "sinh-search-speed"  # the signer of every generated document (so they can be told apart)

# (issuer code, symbol, document type code, weight, province)
SERIES = [
    ("UBND-KG", "QĐ-UBND", "quyet-dinh", 20, "Kiên Giang"),
    ("UBND-AG-OLD", "QĐ-UBND", "quyet-dinh", 20, "An Giang"),
    ("UBND-AG", "QĐ-UBND", "quyet-dinh", 4, "An Giang"),
    ("HDND-KG", "NQ-HĐND", "nghi-quyet", 14, "Kiên Giang"),
    ("HDND-AG-OLD", "NQ-HĐND", "nghi-quyet", 14, "An Giang"),
    ("HDND-AG", "NQ-HĐND", "nghi-quyet", 3, "An Giang"),
    ("UBND-KG", "CT-UBND", "chi-thi", 2, "Kiên Giang"),
    ("UBND-AG-OLD", "CT-UBND", "chi-thi", 2, "An Giang"),
]
TYPE_NAMES = {"quyet-dinh": "Quyết định", "nghi-quyet": "Nghị quyết", "chi-thi": "Chỉ thị"}
ISSUER_NAMES = {
    "UBND-KG": "Ủy ban nhân dân tỉnh Kiên Giang",
    "UBND-AG-OLD": "Ủy ban nhân dân tỉnh An Giang",
    "UBND-AG": "Ủy ban nhân dân tỉnh An Giang",
    "HDND-KG": "Hội đồng nhân dân tỉnh Kiên Giang",
    "HDND-AG-OLD": "Hội đồng nhân dân tỉnh An Giang",
    "HDND-AG": "Hội đồng nhân dân tỉnh An Giang",
}
MERGER = dt.date(2025, 7, 1)  # Kiên Giang and the old An Giang hand over to the new An Giang
FIRST_DAY = dt.date(2005, 1, 1)

PLACES = {
    "Kiên Giang": [
        "thành phố Rạch Giá",
        "thành phố Hà Tiên",
        "thành phố Phú Quốc",
        "huyện Kiên Lương",
        "huyện Hòn Đất",
        "huyện Tân Hiệp",
        "huyện Châu Thành",
        "huyện Giồng Riềng",
        "huyện Gò Quao",
        "huyện An Biên",
        "huyện An Minh",
        "huyện Vĩnh Thuận",
        "huyện U Minh Thượng",
        "huyện Kiên Hải",
        "huyện Giang Thành",
    ],
    "An Giang": [
        "thành phố Long Xuyên",
        "thành phố Châu Đốc",
        "thị xã Tân Châu",
        "thị xã Tịnh Biên",
        "huyện An Phú",
        "huyện Châu Phú",
        "huyện Châu Thành",
        "huyện Chợ Mới",
        "huyện Phú Tân",
        "huyện Thoại Sơn",
        "huyện Tri Tôn",
    ],
}
NEW_COMMUNES = ["phường Rạch Giá", "đặc khu Phú Quốc", "xã Hòn Đất", "phường Long Xuyên", "phường Châu Đốc", "xã Óc Eo"]

AGENCIES = [
    "Sở Tài chính",
    "Sở Tư pháp",
    "Sở Nội vụ",
    "Sở Xây dựng",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Tài nguyên và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Giao thông vận tải",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Kế hoạch và Đầu tư",
    "Sở Công Thương",
    "Công an tỉnh",
    "Ban Dân tộc tỉnh",
]


@dataclass(frozen=True)
class Topic:
    field: str  # the field's name in the demo dataset
    agency: str
    subjects: tuple[str, ...]  # what a title says after "Quy định" / "Ban hành Quy định"
    articles: tuple[str, ...]  # article titles of the topic
    sentences: tuple[str, ...]  # clauses; {place} {amount} {percent} {year} {agency} {province} {n} are filled in
    keywords: tuple[str, ...]  # what people type to find such documents


TOPICS: tuple[Topic, ...] = (
    Topic(
        "Đất đai",
        "Sở Tài nguyên và Môi trường",
        (
            "Bảng giá đất giai đoạn {period}",
            "hệ số điều chỉnh giá đất năm {year}",
            "hạn mức giao đất ở, hạn mức công nhận đất ở cho hộ gia đình, cá nhân",
            "điều kiện tách thửa, hợp thửa đất và diện tích tối thiểu được tách thửa",
            "bồi thường, hỗ trợ và tái định cư khi Nhà nước thu hồi đất",
            "đơn giá bồi thường cây trồng, vật nuôi khi Nhà nước thu hồi đất",
        ),
        ("Giá đất ở tại nông thôn", "Nguyên tắc xác định vị trí thửa đất", "Hỗ trợ tái định cư", "Diện tích tối thiểu"),
        (
            "Giá đất ở tại {place} được xác định theo vị trí, khu vực và loại đường phố quy định tại Phụ lục kèm theo.",
            "Hộ gia đình, cá nhân bị thu hồi đất nông nghiệp được hỗ trợ ổn định đời sống bằng {percent} "
            "giá đất cùng loại.",
            "Diện tích tối thiểu được tách thửa đối với đất ở tại đô thị là {n} mét vuông, chiều rộng mặt "
            "tiền không nhỏ hơn 4 mét.",
            "Người có đất thu hồi được bố trí tái định cư tại khu tái định cư tập trung của {place}.",
            "Bảng giá đất được sử dụng làm căn cứ tính tiền sử dụng đất, tiền thuê đất và thuế sử dụng đất.",
            "Đơn giá bồi thường cây lâu năm được tính theo giá trị hiện có của vườn cây, mức tối đa {amount} mỗi cây.",
            "Thửa đất nằm ở vị trí góc hai mặt tiền đường được tính bằng giá đất của đường có giá cao nhất "
            "cộng thêm {percent}.",
            "Hạn mức giao đất ở cho mỗi hộ gia đình, cá nhân tại nông thôn không quá {n} mét vuông.",
        ),
        ("giá đất", "bảng giá đất", "thu hồi đất", "tái định cư", "tách thửa", "hạn mức giao đất", "bồi thường"),
    ),
    Topic(
        "Tài chính",
        "Sở Tài chính",
        (
            "mức thu, chế độ thu, nộp, quản lý và sử dụng phí, lệ phí",
            "mức thu phí bảo vệ môi trường đối với khai thác khoáng sản",
            "định mức phân bổ dự toán chi thường xuyên ngân sách địa phương năm {year}",
            "chế độ công tác phí, chế độ chi hội nghị đối với cơ quan, đơn vị",
            "phân cấp nguồn thu, nhiệm vụ chi giữa các cấp ngân sách giai đoạn {period}",
            "bảng giá tính thuế tài nguyên",
            "mức thu lệ phí trước bạ đối với ô tô, xe máy",
        ),
        ("Mức thu phí", "Quản lý và sử dụng phí", "Định mức phân bổ", "Mức chi cụ thể", "Nguồn kinh phí thực hiện"),
        (
            "Mức thu phí tham quan đối với người lớn là {amount} mỗi lượt, trẻ em dưới 16 tuổi được giảm {percent}.",
            "Tổ chức thu phí được để lại {percent} số tiền phí thu được để trang trải chi phí cho hoạt động thu phí.",
            "Mức chi hỗ trợ cho cán bộ, công chức đi công tác tại {place} là {amount} mỗi ngày.",
            "Kinh phí thực hiện được bố trí từ nguồn ngân sách tỉnh trong dự toán chi thường xuyên hằng năm.",
            "Định mức phân bổ dự toán chi quản lý hành chính là {amount} mỗi biên chế mỗi năm.",
            "Phí bảo vệ môi trường đối với khai thác cát, sỏi lòng sông là {amount} mỗi mét khối.",
            "Giá tính thuế tài nguyên đối với nước thiên nhiên dùng cho sản xuất là {amount} mỗi mét khối.",
            "Việc thanh toán, quyết toán kinh phí thực hiện theo quy định của Luật Ngân sách nhà nước.",
        ),
        ("phí bảo vệ môi trường", "lệ phí trước bạ", "công tác phí", "định mức chi", "thuế tài nguyên", "mức thu phí"),
    ),
    Topic(
        "Nông nghiệp",
        "Sở Nông nghiệp và Phát triển nông thôn",
        (
            "chính sách hỗ trợ phát triển sản xuất nông nghiệp và liên kết tiêu thụ sản phẩm",
            "chính sách khuyến nông và hỗ trợ chuyển đổi cơ cấu cây trồng trên đất lúa",
            "mức hỗ trợ phát triển nuôi trồng thủy sản và đánh bắt xa bờ",
            "quản lý, bảo vệ và phát triển rừng phòng hộ ven biển",
            "giá sản phẩm, dịch vụ thủy lợi công ích",
        ),
        ("Điều kiện được hỗ trợ", "Nội dung và mức hỗ trợ", "Hồ sơ đề nghị hỗ trợ", "Chuyển đổi cây trồng"),
        (
            "Hợp tác xã tham gia liên kết tiêu thụ lúa được hỗ trợ {percent} chi phí giống, tối đa {amount} "
            "mỗi héc ta.",
            "Hộ nuôi tôm, cá tra tại {place} được hỗ trợ một lần {amount} để cải tạo ao nuôi.",
            "Chuyển đổi từ trồng lúa sang cây ăn trái, cây màu được hỗ trợ {amount} mỗi héc ta trong năm đầu.",
            "Ngư dân đánh bắt xa bờ được hỗ trợ chi phí nhiên liệu mỗi chuyến biển theo quy định.",
            "Rừng phòng hộ ven biển tại {place} được giao khoán cho hộ gia đình bảo vệ với mức {amount} mỗi "
            "héc ta mỗi năm.",
            "Giá dịch vụ thủy lợi công ích đối với đất trồng lúa là {amount} mỗi héc ta mỗi vụ.",
            "Cây lúa được gieo sạ theo lịch thời vụ do ngành nông nghiệp công bố để né rầy nâu.",
        ),
        ("hỗ trợ nông nghiệp", "khuyến nông", "nuôi trồng thủy sản", "cây lúa", "rừng phòng hộ", "thủy lợi"),
    ),
    Topic(
        "Xây dựng",
        "Sở Xây dựng",
        (
            "phân cấp cấp giấy phép xây dựng trên địa bàn tỉnh {province}",
            "quản lý quy hoạch xây dựng và kiến trúc đô thị",
            "quản lý chất lượng và bảo trì công trình xây dựng",
            "giá nhà ở, công trình, vật kiến trúc để tính bồi thường",
            "quy chế quản lý kiến trúc đô thị {place}",
        ),
        ("Phạm vi cấp giấy phép", "Quy định về chiều cao công trình", "Trách nhiệm của chủ đầu tư", "Đơn giá xây dựng"),
        (
            "Ủy ban nhân dân cấp huyện cấp giấy phép xây dựng nhà ở riêng lẻ tại {place}.",
            "Chiều cao tối đa của nhà ở riêng lẻ trên các tuyến đường chính là {n} tầng.",
            "Đơn giá nhà ở cấp IV để tính bồi thường là {amount} mỗi mét vuông sàn xây dựng.",
            "Chủ đầu tư có trách nhiệm bảo trì công trình theo quy trình được phê duyệt.",
            "Khoảng lùi tối thiểu của công trình so với chỉ giới đường đỏ là {n} mét.",
            "Quy hoạch xây dựng nông thôn mới được lập cho từng xã và được rà soát định kỳ 5 năm.",
        ),
        ("giấy phép xây dựng", "quy hoạch xây dựng", "kiến trúc đô thị", "nhà ở riêng lẻ", "nông thôn mới"),
    ),
    Topic(
        "Giao thông",
        "Sở Giao thông vận tải",
        (
            "quản lý và khai thác bến thủy nội địa, bến khách ngang sông",
            "quản lý hoạt động vận tải hành khách bằng xe ô tô",
            "đặt tên, đổi tên đường và công trình công cộng tại {place}",
            "tải trọng, khổ giới hạn của đường huyện, đường xã",
            "bảo đảm trật tự an toàn giao thông đường thủy nội địa",
        ),
        ("Điều kiện hoạt động của bến", "Tải trọng cho phép", "Đặt tên đường", "Trách nhiệm quản lý"),
        (
            "Bến khách ngang sông tại {place} phải có phao cứu sinh cho tất cả hành khách.",
            "Xe ô tô có tổng trọng lượng trên {n} tấn không được lưu thông trên đường huyện.",
            "Đặt tên đường Nguyễn Trung Trực cho đoạn từ cầu Cái Sắn đến vòng xoay {place}.",
            "Phương tiện thủy nội địa chở khách phải đăng ký, đăng kiểm và có giấy chứng nhận an toàn kỹ thuật.",
            "Doanh nghiệp vận tải hành khách theo tuyến cố định phải niêm yết giá vé {amount} tại bến xe.",
            "Tuyến xe buýt Rạch Giá - Hà Tiên hoạt động từ 5 giờ đến 19 giờ hằng ngày.",
        ),
        ("bến thủy nội địa", "vận tải hành khách", "an toàn giao thông", "đặt tên đường", "xe buýt"),
    ),
    Topic(
        "Giáo dục",
        "Sở Giáo dục và Đào tạo",
        (
            "mức thu học phí đối với cơ sở giáo dục công lập năm học {school_year}",
            "chính sách hỗ trợ học sinh, sinh viên là người dân tộc thiểu số",
            "mức thu dịch vụ phục vụ, hỗ trợ hoạt động giáo dục của nhà trường",
            "chế độ khen thưởng học sinh giỏi, giáo viên dạy giỏi",
        ),
        ("Mức học phí", "Đối tượng được miễn, giảm học phí", "Mức thưởng", "Chế độ hỗ trợ"),
        (
            "Mức học phí đối với giáo dục mầm non tại {place} là {amount} mỗi học sinh mỗi tháng.",
            "Học sinh trung học phổ thông là người dân tộc Khmer được hỗ trợ {amount} mỗi tháng.",
            "Học sinh đạt giải nhất kỳ thi học sinh giỏi cấp quốc gia được thưởng {amount}.",
            "Học sinh thuộc hộ nghèo, hộ cận nghèo được miễn học phí theo quy định.",
            "Tiền ăn bán trú được thu theo thỏa thuận nhưng không quá {amount} mỗi ngày.",
        ),
        ("học phí", "miễn giảm học phí", "học sinh giỏi", "mầm non", "dân tộc thiểu số"),
    ),
    Topic(
        "Y tế",
        "Sở Y tế",
        (
            "giá dịch vụ khám bệnh, chữa bệnh không thuộc phạm vi thanh toán của Quỹ bảo hiểm y tế",
            "mức hỗ trợ đóng bảo hiểm y tế cho người thuộc hộ gia đình cận nghèo",
            "chế độ phụ cấp đối với nhân viên y tế thôn, ấp và cô đỡ thôn bản",
            "phòng, chống dịch bệnh truyền nhiễm",
        ),
        ("Giá dịch vụ khám bệnh", "Mức hỗ trợ bảo hiểm y tế", "Phụ cấp nhân viên y tế", "Phòng chống dịch"),
        (
            "Giá khám bệnh tại bệnh viện hạng II là {amount} mỗi lượt.",
            "Người thuộc hộ gia đình cận nghèo được ngân sách tỉnh hỗ trợ thêm {percent} mức đóng bảo hiểm y tế.",
            "Nhân viên y tế ấp tại {place} được hưởng phụ cấp hằng tháng bằng {percent} mức lương cơ sở.",
            "Trạm y tế xã tổ chức tiêm chủng mở rộng cho trẻ em dưới 5 tuổi mỗi tháng một lần.",
            "Cơ sở khám bệnh, chữa bệnh phải niêm yết công khai giá dịch vụ tại nơi tiếp đón người bệnh.",
        ),
        ("khám bệnh chữa bệnh", "bảo hiểm y tế", "y tế cơ sở", "phòng chống dịch", "bệnh viện"),
    ),
    Topic(
        "Lao động - Xã hội",
        "Sở Lao động - Thương binh và Xã hội",
        (
            "chuẩn nghèo đa chiều và chính sách hỗ trợ hộ nghèo giai đoạn {period}",
            "mức trợ giúp xã hội đối với đối tượng bảo trợ xã hội",
            "chính sách hỗ trợ người có công với cách mạng và thân nhân",
            "hỗ trợ đào tạo nghề cho lao động nông thôn",
        ),
        ("Chuẩn trợ giúp xã hội", "Đối tượng hưởng trợ cấp", "Mức hỗ trợ đào tạo nghề", "Hỗ trợ nhà ở"),
        (
            "Mức chuẩn trợ giúp xã hội áp dụng trên địa bàn tỉnh là {amount} mỗi tháng.",
            "Hộ nghèo tại {place} được hỗ trợ xây dựng nhà ở với mức {amount} mỗi căn.",
            "Lao động nông thôn học nghề trình độ sơ cấp được hỗ trợ tối đa {amount} mỗi khóa học.",
            "Người cao tuổi từ đủ 80 tuổi trở lên không có lương hưu được hưởng trợ cấp xã hội hằng tháng.",
            "Thân nhân liệt sĩ được tặng quà nhân dịp Tết Nguyên đán và ngày Thương binh - Liệt sĩ 27 tháng 7.",
        ),
        ("hộ nghèo", "trợ giúp xã hội", "người có công", "đào tạo nghề", "bảo trợ xã hội"),
    ),
    Topic(
        "Văn hóa - Thể thao - Du lịch",
        "Sở Văn hóa, Thể thao và Du lịch",
        (
            "mức chi hỗ trợ đóng mới ghe Ngo của đồng bào dân tộc Khmer",
            "quản lý, bảo vệ và phát huy giá trị di tích lịch sử - văn hóa",
            "chế độ dinh dưỡng đối với huấn luyện viên, vận động viên thể thao",
            "phát triển du lịch cộng đồng và du lịch sinh thái",
            "quản lý lễ hội và hoạt động văn hóa, dịch vụ văn hóa công cộng",
        ),
        ("Mức chi hỗ trợ", "Bảo vệ di tích", "Chế độ dinh dưỡng", "Phát triển du lịch"),
        (
            "Mỗi chùa Khmer có ghe Ngo tham gia giải đua được hỗ trợ {amount} để đóng mới hoặc sửa chữa.",
            "Khu di tích quốc gia đặc biệt tại {place} được bảo vệ theo khu vực I và khu vực II.",
            "Vận động viên đội tuyển tỉnh được hưởng chế độ dinh dưỡng {amount} mỗi ngày tập trung.",
            "Hộ gia đình làm du lịch cộng đồng được hỗ trợ {percent} chi phí cải tạo nhà ở đón khách.",
            "Lễ hội Vía Bà Chúa Xứ Núi Sam được tổ chức hằng năm theo phương án được phê duyệt.",
        ),
        ("ghe Ngo", "đồng bào dân tộc Khmer", "di tích", "du lịch cộng đồng", "lễ hội", "vận động viên"),
    ),
    Topic(
        "Tổ chức bộ máy",
        "Sở Nội vụ",
        (
            "chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của {agency}",
            "phân cấp quản lý cán bộ, công chức, viên chức",
            "số lượng, chức danh và chế độ đối với người hoạt động không chuyên trách ở cấp xã",
            "quy chế làm việc của Ủy ban nhân dân tỉnh nhiệm kỳ {period}",
            "quy chế công tác văn thư, lưu trữ của cơ quan nhà nước",
        ),
        ("Vị trí và chức năng", "Nhiệm vụ và quyền hạn", "Cơ cấu tổ chức", "Chế độ phụ cấp"),
        (
            "{agency} là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, có tư cách pháp nhân, con dấu và "
            "tài khoản riêng.",
            "Người hoạt động không chuyên trách ở cấp xã được hưởng phụ cấp bằng {percent} mức lương cơ sở.",
            "Giám đốc Sở chịu trách nhiệm trước Ủy ban nhân dân tỉnh về toàn bộ hoạt động của Sở.",
            "Hồ sơ, tài liệu lưu trữ hình thành trong hoạt động của cơ quan được nộp vào lưu trữ lịch sử tỉnh.",
            "Cán bộ, công chức cấp xã tại {place} được bố trí theo vị trí việc làm được phê duyệt.",
        ),
        ("chức năng nhiệm vụ", "cán bộ công chức cấp xã", "văn thư lưu trữ", "quy chế làm việc", "phân cấp quản lý"),
    ),
    Topic(
        "Tài nguyên - Môi trường",
        "Sở Tài nguyên và Môi trường",
        (
            "quản lý chất thải rắn sinh hoạt và giá dịch vụ thu gom, vận chuyển rác",
            "quản lý hoạt động khai thác cát, sỏi lòng sông",
            "bảo vệ môi trường trong hoạt động chăn nuôi và nuôi trồng thủy sản",
            "mức thu tiền sử dụng khu vực biển giai đoạn {period}",
        ),
        ("Thu gom chất thải", "Khu vực cấm khai thác", "Bảo vệ môi trường", "Giá dịch vụ thu gom rác"),
        (
            "Giá dịch vụ thu gom rác sinh hoạt đối với hộ gia đình tại {place} là {amount} mỗi tháng.",
            "Cấm khai thác cát trên sông Hậu đoạn chảy qua {place} để phòng chống sạt lở.",
            "Cơ sở chăn nuôi phải có hệ thống xử lý chất thải bảo đảm quy chuẩn kỹ thuật về môi trường.",
            "Mức thu tiền sử dụng khu vực biển để nuôi trồng thủy sản là {amount} mỗi héc ta mỗi năm.",
            "Chất thải rắn sinh hoạt được phân loại tại nguồn thành chất thải tái chế, thực phẩm và chất thải khác.",
        ),
        ("chất thải rắn", "khai thác cát", "bảo vệ môi trường", "sạt lở", "khu vực biển"),
    ),
    Topic(
        "An ninh trật tự",
        "Công an tỉnh",
        (
            "công tác phòng cháy, chữa cháy và cứu nạn, cứu hộ",
            "chế độ đối với lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở",
            "phòng, chống tội phạm và tệ nạn xã hội",
        ),
        ("Trang bị phương tiện", "Mức hỗ trợ hằng tháng", "Trách nhiệm phối hợp"),
        (
            "Tổ bảo vệ an ninh, trật tự ở cơ sở tại {place} được hỗ trợ {amount} mỗi tháng.",
            "Chợ, trung tâm thương mại phải trang bị phương tiện phòng cháy, chữa cháy theo quy chuẩn.",
            "Công an tỉnh chủ trì phối hợp với các sở, ngành kiểm tra an toàn phòng cháy, chữa cháy định kỳ.",
            "Lực lượng dân phòng được trang bị quần áo, mũ, ủng và đèn pin để làm nhiệm vụ chữa cháy.",
        ),
        ("phòng cháy chữa cháy", "an ninh trật tự", "dân phòng", "tệ nạn xã hội"),
    ),
    Topic(
        "Tư pháp",
        "Sở Tư pháp",
        (
            "quy chế phối hợp trong công tác kiểm tra, rà soát, hệ thống hóa văn bản quy phạm pháp luật",
            "mức chi bảo đảm cho công tác phổ biến, giáo dục pháp luật và hòa giải ở cơ sở",
            "mức chi hỗ trợ trợ giúp pháp lý cho người được trợ giúp pháp lý",
            "quy chế quản lý nhà nước về công tác bồi thường của Nhà nước",
        ),
        ("Rà soát văn bản", "Mức chi hòa giải", "Trợ giúp pháp lý", "Trách nhiệm phối hợp"),
        (
            "Văn bản quy phạm pháp luật hết hiệu lực phải được công bố danh mục trước ngày 31 tháng 01 hằng năm.",
            "Hòa giải viên ở cơ sở được hỗ trợ {amount} mỗi vụ, việc hòa giải thành.",
            "{agency} có trách nhiệm rà soát văn bản thuộc lĩnh vực quản lý và gửi kết quả về Sở Tư pháp.",
            "Người được trợ giúp pháp lý tại {place} được hỗ trợ chi phí đi lại theo mức {amount} mỗi lượt.",
            "Cơ sở dữ liệu quốc gia về pháp luật được cập nhật trong thời hạn 02 ngày làm việc kể từ ngày ký ban hành.",
        ),
        ("rà soát văn bản", "hòa giải ở cơ sở", "trợ giúp pháp lý", "phổ biến giáo dục pháp luật", "hệ thống hóa"),
    ),
)
TOPIC_WEIGHTS = (16, 18, 12, 9, 7, 6, 5, 6, 6, 7, 5, 3, 4)

DIRECTIVE_TASKS = (
    "tăng cường công tác phòng, chống thiên tai và tìm kiếm cứu nạn",
    "đẩy mạnh cải cách hành chính và chuyển đổi số trong cơ quan nhà nước",
    "tăng cường quản lý nhà nước về đất đai và xử lý vi phạm",
    "bảo đảm trật tự an toàn giao thông dịp Tết Nguyên đán",
    "tăng cường công tác phòng cháy, chữa cháy mùa khô",
    "đẩy mạnh phát triển du lịch cộng đồng",
)

GENERAL = (
    "Trường hợp văn bản dẫn chiếu tại Quy định này được sửa đổi, bổ sung hoặc thay thế thì áp dụng theo văn bản mới.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh kịp thời "
    "về {agency} để tổng hợp.",
    "Ủy ban nhân dân cấp huyện có trách nhiệm tuyên truyền, phổ biến nội dung Quy định này đến người dân.",
    "Việc kiểm tra, giám sát được thực hiện định kỳ hằng năm hoặc đột xuất khi có yêu cầu.",
    "Tổ chức, cá nhân vi phạm thì tùy theo tính chất, mức độ mà bị xử lý kỷ luật, xử phạt vi phạm hành chính.",
    "Các chế độ quy định tại văn bản này được thực hiện từ năm ngân sách {year}.",
)


@dataclass
class DocMeta:
    issuer: str
    symbol: str
    doc_type: str
    province: str
    topic: int
    issued_on: dt.date
    effective_from: dt.date | None
    effective_until: dt.date | None
    published: bool
    number: str = ""
    serial: int = 0
    # what this document does to an earlier one: ("replaces" | "amends", index of the earlier DocMeta) or None
    acts_on: tuple[str, int] | None = None
    pk: int = 0


def _date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(max(1, (end - start).days + 1)))


def plan_documents(count: int, seed: int, today: dt.date, taken: set[tuple[str, str]]) -> list[DocMeta]:
    """Metadata of `count` documents in issue-date order, numbers unique per issuer (also against `taken`:
    (issuer code, number key) pairs already in the catalogue) and relations to earlier documents."""
    from legal import numbers

    rng = random.Random(seed)
    series_weights = [s[3] for s in SERIES]
    metas: list[DocMeta] = []
    for _ in range(count):
        issuer, symbol, doc_type, _, province = rng.choices(SERIES, series_weights)[0]
        new = issuer.endswith("-AG")
        start, end = (MERGER, today) if new else (FIRST_DAY, MERGER - dt.timedelta(days=1))
        issued_on = _date_between(rng, start, end)
        effective_from: dt.date | None = issued_on + dt.timedelta(days=rng.choice((10, 10, 10, 15, 20, 30)))
        if rng.random() < 0.15:
            effective_from = None  # not recorded
        effective_until = None
        if effective_from and rng.random() < 0.04:
            effective_until = dt.date(min(issued_on.year + rng.randint(1, 5), 2030), 12, 31)
        topic = rng.choices(range(len(TOPICS)), TOPIC_WEIGHTS)[0]
        metas.append(
            DocMeta(
                issuer=issuer,
                symbol=symbol,
                doc_type=doc_type,
                province=province,
                topic=topic,
                issued_on=issued_on,
                effective_from=effective_from,
                effective_until=effective_until,
                published=rng.random() >= 0.01,
            )
        )
    metas.sort(key=lambda m: (m.issued_on, m.issuer, m.symbol))
    serial: Counter[tuple[str, str, int]] = Counter()
    earlier: dict[tuple[str, str, int], list[int]] = defaultdict(list)  # (province, symbol, topic) -> indexes
    for i, m in enumerate(metas):
        while True:
            serial[(m.issuer, m.symbol, m.issued_on.year)] += 1
            m.serial = serial[(m.issuer, m.symbol, m.issued_on.year)]
            m.number = f"{m.serial:02d}/{m.issued_on.year}/{m.symbol}"
            if (m.issuer, numbers.number_key(m.number)) not in taken:
                break
        pool = earlier[(m.province, m.symbol, m.topic)]
        if pool and m.doc_type != "chi-thi" and m.published:
            roll = rng.random()
            if roll < 0.12:
                target = pool.pop(rng.randrange(max(0, len(pool) - 30), len(pool)))  # one of the recent ones
                m.acts_on = ("replaces", target)
            elif roll < 0.20:
                m.acts_on = ("amends", pool[rng.randrange(max(0, len(pool) - 30), len(pool))])
        if m.doc_type != "chi-thi" and m.published:
            pool.append(i)
    return metas


_AMOUNTS = ("20", "30", "50", "80", "100", "150", "200", "250", "300", "500", "700", "1.000", "1.500", "2.000", "5.000")


def _fill(rng: random.Random, template: str, meta: DocMeta, topic: Topic) -> str:
    if "{" not in template:
        return template
    year = meta.issued_on.year
    places = PLACES[meta.province] + (NEW_COMMUNES if meta.issued_on >= MERGER else [])
    return template.format(
        place=rng.choice(places),
        amount=f"{rng.choice(_AMOUNTS)}.000 đồng",
        percent=f"{rng.choice((10, 20, 25, 30, 50, 70, 100))}%",
        year=year,
        period=f"{year}-{year + 4}",
        school_year=f"{year}-{year + 1}",
        n=rng.choice((2, 3, 4, 5, 6, 7, 36, 40, 45, 50, 60, 80, 100, 150, 200, 300)),
        agency=topic.agency if rng.random() < 0.6 else rng.choice(AGENCIES),
        province=meta.province,
    )


def _long_date(day: dt.date) -> str:
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def write_text(meta: DocMeta, metas: list[DocMeta], rng: random.Random) -> tuple[str, str]:
    """(title, full text) of one document; about 300 words of text."""
    topic = TOPICS[meta.topic]
    type_name = TYPE_NAMES[meta.doc_type]
    scope = f"trên địa bàn tỉnh {meta.province}"
    subject = _fill(rng, rng.choice(topic.subjects), meta, topic)
    if meta.doc_type == "chi-thi":
        title = f"Về việc {rng.choice(DIRECTIVE_TASKS)} {scope}"
    elif meta.acts_on and meta.acts_on[0] == "amends":
        old = metas[meta.acts_on[1]]
        what = "Quy định" if old.doc_type == "quyet-dinh" else TYPE_NAMES[old.doc_type]
        title = (
            f"Sửa đổi, bổ sung một số điều của {what} {subject} {scope} ban hành kèm theo "
            f"{TYPE_NAMES[old.doc_type]} số {old.number} ngày {old.issued_on.day:02d}/{old.issued_on.month}/"
            f"{old.issued_on.year} của {ISSUER_NAMES[old.issuer]}"
        )
    elif meta.doc_type == "quyet-dinh" and rng.random() < 0.5:
        title = f"Ban hành Quy định {subject} {scope}"
    else:
        title = f"Quy định {subject} {scope}"

    lines: list[str] = []
    this = f"{type_name} này"
    lines.append("Điều 1. Phạm vi điều chỉnh")
    lines.append(f"{this} quy định {subject} {scope}.")
    lines.append("Điều 2. Đối tượng áp dụng")
    lines.append(
        f"1. Cơ quan nhà nước, tổ chức chính trị - xã hội và đơn vị sự nghiệp công lập thuộc tỉnh {meta.province}."
    )
    lines.append(f"2. Tổ chức, cá nhân có liên quan đến việc thực hiện {this.lower()} {scope}.")
    article = 3
    target_words = rng.randint(200, 280)
    titles = list(topic.articles)
    rng.shuffle(titles)
    words = sum(len(line.split()) for line in lines) + 95  # the two closing articles
    used: set[str] = set()
    while words < target_words and titles:
        lines.append(f"Điều {article}. {titles.pop()}")
        article += 1
        for k in range(1, rng.randint(2, 4) + 1):
            pool = topic.sentences if rng.random() < 0.8 else GENERAL
            template = rng.choice(pool)
            if template in used:  # another one if there is one left
                template = rng.choice([t for t in pool if t not in used] or pool)
            used.add(template)
            sentence = f"{k}. {_fill(rng, template, meta, topic)}"
            lines.append(sentence)
            words += len(sentence.split()) + 3
    lines.append(f"Điều {article}. Tổ chức thực hiện")
    lines.append(
        f"1. Giao {topic.agency} chủ trì, phối hợp với các sở, ban, ngành tỉnh và Ủy ban nhân dân các huyện, thị xã, "
        f"thành phố hướng dẫn, kiểm tra việc thực hiện {this.lower()}."
    )
    lines.append(
        "2. Chánh Văn phòng Ủy ban nhân dân tỉnh, Thủ trưởng các sở, ban, ngành tỉnh, Chủ tịch Ủy ban nhân dân các "
        f"huyện, thị xã, thành phố và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành {this.lower()}."
    )
    lines.append(f"Điều {article + 1}. Hiệu lực thi hành")
    when = meta.effective_from or (meta.issued_on + dt.timedelta(days=10))
    lines.append(f"1. {this} có hiệu lực kể từ {_long_date(when)}.")
    if meta.acts_on and meta.acts_on[0] == "replaces":
        old = metas[meta.acts_on[1]]
        lines.append(
            f"2. {this} thay thế {TYPE_NAMES[old.doc_type]} số {old.number} {_long_date(old.issued_on)} của "
            f"{ISSUER_NAMES[old.issuer]} quy định {_fill(rng, rng.choice(topic.subjects), old, topic)}."
        )
    elif meta.acts_on:
        old = metas[meta.acts_on[1]]
        lines.append(f"2. Sửa đổi Điều 3 {TYPE_NAMES[old.doc_type]} số {old.number} của {issuer_name_of(old)}.")
    return title, "\n".join(lines)


def issuer_name_of(meta: DocMeta) -> str:
    return ISSUER_NAMES[meta.issuer]


def load(count: int, seed: int, progress: Callable[[str], None] = print, chunk: int = 2_000) -> dict[str, Any]:
    """Top the catalogue up to `count` documents (the demo's included) with generated ones; returns a summary."""
    from django.db import transaction

    from backend.catalogue import selectors, services, validity
    from backend.catalogue.models import Authority, Document, DocumentType, Field, Relation
    from legal import numbers
    from legal.provisions import parse_structure

    started = time.perf_counter()
    authorities = {a.code: a for a in Authority.objects.all()}
    missing = {s[0] for s in SERIES} - set(authorities)
    if missing:
        raise RuntimeError(f"authorities missing (import the demo dataset first): {sorted(missing)}")
    types = {t.code: t for t in DocumentType.objects.all()}
    fields_by_name = {f.name: f for f in Field.objects.all()}
    taken = {(code, key) for code, key in Document.objects.values_list("issuer__code", "number_key")}
    wanted = max(0, count - Document.objects.count())
    today = selectors.today()
    metas = plan_documents(wanted, seed, today, taken)
    rng = random.Random(seed + 1)
    through = Document.fields.through
    texts_s = parse_s = insert_s = 0.0
    words = 0
    for start in range(0, len(metas), chunk):
        part = metas[start : start + chunk]
        t0 = time.perf_counter()
        docs = []
        for meta in part:
            title, text = write_text(meta, metas, rng)
            words += len(text.split())
            docs.append((meta, title, text))
        t1 = time.perf_counter()
        rows = [
            Document(
                number=meta.number,
                number_key=numbers.number_key(meta.number),
                doc_type=types[meta.doc_type],
                issuer=authorities[meta.issuer],
                signer=GENERATED_MARK,
                title=title,
                issued_on=meta.issued_on,
                effective_from=meta.effective_from,
                effective_until=meta.effective_until,
                text=text,
                structure=parse_structure(text),
                published=meta.published,
                status=validity.Status.NOT_YET_EFFECTIVE.value,
            )
            for meta, title, text in docs
        ]
        t2 = time.perf_counter()
        with transaction.atomic():
            created = Document.objects.bulk_create(rows, batch_size=500)
            links = []
            for meta, row in zip(part, created, strict=True):
                meta.pk = row.pk
                topic_field = fields_by_name.get(TOPICS[meta.topic].field)
                if topic_field is not None and rng.random() < 0.9:
                    links.append(through(document_id=row.pk, field_id=topic_field.pk))
            through.objects.bulk_create(links, batch_size=2000, ignore_conflicts=True)
        t3 = time.perf_counter()
        texts_s += t1 - t0
        parse_s += t2 - t1
        insert_s += t3 - t2
        progress(f"documents: {start + len(part)}/{len(metas)}")

    relations: list[Relation] = []
    rejected = 0
    for meta in metas:
        if not meta.acts_on:
            continue
        kind, target_index = meta.acts_on
        old = metas[target_index]
        effective_on = meta.effective_from or meta.issued_on
        provisions = ["Điều 3"] if kind == "amends" else []
        try:
            validity.check_relation(
                source=validity.DocumentFacts(
                    meta.pk, meta.number, meta.issued_on, meta.effective_from, meta.effective_until
                ),
                target=validity.DocumentFacts(
                    old.pk, old.number, old.issued_on, old.effective_from, old.effective_until
                ),
                kind=validity.RelationKind(kind),
                effective_on=effective_on,
                ends_on=None,
            )
        except validity.TimelineError:
            rejected += 1
            continue
        relations.append(
            Relation(
                source_id=meta.pk,
                target_id=old.pk,
                kind=kind,
                effective_on=effective_on,
                provisions=services.normalize_provisions(provisions),
            )
        )
    Relation.objects.bulk_create(relations, batch_size=2000)
    progress(f"relations: {len(relations)} ({rejected} rejected by the timeline check)")
    t4 = time.perf_counter()
    report = services.apply_due_transitions()
    statuses_s = time.perf_counter() - t4
    return {
        "generated_documents": len(metas),
        "documents": Document.objects.count(),
        "mean_words": round(words / max(1, len(metas)), 1),
        "relations": dict(Counter(r.kind for r in relations)),
        "relations_rejected": rejected,
        "unpublished": sum(not m.published for m in metas),
        "status": dict(Counter(Document.objects.values_list("status", flat=True))),
        "transitions": {"examined": report.examined, "changed": report.changed},
        "seconds": {
            "write_text": round(texts_s, 2),
            "parse_structure": round(parse_s, 2),
            "insert": round(insert_s, 2),
            "statuses": round(statuses_s, 2),
            "total": round(time.perf_counter() - started, 2),
        },
    }


# --- the queries ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuerySpec:
    kind: str
    q: str
    params: dict[str, str] = field(default_factory=dict)  # API filters: type, issuer, issued_from, issued_to, …
    pg_text: str = ""  # the words PostgreSQL searches for (its syntax has no phrases, exclusions or OR)
    pg_match: str = "all"  # "all" for keywords, "any" for questions and OR


QUESTIONS = (
    "Hộ gia đình tôi bị thu hồi đất nông nghiệp để làm đường thì được bồi thường và hỗ trợ những khoản nào?",
    "Mức học phí năm học mới đối với trẻ mầm non ở trường công lập tại thành phố Long Xuyên là bao nhiêu?",
    "Muốn tách thửa đất ở tại nông thôn thì diện tích tối thiểu sau khi tách phải là bao nhiêu mét vuông?",
    "Người thuộc hộ cận nghèo có được tỉnh hỗ trợ thêm tiền đóng bảo hiểm y tế hằng năm hay không?",
    "Tôi xây nhà ở riêng lẻ trong hẻm ở thành phố Rạch Giá thì có cần xin giấy phép xây dựng không?",
    "Giá dịch vụ thu gom rác sinh hoạt hằng tháng đối với hộ gia đình ở phường được quy định ra sao?",
    "Chùa Khmer đóng mới ghe Ngo để tham gia giải đua thì được nhà nước hỗ trợ bao nhiêu tiền?",
    "Phụ cấp hằng tháng của người hoạt động không chuyên trách ở xã, ấp hiện nay được tính như thế nào?",
    "Bảng giá đất của tỉnh được dùng để tính những khoản tiền nào khi làm thủ tục chuyển mục đích sử dụng đất?",
    "Ngư dân đánh bắt xa bờ ở Phú Quốc được hỗ trợ chi phí nhiên liệu cho mỗi chuyến biển như thế nào?",
    "Chuyển đổi ruộng lúa sang trồng cây ăn trái thì nông dân được hỗ trợ bao nhiêu tiền mỗi héc ta?",
    "Học sinh giỏi đạt giải cấp quốc gia được tỉnh thưởng bao nhiêu và thủ tục nhận thưởng thế nào?",
    "Mức thu lệ phí trước bạ khi đăng ký xe máy mới lần đầu ở thành phố là bao nhiêu phần trăm?",
    "Xe tải trên mười tấn có được chạy trên đường huyện, đường xã hay không và ai quy định tải trọng?",
    "Lao động nông thôn đi học nghề ngắn hạn thì được hỗ trợ học phí và tiền ăn ở như thế nào?",
    "Cơ quan nào có trách nhiệm rà soát và công bố danh mục văn bản quy phạm pháp luật hết hiệu lực hằng năm?",
    "Hòa giải viên ở cơ sở được chi thù lao bao nhiêu cho mỗi vụ việc hòa giải thành công?",
    "Vận động viên thể thao của tỉnh khi tập trung tập luyện được hưởng chế độ dinh dưỡng mỗi ngày là bao nhiêu?",
    "Khai thác cát trên sông Hậu có bị cấm không và khu vực nào bị cấm để phòng chống sạt lở bờ sông?",
    "Người cao tuổi trên tám mươi tuổi không có lương hưu thì có được nhận trợ cấp xã hội hằng tháng không?",
    "Nhà hàng, chợ, trung tâm thương mại phải trang bị những phương tiện phòng cháy chữa cháy nào theo quy định?",
    "Hộ nghèo được hỗ trợ bao nhiêu tiền để xây nhà ở và thủ tục đề nghị hỗ trợ gồm những giấy tờ gì?",
    "Giá khám bệnh ở bệnh viện tuyến huyện đối với người không có thẻ bảo hiểm y tế là bao nhiêu một lượt?",
    "Làm du lịch cộng đồng tại nhà thì hộ gia đình có được hỗ trợ chi phí sửa nhà để đón khách không?",
)
PHRASES = (
    '"bảng giá đất"',
    '"thu hồi đất" bồi thường',
    '"đất nông nghiệp"',
    '"phí bảo vệ môi trường"',
    '"hỗ trợ" "nuôi trồng thủy sản"',
    '"giấy phép xây dựng" nhà ở',
    '"học phí" mầm non',
    '"bảo hiểm y tế"',
    '"ghe Ngo"',
    '"chất thải rắn sinh hoạt"',
    '"người có công"',
    '"hòa giải ở cơ sở"',
    '"phòng cháy, chữa cháy"',
    '"tái định cư"',
    '"đường thủy nội địa"',
    '"du lịch cộng đồng"',
)
EXCLUSIONS = (
    "giá đất -nông nghiệp",
    "học phí -mầm non",
    'hỗ trợ -"hộ nghèo"',
    "phí -lệ phí",
    "bồi thường -cây",
    "thủy sản -biển",
    'xây dựng -"nông thôn mới"',
    "giấy phép -xây dựng",
    "du lịch -Khmer",
)
ORS = (
    "học phí OR lệ phí",
    "Phú Quốc OR Hà Tiên",
    "khuyến nông OR thủy lợi",
    "ghe Ngo OR lễ hội",
    "bến khách OR xe buýt",
    "di tích OR du lịch",
    "sạt lở OR khai thác cát",
    "hộ nghèo OR cận nghèo",
)
EXTRA_KEYWORDS = (
    "quy định",
    "hỗ trợ",
    "phụ cấp",
    "Rạch Giá",
    "Châu Đốc",
    "Long Xuyên",
    "Hòn Đất",
    "đất ở",
    "ngân sách",
    "mức chi",
    "Khmer",
    "ô tô",
    "rác",
    "Núi Sam",
    "sông Hậu",
    "cán bộ",
    "chuyển đổi số",
    "giá",
    "đặc khu Phú Quốc",
)


def fold(text: str) -> str:
    """What a user types without diacritics: đ -> d, marks removed, case kept."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize(
        "NFC", "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    )


def _pg_words(q: str) -> str:
    """The words of a query for PostgreSQL: quotes removed, exclusions dropped, OR dropped."""
    kept = []
    in_excluded_phrase = False
    for token in q.replace('"', ' " ').split():
        if token == '"':
            if in_excluded_phrase:
                in_excluded_phrase = False
            continue
        if token.startswith("-"):
            if token == "-":
                in_excluded_phrase = True
            continue
        if in_excluded_phrase or token == "OR":
            continue
        kept.append(token)
    return " ".join(kept)


def _number_variant(number: str, rng: random.Random) -> str:
    serial, year, symbol = number.split("/")
    variants = [
        number,
        number.replace("Đ", "D"),
        number.lower(),
        f"Số {number}",
        f"{serial} / {year} / {symbol}",
        f"số {int(serial)}/{year}/{symbol.replace('Đ', 'D').lower()}",
    ]
    return rng.choice(variants)


def _number_prefix(number: str, rng: random.Random) -> str:
    serial, year, symbol = number.split("/")
    short = symbol.split("-")[0]
    variants = [
        f"{serial}/{year}",
        f"{short} {serial}/{year}",
        f"{fold(short)} {serial}/{year}",
        f"{serial}/{year}/{short}",
        f"{serial}/{year} {symbol}",
    ]
    return rng.choice(variants)


def build_queries(seed: int, numbers: list[tuple[str, str]], count: int = 200) -> list[QuerySpec]:
    """The fixed mix (for count=200): 45 keyword queries with diacritics, 30 without, 25 full numbers in various
    spellings, 15 number prefixes, 15 quoted phrases, 8 exclusions, 7 OR, 20 long questions and 35 keyword
    queries with filters (type, issuer with its predecessors, issue-year range, status), shuffled.

    `numbers`: (number, issuer code) of documents in the catalogue to search for."""
    rng = random.Random(seed)
    keywords = sorted({k for t in TOPICS for k in t.keywords} | set(EXTRA_KEYWORDS))
    quota = {
        "keywords": 45,
        "keywords-folded": 30,
        "number": 25,
        "number-prefix": 15,
        "phrase": 15,
        "exclusion": 8,
        "or": 7,
        "question": 20,
        "filtered": 35,
    }
    scale = count / sum(quota.values())
    specs: list[QuerySpec] = []

    def keyword_query() -> str:
        words = rng.choice(keywords)
        if rng.random() < 0.35 and len(words.split()) < 3:
            extra = rng.choice(keywords)
            if len((words + " " + extra).split()) <= 3:
                words = f"{words} {extra}"
        return words

    for kind, n in quota.items():
        for _ in range(max(1, round(n * scale))):
            params: dict[str, str] = {}
            match = "all"
            if kind == "keywords":
                q = keyword_query()
            elif kind == "keywords-folded":
                q = fold(keyword_query()).lower() if rng.random() < 0.7 else fold(keyword_query())
            elif kind == "number":
                q = _number_variant(rng.choice(numbers)[0], rng)
            elif kind == "number-prefix":
                q = _number_prefix(rng.choice(numbers)[0], rng)
            elif kind == "phrase":
                q = rng.choice(PHRASES)
            elif kind == "exclusion":
                q = rng.choice(EXCLUSIONS)
            elif kind == "or":
                q = rng.choice(ORS)
                match = "any"
            elif kind == "question":
                q = rng.choice(QUESTIONS)
                match = "any"
            else:
                q = keyword_query()
                if rng.random() < 0.3:
                    q = fold(q)
                roll = rng.random()
                if roll < 0.3:
                    params["type"] = rng.choice(("quyet-dinh", "nghi-quyet"))
                if 0.2 <= roll < 0.6:
                    params["issuer"] = rng.choice(("UBND-KG", "HDND-KG", "UBND-AG-OLD", "UBND-AG"))
                    if params["issuer"] == "UBND-AG" and rng.random() < 0.7:
                        params["with_predecessors"] = "true"
                if roll >= 0.5 or not params:
                    first = rng.randint(2005, 2024)
                    params["issued_from"] = f"{first}-01-01"
                    params["issued_to"] = f"{min(2026, first + rng.randint(0, 5))}-12-31"
                if rng.random() < 0.15:
                    params["status"] = "in_force"
            pg_text = q if kind == "question" else _pg_words(q)
            if kind == "number" and pg_text.split()[0].lower() == "số":
                pg_text = pg_text.split(" ", 1)[1]  # "Số" only announces the number
            specs.append(QuerySpec(kind, q, params, pg_text, match))
    rng.shuffle(specs)
    return specs[:count]
