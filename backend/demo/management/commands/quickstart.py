from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from backend.accounts.roles import Role, ensure_groups
from backend.announcements import services as announcements
from backend.announcements.models import Announcement
from backend.organisations import services as organisations
from backend.organisations.models import Organisation
from backend.reviews import services as reviews
from backend.reviews.models import ReviewPlan

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo.json"
ORGANISATIONS_FILE = Path(__file__).resolve().parents[2] / "organisations.json"
DEMO_PLAN_TITLE = "Rà soát định kỳ các nghị quyết năm 2023 (dữ liệu mẫu)"
SHARED_PLAN_TITLE = "Rà soát văn bản năm 2024 theo lĩnh vực quản lý (dữ liệu mẫu)"
# (username, role, superuser, organisation): the Sở Tư pháp's officers coordinate the province; a department's
# reviewer and officer see their department's tasks only (decision 0023).
DEMO_USERS = [
    ("admin", Role.ADMIN, True, None),
    ("canbo", Role.LEGAL_OFFICER, False, "stp-ag"),
    ("canbo2", Role.LEGAL_OFFICER, False, "stp-ag"),
    ("ransoat", Role.REVIEWER, False, "stp-ag"),
    ("ransoat-tc", Role.REVIEWER, False, "stc-ag"),
    ("phapche-tc", Role.LEGAL_OFFICER, False, "stc-ag"),
    ("ransoat-xd", Role.REVIEWER, False, "sxd-ag"),
]


class Command(BaseCommand):
    help = "Cài đặt và chạy với dữ liệu mẫu / Set up the embedded default with demo data and start the server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default=os.environ.get("HIEULUC_ADDR", "127.0.0.1:8000"))
        parser.add_argument("--no-serve", action="store_true", help="set up only; do not start the server")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        ensure_groups()
        call_command("import_documents", str(DEMO_FILE), no_progress=True)
        call_command("load_organisations", str(ORGANISATIONS_FILE), verbosity=0)
        call_command("apply_transitions")
        call_command("collectstatic", interactive=False, verbosity=0)
        password = os.environ.get("HIEULUC_DEMO_PASSWORD", "hieuluc-demo")
        for username, role, superuser, organisation in DEMO_USERS:
            user, created = User.objects.get_or_create(username=username)
            if created:
                user.set_password(password)
                user.is_staff = superuser
                user.is_superuser = superuser
                user.save()
            user.groups.add(Group.objects.get(name=role.value))
            if organisation is not None:
                organisations.set_membership(
                    actor="command",
                    user=user,
                    organisation=Organisation.objects.get(code=organisation),
                    role=role.value,
                    source="command",
                )
        _demo_review_plan()
        _demo_shared_plan()
        _demo_announcement()
        url = f"http://{options['addr']}"
        self.stdout.write(self.style.SUCCESS(f"\nHiệu Lực đang chạy tại / is running at {url}/"))
        self.stdout.write(f"  API: {url}/api/v1/   Tài liệu API / API docs: {url}/api/v1/docs/")
        self.stdout.write(f"  Tra cứu công khai / public lookup: {url}/api/v1/public/lookup/?number=02/2021/NQ-HDND")
        self.stdout.write(f"  Dữ liệu / data: {settings.DATA_DIR}")
        self.stdout.write(
            f"  Tài khoản mẫu / demo users: {', '.join(u for u, *_ in DEMO_USERS)} (mật khẩu / password: {password})\n"
        )
        if not options["no_serve"]:
            call_command(
                "runserver",
                options["addr"],
                use_reloader=False,
                use_static_handler=False,
                insecure_serving=False,
            )


def _demo_review_plan() -> None:
    """A review plan for the demo reviewer, so the review queue is not empty on first start (once)."""

    # Triggered plans may exist already (the demo import expires documents): look for this one by name.
    if ReviewPlan.objects.filter(title=DEMO_PLAN_TITLE).exists():
        return
    admin = User.objects.get(username="admin")
    today = dt.date.today()
    reviews.create_plan(
        actor=admin,
        title=DEMO_PLAN_TITLE,
        kind="periodic",
        scope={"type": "nghi-quyet", "year": 2023},
        deadline=today + dt.timedelta(days=30),
        reviewer=User.objects.get(username="ransoat"),
    )


def _demo_shared_plan() -> None:
    """A plan of the Sở Tư pháp shared out to the departments by field, approved by each department's legal
    officer and then by the Sở Tư pháp (once): a department's staff see their own tasks only."""
    if ReviewPlan.objects.filter(title=SHARED_PLAN_TITLE).exists():
        return
    reviews.create_plan(
        actor=User.objects.get(username="canbo"),
        title=SHARED_PLAN_TITLE,
        kind="thematic",
        scope={"year": 2024},
        deadline=dt.date.today() + dt.timedelta(days=60),
        organisation=Organisation.objects.get(code="stp-ag"),
        share_by="field",
        needs_justice_approval=True,
    )


DEMO_LIST_YEAR = 2025


def _demo_announcement() -> None:
    """The demo's published list of documents expired in 2025 (the year of the provinces' merger), once."""

    if Announcement.objects.filter(year=DEMO_LIST_YEAR).exists():
        return
    admin = User.objects.get(username="admin")
    draft = announcements.yearly_draft(DEMO_LIST_YEAR)
    if draft is None:
        return
    for action in ("submit", "approve", "publish"):
        with transaction.atomic():  # the version lock needs a transaction
            draft = announcements.transition(
                actor=admin, announcement=draft, action=action, expected_version=draft.version
            )
