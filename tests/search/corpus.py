"""A small, realistic corpus of Vietnamese legal documents for the behaviour suite (50 documents).

Ids 1-20 are written by hand (each one is there for a test); ids 21-50 are generated from templates so that
paging, sorting and facets have enough documents with tied dates.
"""

from __future__ import annotations

import datetime as dt

from search.types import IndexedArticle, IndexedDocument


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def doc(
    id: int,
    number: str,
    title: str,
    text: str = "",
    *,
    doc_type: str = "quyet-dinh",
    issuer: str = "UBND-AG",
    fields: tuple[str, ...] = (),
    status: str = "in_force",
    issued: str = "2020-01-01",
    effective: str | None = None,
    published: bool = True,
    articles: tuple[IndexedArticle, ...] = (),
) -> IndexedDocument:
    return IndexedDocument(
        id=id,
        number=number,
        title=title,
        text=text,
        doc_type=doc_type,
        issuer=issuer,
        fields=fields,
        status=status,
        issued_on=d(issued),
        effective_from=d(effective) if effective else None,
        published=published,
        articles=articles,
    )


def art(n: int, title: str, text: str) -> IndexedArticle:
    return IndexedArticle(anchor=f"dieu-{n}", label=f"Điều {n}", title=title, text=text)


BOI_THUONG_AG_ARTICLES = (
    art(1, "Phạm vi điều chỉnh", "Quy định này quy định chi tiết một số điều của Luật Đất đai về bồi thường, hỗ trợ."),
    art(
        2,
        "Đối tượng áp dụng",
        "Cơ quan thực hiện chức năng quản lý nhà nước về đất đai; người sử dụng đất có đất bị thu hồi.",
    ),
    art(
        5,
        "Hỗ trợ ổn định đời sống và sản xuất",
        "Hộ gia đình, cá nhân đang trực tiếp sản xuất nông nghiệp khi Nhà nước thu hồi đất nông nghiệp thì được "
        "hỗ trợ ổn định đời sống bằng tiền tương đương 30 kg gạo cho mỗi nhân khẩu trong thời gian 6 tháng; "
        "được hỗ trợ đào tạo, chuyển đổi nghề và tìm kiếm việc làm.",
    ),
    art(
        9,
        "Bồi thường về cây trồng, vật nuôi",
        "Đơn giá bồi thường cây trồng, vật nuôi là thủy sản thực hiện theo bảng giá do Ủy ban nhân dân tỉnh ban hành.",
    ),
)

