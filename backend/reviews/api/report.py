"""/api/v1/reports/reviews/: the yearly review report."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import StaffOnly
from backend.catalogue.selectors import issuer_codes
from backend.core.errors import ApplicationError
from backend.core.filters import bool_param
from backend.core.schema import download_responses
from backend.core.versioning import DOCX, XLSX, in_format
from backend.organisations import selectors as organisations
from backend.reviews import report, selectors
from backend.reviews.api.answers import ReviewReportSerializer


class ReviewReportView(APIView):
    """Báo cáo rà soát năm / the yearly review report: JSON, or ?format=docx|xlsx to download."""

    permission_classes = [StaffOnly]

    @extend_schema(
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, required=True),
            OpenApiParameter("issuer", OpenApiTypes.STR, description="Mã cơ quan, nhiều mã cách nhau bởi dấu phẩy"),
            OpenApiParameter("with_predecessors", OpenApiTypes.BOOL),
            OpenApiParameter(
                "organisation",
                OpenApiTypes.STR,
                description="Mã cơ quan: công việc rà soát của cơ quan đó (gồm đơn vị trực thuộc) / one organisation",
            ),
            OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "docx", "xlsx"]),
        ],
        responses=download_responses(DOCX, XLSX, json=ReviewReportSerializer),
    )
    def get(self, request: Request) -> Response | HttpResponse:
        raw_year = request.query_params.get("year", "")
        if not raw_year.isdigit() or not 1 <= int(raw_year) <= 9999:
            raise ApplicationError(
                "year_required", "Cần năm báo cáo (1-9999).", "A report year (1-9999) is required.", field="year"
            )
        codes = [c for c in request.query_params.get("issuer", "").split(",") if c]
        issuers = issuer_codes(codes, with_predecessors=bool_param(request, "with_predecessors"))
        org = request.query_params.get("organisation", "")
        data = report.yearly(
            int(raw_year),
            issuers,
            tasks=selectors.tasks_for(request.user),
            recommendations=selectors.recommendations_for(request.user),
            organisations=organisations.subtree(org) if org else None,
        )
        return in_format(
            request.query_params.get("format", "json"),
            f"bao-cao-ra-soat-{raw_year}",
            {"docx": lambda: report.to_docx(data), "xlsx": lambda: report.to_xlsx(data)},
            data,
        )
