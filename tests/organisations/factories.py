"""Organisations for tests: the province, the Sở Tư pháp, two departments (one merged into the other in 2025) and
a commune, with users who belong to them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from backend.accounts.roles import Role
from backend.catalogue.models import Field
from backend.organisations import services
from backend.organisations.models import Organisation
from tests.conftest import _user


def org(code: str, kind: str = "department", *, parent: Organisation | None = None, **extra: Any) -> Organisation:
    fields = extra.pop("fields", None)
    data = services.OrganisationInput(
        code=code, name=extra.pop("name", code.upper()), kind=kind, parent=parent, **extra
    )
    if fields is not None:
        data.fields = [Field.objects.get_or_create(code=c, defaults={"name": c.title()})[0] for c in fields]
    return services.save_organisation(actor=None, data=data)


def province_tree() -> dict[str, Organisation]:
    ubnd = org("ubnd", "province", name="Ủy ban nhân dân tỉnh An Giang")
    stp = org("stp", "justice", parent=ubnd, name="Sở Tư pháp", fields=["tu-phap"])
    stc = org("stc", parent=ubnd, name="Sở Tài chính", fields=["tai-chinh"])
    sxd = org("sxd", parent=ubnd, name="Sở Xây dựng", fields=["xay-dung", "giao-thong"])
    sgtvt = org("sgtvt", parent=ubnd, name="Sở Giao thông vận tải", valid_until=dt.date(2025, 2, 28))
    services.save_organisation(
        actor=None,
        data=services.OrganisationInput(
            code="sgtvt",
            name=sgtvt.name,
            kind="department",
            parent=ubnd,
            valid_until=sgtvt.valid_until,
            succeeded_by=sxd,
        ),
        organisation=sgtvt,
    )
    xa = org("xa-my-hoa-hung", "commune", parent=ubnd, name="Xã Mỹ Hòa Hưng")
    return {"ubnd": ubnd, "stp": stp, "stc": stc, "sxd": sxd, "sgtvt": sgtvt, "xa": xa}


def member(username: str, organisation: Organisation, role: Role) -> Any:
    user = _user(username, role)
    services.set_membership(actor=None, user=user, organisation=organisation, role=role.value)
    return user
