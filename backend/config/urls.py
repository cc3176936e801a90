from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from backend.accounts.api.views import LogoutAllView, LogoutView, MeView, SessionView, TokenView
from backend.announcements.api.systematization import SystematizationView
from backend.announcements.api.views import AnnouncementViewSet
from backend.audit.api.views import AuditLogView
from backend.catalogue.api import views
from backend.catalogue.api.imports import ExportView, ImportJobView, ImportTemplateView, ImportView
from backend.catalogue.api.public import PublicLookupView
from backend.config import spa
from backend.config.health import healthz
from backend.consolidation.api.texts import DocumentTextView, DocumentVersionsView
from backend.consolidation.api.upload import ExtractView, FromFileView
from backend.consolidation.api.views import OperationViewSet
from backend.notifications.api.views import NotificationViewSet
from backend.reviews.api.plans import ReviewPlanViewSet
from backend.reviews.api.recommendations import RecommendationViewSet
from backend.reviews.api.report import ReviewReportView
from backend.reviews.api.tasks import ReviewTaskViewSet
from backend.searching.api.synonyms import SynonymViewSet
from backend.searching.api.views import RelatedView, SearchView, SuggestView
from backend.watching import feeds
from backend.watching.api.views import ConfirmView, SubscribeView, UnsubscribeView, WebhookViewSet

router = DefaultRouter()
router.register("authorities", views.AuthorityViewSet, basename="authority")
router.register("document-types", views.DocumentTypeViewSet, basename="document-type")
router.register("fields", views.FieldViewSet, basename="field")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("relations", views.RelationViewSet, basename="relation")
router.register("operations", OperationViewSet, basename="operation")
router.register("review-plans", ReviewPlanViewSet, basename="review-plan")
router.register("reviews", ReviewTaskViewSet, basename="review")
router.register("recommendations", RecommendationViewSet, basename="recommendation")
router.register("notifications", NotificationViewSet, basename="notification")
router.register("announcements", AnnouncementViewSet, basename="announcement")
router.register("search/synonyms", SynonymViewSet, basename="search-synonym")
router.register("watching/webhooks", WebhookViewSet, basename="watching-webhook")

api_v1: list[URLPattern | URLResolver] = [
    # Before the router: its documents/{pk}/ pattern would take these names as ids.
    path("documents/extract/", ExtractView.as_view(), name="document-extract"),
    path("documents/from-file/", FromFileView.as_view(), name="document-from-file"),
    path("", include(router.urls)),
    path("public/lookup/", PublicLookupView.as_view(), name="public-lookup"),
    path("search/", SearchView.as_view(), name="search"),
    path("search/suggest/", SuggestView.as_view(), name="search-suggest"),
    path("documents/<int:pk>/related/", RelatedView.as_view(), name="document-related"),
    path("documents/<int:pk>/text/", DocumentTextView.as_view(), name="document-text"),
    path("documents/<int:pk>/versions/", DocumentVersionsView.as_view(), name="document-versions"),
    path("auth/token/", TokenView.as_view(), name="auth-token"),
    path("auth/logout/", LogoutView.as_view(), name="auth-logout"),
    path("auth/logout-all/", LogoutAllView.as_view(), name="auth-logout-all"),
    path("auth/me/", MeView.as_view(), name="auth-me"),
    path("auth/session/", SessionView.as_view(), name="auth-session"),
    path("audit/", AuditLogView.as_view(), name="audit-log"),
    path("reports/reviews/", ReviewReportView.as_view(), name="review-report"),
    path("systematization/", SystematizationView.as_view(), name="systematization"),
    path("watching/subscriptions/", SubscribeView.as_view(), name="watching-subscribe"),
    path("watching/confirm/", ConfirmView.as_view(), name="watching-confirm"),
    path("watching/unsubscribe/", UnsubscribeView.as_view(), name="watching-unsubscribe"),
    path("imports/", ImportView.as_view(), name="import"),
    path("imports/template/", ImportTemplateView.as_view(), name="import-template"),
    path("imports/<int:pk>/", ImportJobView.as_view(), name="import-job"),
    path("exports/", ExportView.as_view(), name="export"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its init script as a file, so the Content-Security-Policy needs no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="docs"),
]

# Django's own 400 and 404 (no URL matched): JSON under /api/ (backend/core/api.py), Django's page elsewhere.
handler400 = "backend.core.api.bad_request"
handler404 = "backend.core.api.not_found"

urlpatterns = [
    path("", spa.app, name="home"),
    path("api/v1/", include(api_v1)),
    path("api-auth/", include("rest_framework.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # Atom feeds of watched documents (backend/watching/feeds.py): no /api prefix, feed readers take them as is.
    path("feeds/documents/<int:pk>.atom", feeds.DocumentFeed(), name="feed-document"),
    path("feeds/issuers/<slug:code>.atom", feeds.IssuerFeed(), name="feed-issuer"),
    path("feeds/fields/<slug:code>.atom", feeds.FieldFeed(), name="feed-field"),
    path("feeds/recent.atom", feeds.RecentFeed(), name="feed-recent"),
    # Every other page is the web app's (its router shows its own "not found").
    re_path(r"^(?!api/|api-auth/|admin/|static/|media/|assets/|healthz|favicon|feeds/)", spa.app, name="app"),
]
