"""Import an interchange file (JSON, CSV, XLSX) as a job with progress; export the catalogue."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework import status as http
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import CanExport, CanImport
from backend.catalogue.api.answers import ExportBundleSerializer
from backend.catalogue.importers import columns, export, jobs, readers, template
from backend.catalogue.models import ImportJob
from backend.core.errors import ApplicationError
from backend.core.language import current_lang
from backend.core.parsers import CheckedFormParser, CheckedMultiPartParser
from backend.core.schema import ErrorSerializer, download_responses
from backend.core.versioning import XLSX, download


class ImportJobSerializer(serializers.ModelSerializer):
    progress = serializers.SerializerMethodField()

    class Meta:
        model = ImportJob
        fields = ["id", "kind", "filename", "state", "progress", "report", "created_at", "finished_at"]

    def get_progress(self, obj: ImportJob) -> dict[str, Any]:
        return jobs.progress_of(obj)


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


# What job_answer says (POST /imports/, POST /recommendations/import/): 202 while a worker runs the job, 201 with
# its report when run in-process, 400 with the failed job's report, or 400 with the usual error body when the
# upload itself is refused.
JOB_RESPONSES = {
    201: ImportJobSerializer,
    202: ImportJobSerializer,
    400: PolymorphicProxySerializer(
        component_name="ImportRefused",
        serializers=[ErrorSerializer, ImportJobSerializer],
        resource_type_field_name=None,
    ),
}


class ImportView(APIView):
    """POST a .json, .csv or .xlsx file; poll GET /imports/{id}/ for progress and the report."""

    permission_classes = [CanImport]
    parser_classes = [CheckedMultiPartParser, CheckedFormParser]

    @extend_schema(request=ImportUploadSerializer, responses=JOB_RESPONSES)
    def post(self, request: Request) -> Response:
        form = ImportUploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        if upload.size > jobs.MAX_UPLOAD_BYTES:
            raise ApplicationError(
                "file_too_large",
                "Tệp quá lớn (tối đa 20 MB).",
                "The file is too large (20 MB max).",
                field="file",
            )
        suffix = (upload.name or "").rsplit(".", 1)[-1].lower()
        if f".{suffix}" not in readers.READERS:
            raise ApplicationError(
                "unsupported_format",
                "Chỉ nhận tệp .json, .csv hoặc .xlsx.",
                "Only .json, .csv or .xlsx files are accepted.",
                field="file",
            )
        job = jobs.job_create(actor=request.user, filename=upload.name, content=upload.read())
        return job_answer(job)


def job_answer(job: ImportJob) -> Response:
    """The answer to a new import job: 202 while a worker runs it (poll GET /imports/{id}/), else 201 with its
    report (in-process mode has already run it), or 400 when it failed."""
    job.refresh_from_db()
    code: int = http.HTTP_202_ACCEPTED if job.state in ("pending", "running") else http.HTTP_201_CREATED
    if job.state == ImportJob.State.FAILED:
        code = http.HTTP_400_BAD_REQUEST
    return Response(ImportJobSerializer(job).data, status=code)


_GUIDE = inline_serializer(
    "ImportColumn",
    many=True,
    fields={
        "table": serializers.ChoiceField(choices=list(readers.TABLES)),
        "table_label": serializers.CharField(),
        "label": serializers.CharField(),
        "key": serializers.CharField(),
        "required": serializers.BooleanField(),
        "format": serializers.CharField(),
        "example": serializers.CharField(allow_blank=True),
    },
)


class ImportTemplateView(APIView):
    """Mẫu tệp nhập / the import template, with its column guide, built from the one list of interchange columns.

    ?format=xlsx (default): a workbook with the guide and one empty sheet per table. ?format=csv&table=documents
    (authorities, relations): one table's header row; &table=guide: the guide. ?format=json: the guide as data.
    """

    permission_classes = [CanImport]

    @extend_schema(
        parameters=[
            OpenApiParameter("format", OpenApiTypes.STR, enum=["xlsx", "csv", "json"]),
            OpenApiParameter("table", OpenApiTypes.STR, enum=[*readers.TABLES, "guide"]),
        ],
        responses=download_responses(XLSX, "text/csv", json=_GUIDE),
    )
    def get(self, request: Request) -> HttpResponse:
        fmt = request.query_params.get("format", "xlsx")
        table = request.query_params.get("table", "documents")
        lang = current_lang()
        if fmt not in ("xlsx", "csv", "json"):
            raise ApplicationError(
                "invalid_format",
                "Định dạng phải là xlsx, csv hoặc json.",
                "The format must be xlsx, csv or json.",
                field="format",
            )
        if fmt == "json":
            return Response(columns.guide(lang))
        suffix = "guide" if lang == "en" else "huong-dan"
        if fmt == "xlsx":
            return download(template.to_xlsx(lang), "hieuluc-mau-nhap.xlsx", XLSX)
        if table == "guide":
            return download(template.guide_csv(lang), f"hieuluc-mau-nhap-{suffix}.csv", "text/csv; charset=utf-8")
        if table not in readers.TABLES:
            raise ApplicationError(
                "invalid_table",
                "Bảng phải là authorities, documents, relations hoặc guide.",
                "The table must be authorities, documents, relations or guide.",
                field="table",
            )
        return download(template.table_csv(table), f"hieuluc-mau-{table}.csv", "text/csv; charset=utf-8")


class ImportJobView(generics.RetrieveAPIView):
    permission_classes = [CanImport]
    serializer_class = ImportJobSerializer
    queryset = ImportJob.objects.all()


class ExportView(APIView):
    permission_classes = [CanExport]

    @extend_schema(
        parameters=[
            OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "xlsx", "csv"]),
            OpenApiParameter("table", OpenApiTypes.STR, enum=["authorities", "documents", "relations"]),
        ],
        responses=download_responses(XLSX, "text/csv", json=ExportBundleSerializer),
    )
    def get(self, request: Request) -> HttpResponse:
        fmt = request.query_params.get("format", "json")
        table = request.query_params.get("table", "documents")
        if fmt not in ("json", "xlsx", "csv"):
            raise ApplicationError(
                "invalid_format",
                "Định dạng phải là json, xlsx hoặc csv.",
                "The format must be json, xlsx or csv.",
                field="format",
            )
        if table not in readers.TABLES:
            raise ApplicationError(
                "invalid_table",
                "Bảng phải là authorities, documents hoặc relations.",
                "The table must be authorities, documents or relations.",
                field="table",
            )
        bundle = export.bundle_dict()
        if fmt == "json":
            body, ctype, name = export.to_json(bundle), "application/json", "hieuluc.json"
        elif fmt == "xlsx":
            body = export.to_xlsx(bundle)
            ctype, name = XLSX, "hieuluc.xlsx"
        else:
            body, ctype, name = (
                export.to_csv(bundle, table),
                "text/csv; charset=utf-8",
                f"hieuluc-{table}.csv",
            )
        return download(body, name, ctype)