HAND: list[IndexedDocument] = [
    doc(
        1,
        "15/2017/QĐ-UBND",
        "Quyết định ban hành quy định về bồi thường, hỗ trợ khi Nhà nước thu hồi đất trên địa bàn tỉnh An Giang",
        "ỦY BAN NHÂN DÂN TỈNH AN GIANG. Số: 15/2017/QĐ-UBND. Căn cứ Luật Đất đai ngày 29 tháng 11 năm 2013; "
        "Căn cứ Nghị định số 47/2014/NĐ-CP ngày 15 tháng 5 năm 2014 của Chính phủ quy định về bồi thường, hỗ trợ, "
        "tái định cư khi Nhà nước thu hồi đất.",
        issuer="UBND-AG",
        fields=("dat-dai",),
        issued="2017-03-20",
        effective="2017-04-01",
        articles=BOI_THUONG_AG_ARTICLES,
    ),
    doc(
        2,
        "19/2022/NQ-HĐND",
        "Nghị quyết quy định mức thu, miễn, giảm, quản lý và sử dụng lệ phí trước bạ đối với nhà, đất",
        "HỘI ĐỒNG NHÂN DÂN TỈNH AN GIANG. Số: 19/2022/NQ-HĐND. Căn cứ Luật Phí và lệ phí ngày 25 tháng 11 năm "
        "2015. Điều 1. Mức thu lệ phí trước bạ đối với nhà, đất là 0,5%.",
        doc_type="nghi-quyet",
        issuer="HDND-AG",
        fields=("tai-chinh", "dat-dai"),
        issued="2022-12-08",
        effective="2023-01-01",
    ),
    doc(
        3,
        "1234/QĐ-UBND",
        "Quyết định công nhận xã Vĩnh Hòa đạt chuẩn nông thôn mới năm 2023",
        "Công nhận xã Vĩnh Hòa, huyện Tân Châu đạt chuẩn nông thôn mới năm 2023. Xã đạt 19/19 tiêu chí.",
        issuer="UBND-AG",
        fields=("nong-nghiep",),
        issued="2023-06-15",
        effective="2023-06-15",
    ),
    doc(
        4,
        "22/2019/QĐ-UBND",
        "Quyết định ban hành quy định về quản lý đất đai trên địa bàn tỉnh Kiên Giang",
        "Quy định này quy định việc quản lý đất đai, giao đất, cho thuê đất trên địa bàn tỉnh Kiên Giang.",
        issuer="UBND-KG",
        fields=("dat-dai",),
        issued="2019-08-01",
        effective="2019-08-15",
    ),
    doc(
        5,
        "31/2018/QĐ-UBND",
        "Quyết định phê duyệt dự án đường vành đai thành phố Long Xuyên và kế hoạch thu hồi đất để thực hiện dự án",
        "Phê duyệt dự án đầu tư xây dựng đường vành đai; giao Sở Tài nguyên và Môi trường lập kế hoạch thu hồi đất.",
        issuer="UBND-AG",
        fields=("xay-dung",),
        issued="2018-05-10",
        effective="2018-05-10",
    ),
    doc(
        6,
        "05/2017/NQ-HĐND",
        "Nghị quyết quy định mức thu học phí đối với cơ sở giáo dục mầm non và phổ thông công lập năm học 2017-2018",
        "Mức thu học phí đối với cơ sở giáo dục mầm non, phổ thông công lập trên địa bàn tỉnh.",
        doc_type="nghi-quyet",
        issuer="HDND-AG",
        fields=("giao-duc", "tai-chinh"),
        status="expired",
        issued="2017-07-14",
        effective="2017-09-01",
    ),
    doc(
        7,
        "43/2014/NĐ-CP",
        "Nghị định quy định chi tiết thi hành một số điều của Luật Đất đai",
        "Nghị định này quy định chi tiết một số điều, khoản của Luật Đất đai số 45/2013/QH13.",
        doc_type="nghi-dinh",
        issuer="CP",
        fields=("dat-dai",),
        status="partially_expired",
        issued="2014-05-15",
        effective="2014-07-01",
    ),
    doc(
        8,
        "47/2014/NĐ-CP",
        "Nghị định quy định về bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất",
        "Nghị định này quy định về bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất.",
        doc_type="nghi-dinh",
        issuer="CP",
        fields=("dat-dai",),
        status="expired",
        issued="2014-05-15",
        effective="2014-07-01",
    ),
    doc(
        9,
        "26/2020/QĐ-UBND",
        "Quyết định ban hành quy định về bồi thường, hỗ trợ và tái định cư khi Nhà nước thu hồi đất trên địa bàn "
        "tỉnh Kiên Giang",
        "Căn cứ Nghị định số 47/2014/NĐ-CP. Quy định về bồi thường, hỗ trợ và tái định cư khi thu hồi đất.",
        issuer="UBND-KG",
        fields=("dat-dai",),
        issued="2020-09-30",
        effective="2020-10-15",
    ),
    doc(
        10,
        "12/2021/QĐ-UBND",
        "Quyết định quy định về đăng ký khai sinh, kết hôn có yếu tố nước ngoài trên địa bàn tỉnh",
        "Trình tự, thủ tục đăng ký khai sinh, đăng ký kết hôn có yếu tố nước ngoài.",
        issuer="UBND-AG",
        fields=("tu-phap",),
        issued="2021-04-02",
        effective="2021-04-15",
        articles=(
            art(
                3,
                "Giấy tờ đăng ký khai sinh",
                "Trường hợp cha, mẹ chưa đăng ký kết hôn thì người đi đăng ký khai sinh nộp tờ khai và giấy chứng "
                "sinh; việc nhận cha, con được giải quyết kết hợp.",
            ),
        ),
    ),
    doc(
        11,
        "02/2016/CT-UBND",
        "Chỉ thị về tăng cường công tác phòng, chống tội phạm ma túy",
        "Tăng cường công tác phòng, chống tội phạm ma túy trên địa bàn tỉnh.",
        doc_type="chi-thi",
        issuer="UBND-AG",
        fields=("an-ninh",),
        status="expired",
        issued="2016-02-01",
        effective="2016-02-01",
    ),
    doc(
        12,
        "08/2023/QĐ-UBND",
        "Quyết định quy định mức thu phí tham quan khu di tích Núi Sam",
        "Mức thu phí tham quan khu di tích quốc gia đặc biệt Núi Sam.",
        issuer="UBND-AG",
        fields=("tai-chinh", "van-hoa"),
        issued="2023-02-20",
        effective=None,
    ),
    doc(
        13,
        "40/2019/QĐ-UBND",
        "Quyết định ban hành bảng giá các loại đất giai đoạn 2020-2024 trên địa bàn tỉnh An Giang",
        "Bảng giá đất nông nghiệp, đất ở tại nông thôn, đất ở tại đô thị.",
        issuer="UBND-AG",
        fields=("dat-dai",),
        status="partially_suspended",
        issued="2019-12-19",
        effective="2020-01-01",
    ),
    doc(
        14,
        "17/2020/NQ-HĐND",
        "Nghị quyết về chính sách hỗ trợ đào tạo nghề cho lao động nông thôn",
        "Hỗ trợ chi phí đào tạo nghề cho lao động nông thôn, người khuyết tật.",
        doc_type="nghi-quyet",
        issuer="HDND-KG",
        fields=("lao-dong",),
        issued="2020-07-10",
        effective="2020-08-01",
        published=False,
    ),
    doc(
        15,
        "03/2024/QĐ-UBND",
        "Quyết định sửa đổi, bổ sung một số điều của Quy định ban hành kèm theo Quyết định số 15/2017/QĐ-UBND",
        "Sửa đổi Điều 5 của Quy định ban hành kèm theo Quyết định số 15/2017/QĐ-UBND ngày 20 tháng 3 năm 2017.",
        issuer="UBND-AG",
        fields=("dat-dai",),
        issued="2024-01-25",
        effective="2024-02-05",
    ),
    doc(
        16,
        "25/2021/QĐ-UBND",
        "Quyết định quy định về quản lý, vận hành và khai thác cụm công nghiệp",
        "Quản lý, vận hành cụm công nghiệp; cho thuê đất trong cụm công nghiệp.",
        issuer="UBND-AG",
        fields=("cong-thuong",),
        status="suspended",
        issued="2021-09-09",
        effective="2021-09-20",
    ),
    doc(
        17,
        "11/2022/QĐ-UBND",
        "Quyết định về việc ban hành quy chế phối hợp quản lý nhà nước về karaoke và vũ trường",
        "Phối hợp quản lý hoạt động kinh doanh dịch vụ karaoke, dịch vụ vũ trường.",
        issuer="UBND-AG",
        fields=("van-hoa",),
        status="not_yet_effective",
        issued="2022-04-04",
        effective="2030-01-01",
    ),
    doc(
        18,
        "09/2018/TT-BTC",
        "Thông tư hướng dẫn về lệ phí cấp giấy chứng nhận quyền sử dụng đất",
        "Lệ phí cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất.",
        doc_type="thong-tu",
        issuer="BTC",
        fields=("tai-chinh", "dat-dai"),
        issued="2018-01-15",
        effective="2018-03-01",
    ),
    doc(
        19,
        "07/2015/QĐ-UBND",
        "Quyết định quy định hạn mức giao đất ở và công nhận quyền sử dụng đất",
        "Hạn mức giao đất ở tại nông thôn và đô thị.",
        issuer="UBND-KG",
        fields=("dat-dai",),
        status="expired",
        issued="2015-03-03",
        effective="2015-03-13",
    ),
    doc(
        20,
        "88/QĐ-UBND",
        "Quyết định về việc thành lập Ban chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn",
        "Thành lập Ban chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh.",
        issuer="UBND-AG",
        fields=("thien-tai",),
        issued="2021-01-05",
        effective="2021-01-05",
    ),
]

