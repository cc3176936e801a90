"""The e-mails of watching, in Vietnamese with English below (as the notices): the confirmation, and the digest.
Every digest carries a one-click unsubscribe (RFC 8058 headers) and the app's unsubscribe page in its body."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMessage

from backend.catalogue.validity import REASON_LABELS, STATUS_LABELS, Reason, Status
from backend.watching import tokens
from backend.watching.models import WatchEvent

FALLBACK_SITE = "http://localhost:8000"

_PASSIVE = {
    "amends": ("được sửa đổi bởi", "is amended by"),
    "supplements": ("được bổ sung bởi", "is supplemented by"),
    "replaces": ("bị thay thế bởi", "is replaced by"),
    "repeals": ("bị bãi bỏ bởi", "is repealed by"),
    "suspends": ("bị ngưng hiệu lực bởi", "is suspended by"),
    "corrects": ("được đính chính bởi", "is corrected by"),
}


def site() -> str:
    """The service's public address (HIEULUC_SITE_URL), for the links of an e-mail read outside the app."""
    return str(settings.SITE_URL or FALLBACK_SITE)


def confirm_url(token: str) -> str:
    return f"{site()}/theo-doi/xac-nhan?token={quote(token)}"


def unsubscribe_page(token: str) -> str:
    return f"{site()}/theo-doi/huy?token={quote(token)}"


def one_click_url(token: str) -> str:
    return f"{site()}/api/v1/watching/unsubscribe/?token={quote(token)}"


def _date(day: dt.date | str) -> str:
    value = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return value.strftime("%d/%m/%Y")


def _status(value: str, lang: str) -> str:
    try:
        return STATUS_LABELS[Status(value)][lang]
    except ValueError:
        return value


def describe(event: WatchEvent, document_label: str) -> tuple[str, str]:
    """One line per event: (Vietnamese, English)."""
    data = event.payload
    if event.kind == WatchEvent.EventKind.STATUS:
        vi = (
            f"{document_label}: {_status(data.get('previous_status', ''), 'vi')} → {_status(data['status'], 'vi')}"
            f" từ ngày {_date(event.happened_on)}"
        )
        en = (
            f"{document_label}: {_status(data.get('previous_status', ''), 'en')} → {_status(data['status'], 'en')}"
            f" from {_date(event.happened_on)}"
        )
        reason = data.get("reason")
        causes = ", ".join(c["number"] for c in data.get("caused_by", []) if c.get("number"))
        if reason:
            try:
                labels = REASON_LABELS[Reason(reason)]
            except ValueError:
                labels = {"vi": reason, "en": reason}
            vi += f" ({labels['vi']}{': ' + causes if causes else ''})"
            en += f" ({labels['en']}{': ' + causes if causes else ''})"
        return vi + ".", en + "."
    if event.kind == WatchEvent.EventKind.RELATION:
        verb_vi, verb_en = _PASSIVE.get(data.get("relation_kind", ""), ("bị tác động bởi", "is acted on by"))
        source = data.get("source_number", "")
        on = _date(data["effective_on"]) if data.get("effective_on") else ""
        return (
            f"{document_label} {verb_vi} văn bản {source}, từ ngày {on}.",
            f"{document_label} {verb_en} {source}, from {on}.",
        )
    return f"Văn bản mới: {document_label}.", f"New document: {document_label}."


def document_link(document_id: int) -> str:
    return f"{site()}/van-ban/{document_id}"


def confirmation(address: str, subscription_id: int, label: str) -> EmailMessage:
    link = confirm_url(tokens.confirm_token(subscription_id))
    body = (
        f"Bạn (hoặc ai đó) đã đăng ký nhận thông báo về: {label}.\n"
        f"Để xác nhận, hãy mở liên kết sau trong 7 ngày:\n{link}\n"
        "Nếu bạn không đăng ký, hãy bỏ qua thư này: sẽ không có thư nào khác được gửi.\n\n"
        f"You (or someone) asked to be told about: {label}.\n"
        f"To confirm, open this link within 7 days:\n{link}\n"
        "If it was not you, ignore this message: nothing else will be sent.\n"
    )
    return EmailMessage(
        subject="[Hiệu Lực] Xác nhận theo dõi / Confirm your subscription",
        body=body,
        to=[address],
        headers={"Auto-Submitted": "auto-generated"},
    )


def digest(address: str, items: Sequence[tuple[str, str, int]], followed: Sequence[tuple[int, str]]) -> EmailMessage:
    """`items`: (Vietnamese line, English line, document id) per event; `followed`: (subscription id, label) of
    the subscriptions the digest is about, each with its own unsubscribe link; the headers' one-click link
    removes them all."""
    token = tokens.unsubscribe_token([pk for pk, _label in followed])
    lines_vi = [f"- {vi}\n  {document_link(doc)}" for vi, _en, doc in items]
    lines_en = [f"- {en}" for _vi, en, _doc in items]
    one = len(followed) == 1  # the common case: the header's token is the subscription's own
    stops = [
        f"- {label}: {unsubscribe_page(token if one else tokens.unsubscribe_token([pk]))}" for pk, label in followed
    ]
    body = (
        "Cập nhật về các văn bản bạn theo dõi:\n"
        + "\n".join(lines_vi)
        + "\n\nUpdates on what you follow:\n"
        + "\n".join(lines_en)
        + "\n\nNgừng theo dõi / Unsubscribe:\n"
        + "\n".join(stops)
        + (f"\n- Tất cả / All: {unsubscribe_page(token)}" if len(followed) > 1 else "")
        + "\n"
    )
    count = len(items)
    return EmailMessage(
        subject=f"[Hiệu Lực] {count} cập nhật văn bản bạn theo dõi / {count} update(s) on what you follow",
        body=body,
        to=[address],
        headers={
            "List-Unsubscribe": f"<{one_click_url(token)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