_PROVINCES = ("An Giang", "Kiên Giang", "Đồng Tháp", "Cần Thơ", "Sóc Trăng", "Bạc Liêu", "Cà Mau")
_TOPICS = (
    ("quy định chức năng, nhiệm vụ, quyền hạn của Sở Tư pháp", "tu-phap"),
    ("ban hành quy chế quản lý cụm công nghiệp", "cong-thuong"),
    ("quy định giá dịch vụ khám bệnh, chữa bệnh", "y-te"),
    ("phân cấp quản lý nhà nước về an toàn thực phẩm", "y-te"),
    ("quy định về quản lý chất thải rắn sinh hoạt", "moi-truong"),
    ("quy định mức chi hỗ trợ cho hoạt động khuyến nông", "nong-nghiep"),
    ("ban hành quy chế phối hợp quản lý nhà nước về tài nguyên nước", "moi-truong"),
)
_ISSUERS = ("UBND-AG", "UBND-KG", "UBND-DT")
_STATUSES = ("in_force", "in_force", "expired", "partially_expired")


def _generated() -> list[IndexedDocument]:
    out = []
    for k in range(30):
        doc_id = 21 + k
        province = _PROVINCES[k % len(_PROVINCES)]
        topic, field_code = _TOPICS[k % len(_TOPICS)]
        year = 2015 + (k % 5)
        issued = f"{year}-06-01" if k % 3 else f"{year}-01-10"  # many ties on purpose
        out.append(
            doc(
                doc_id,
                f"{doc_id + 100}/{year}/QĐ-UBND",
                f"Quyết định {topic} tỉnh {province}",
                f"Ủy ban nhân dân tỉnh {province} quyết định {topic}. Quyết định này có hiệu lực từ ngày ký.",
                issuer=_ISSUERS[k % len(_ISSUERS)],
                fields=(field_code,),
                status=_STATUSES[k % len(_STATUSES)],
                issued=issued,
                effective=None if k % 4 == 0 else issued,
            )
        )
    return out


CORPUS: list[IndexedDocument] = HAND + _generated()
BY_ID = {document.id: document for document in CORPUS}
PUBLISHED = [document for document in CORPUS if document.published]

assert len(CORPUS) == 50 and len(BY_ID) == 50
