"""Django settings for Hiệu Lực.

With no DATABASE_URL the service runs on the embedded default: SQLite and a local search
index under HIEULUC_DATA_DIR, with Celery tasks executed in-process. Deployments set
DATABASE_URL (PostgreSQL), REDIS_URL (Celery broker) and optionally ELASTICSEARCH_URL.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from backend.catalogue.validity import RelationKind, Status  # pure modules: no Django, no app loading
from backend.config import env
from backend.reviews.workflow import StepKind
from legal.consolidate import COMPARE_CHANGES  # pure: the standard library only
from legal.operations import KINDS as OPERATION_KINDS
from legal.operations import STATES as OPERATION_STATES

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = env.get_data_dir()

DEBUG = env.get_bool("HIEULUC_DEBUG", False)
DATABASE_URL = env.get_str("DATABASE_URL")
EMBEDDED = not DATABASE_URL
# Production: a real database and no debug. There the secret key must come from the operator (see env.py).
PRODUCTION = not DEBUG and not EMBEDDED
SECRET_KEY = env.get_secret_key(production=PRODUCTION)
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS", [])

if EMBEDDED:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "hieuluc.sqlite3"),
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
else:
    # Health checks, so a connection kept across a PostgreSQL restart is replaced instead of failing a request.
    _database: dict[str, Any] = dict(dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True))
    DATABASES = {"default": _database}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "axes",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "backend.outbox",
    "backend.accounts",
    "backend.audit",
    "backend.catalogue",
    "backend.organisations",
    "backend.searching",
    "backend.consolidation",
    "backend.notifications",
    "backend.reviews",
    "backend.announcements",
    "backend.watching",
    "backend.demo",
    # The Celery app and its tasks (workers/), named here and never imported by the backend: the backend enqueues by
    # task name (backend/core/tasks.py), and this entry makes every process register the tasks at start-up.
    "workers",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "backend.core.csp.BrowsableApiStylesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "backend.core.middleware.QueryLanguageMiddleware",
    "backend.core.middleware.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a login refused for too many failures into the 429 answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "backend.config.urls"
WSGI_APPLICATION = "backend.config.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Vietnamese first; English on request (Accept-Language or ?lang=en on the API).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.get_str("HIEULUC_STATIC_ROOT") or (DATA_DIR / "static"))
WHITENOISE_AUTOREFRESH = False
try:  # WhiteNoise warns on every request while the folder is missing (before the first collectstatic)
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
except OSError:
    pass
# The web app built by Vite (frontend/dist): index.html for every page, its assets at /assets/ via WhiteNoise.
FRONTEND_DIST = Path(env.get_str("HIEULUC_FRONTEND_DIST") or (BASE_DIR.parent / "frontend" / "dist"))
WHITENOISE_ROOT = FRONTEND_DIST if FRONTEND_DIST.is_dir() else None


def _hashed_asset(path: str, url: str) -> bool:
    # Vite names assets by content hash ("index-2hXZg2lO.js"): cache them for ever.
    return url.startswith("/assets/")


WHITENOISE_IMMUTABLE_FILE_TEST = _hashed_asset
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.get_str("HIEULUC_MEDIA_ROOT") or (DATA_DIR / "media"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "backend.accounts.authentication.TokenAuthentication",
        "backend.accounts.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["backend.accounts.permissions.CatalogueAccess"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    # Bounded size, JSON objects only, no control characters: checked once for every endpoint.
    "DEFAULT_PARSER_CLASSES": [
        "backend.core.parsers.JSONObjectParser",
        "backend.core.parsers.CheckedFormParser",
        "backend.core.parsers.CheckedMultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "backend.core.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "backend.core.schema.AutoSchema",
    "EXCEPTION_HANDLER": "backend.core.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "public": env.get_str("HIEULUC_PUBLIC_THROTTLE", "120/min"),
        "search": env.get_str("HIEULUC_SEARCH_THROTTLE", "60/min"),
        # Following documents by e-mail (backend/watching): per client, and per address (its hash) whoever sends it.
        "watching": env.get_str("HIEULUC_WATCH_THROTTLE", "20/hour"),
        "watching_address": env.get_str("HIEULUC_WATCH_ADDRESS_THROTTLE", "5/hour"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Client identity for rate limits: with no trusted proxy (0), X-Forwarded-For is ignored, otherwise anyone
    # could dodge the public throttle by sending a new address each time. Behind nginx, set it to 1.
    "NUM_PROXIES": env.get_int("HIEULUC_NUM_PROXIES", 0),
    # ?format= names an export format on our endpoints, not a DRF renderer.
    "URL_FORMAT_OVERRIDE": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Hiệu Lực API",
    "DESCRIPTION": "Danh mục văn bản quy phạm pháp luật, hiệu lực và rà soát / "
    "Legal normative documents, their validity and reviews.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from the installed package, not a CDN: government networks are often closed.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several choice sets share a field name ("kind", "status"): each gets its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        # Lists of values (an Enum class would be matched by its names as labels, which the schema does not use).
        "DocumentStatusEnum": [s.value for s in Status],
        "RelationKindEnum": [k.value for k in RelationKind],
        "RecommendationStepKindEnum": [k.value for k in StepKind],
        # The text on a date (backend/consolidation): a provision's status, and a version's.
        "ProvisionStatusEnum": ["in_force", "repealed", "suspended"],
        "TextStatusEnum": ["in_force", "repealed"],
        # What changed between two dates (?compare=), and a word run's operation.
        "CompareChangeEnum": list(COMPARE_CHANGES),
        "WordRunOpEnum": ["equal", "delete", "insert"],
        "OperationKindEnum": list(OPERATION_KINDS),
        # An operation's state, whether stored, or read from an upload (the kind is named above).
        "OperationStateEnum": list(OPERATION_STATES),
        # A role held in an organisation (a membership): the staff roles, without the public.
        "MembershipRoleEnum": ["reviewer", "legal_officer", "admin"],
        "RoleEnum": ["public", "reviewer", "legal_officer", "admin"],
        # What a watching subscription or webhook follows (backend/watching/models.Kind).
        "WatchKindEnum": "backend.watching.models.Kind",
    },
}

# Celery: a broker only when REDIS_URL is set; otherwise tasks run in-process (embedded default).
# Reviewers are reminded of reviews due within this many days (daily beat task reviews.send_reminders).
HIEULUC_REVIEW_REMINDER_DAYS = env.get_int("HIEULUC_REVIEW_REMINDER_DAYS", 7)

# Webhooks may not post to loopback, private or link-local addresses (the server's own network) unless allowed.
HIEULUC_WEBHOOKS_ALLOW_PRIVATE = env.get_bool("HIEULUC_WEBHOOKS_ALLOW_PRIVATE", False)

REDIS_URL = env.get_str("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Sending a task while Redis is down fails fast: the outbox keeps the message and the relay sends it later, so a
# request never waits on a broker that is not there.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
# A task taken by a worker that dies (kill -9, OOM) goes back to its queue this many seconds after it was taken.
# Short tasks (acknowledged when done) must finish well within it: their hard time limit is 10 s shorter. Long
# tasks (imports, the daily pass, reconciliation) are acknowledged when taken and resumed by their own means: a
# heartbeat on import jobs, the next beat run for the others (docs/reliability.md).
TASK_VISIBILITY_TIMEOUT = env.get_int("HIEULUC_TASK_VISIBILITY_TIMEOUT", 45)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": TASK_VISIBILITY_TIMEOUT,
    # Look for expired messages every 5 s (kombu's defaults, 10 s and every tenth look, make it 100 s).
    "unacked_restore_interval": 5,
    "unacked_restore_throttle": 1,
    # The lock a worker takes while it hands expired messages back; a worker killed while holding it would block
    # every restore for kombu's default of 300 s.
    "unacked_mutex_expire": 10,
    "socket_connect_timeout": 2,
}
CELERY_TASK_TIME_LIMIT = max(TASK_VISIBILITY_TIMEOUT - 10, 5)
CELERY_TASK_SOFT_TIME_LIMIT = max(TASK_VISIBILITY_TIMEOUT - 15, 3)
LONG_TASK_TIME_LIMIT = env.get_int("HIEULUC_LONG_TASK_TIME_LIMIT", 3600)

HIEULUC_LOOKUP_CACHE = env.get_bool("HIEULUC_LOOKUP_CACHE", True)

ELASTICSEARCH_URL = env.get_str("ELASTICSEARCH_URL")
SEARCH_ENGINE = env.get_str("HIEULUC_SEARCH_ENGINE") or ("elasticsearch" if ELASTICSEARCH_URL else "tantivy")
SEARCH_INDEX_DIR = DATA_DIR / "index"
SEARCH_INDEX_NAME = env.get_str("HIEULUC_SEARCH_INDEX", "hieuluc")

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
        }
    }

EMAIL_BACKEND = env.get_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# The service's public address, for links in e-mails (notifications link to the web app's pages).
SITE_URL = env.get_str("HIEULUC_SITE_URL", "").rstrip("/")

# Behind a TLS-terminating proxy (nginx, a load balancer), trust its X-Forwarded-Proto header.
BEHIND_TLS_PROXY = env.get_bool("HIEULUC_BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

if not DEBUG and not EMBEDDED:
    SESSION_COOKIE_SECURE = env.get_bool("HIEULUC_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# --- Authentication and hardening (docs/reliability.md, "Authentication and hardening") -------------------------

# API tokens (django-rest-knox): stored hashed, sent as "Authorization: Token <token>". A token dies after
# HIEULUC_TOKEN_IDLE_HOURS without use and at the latest HIEULUC_TOKEN_MAX_HOURS after sign-in; each use moves
# the idle deadline on (written at most once a minute). Sign-out, "sign out everywhere", an admin and a password
# change revoke tokens (backend/accounts/tokens.py).
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env.get_int("HIEULUC_TOKEN_IDLE_HOURS", 10)),
    "AUTO_REFRESH": True,
    "AUTO_REFRESH_MAX_TTL": timedelta(hours=env.get_int("HIEULUC_TOKEN_MAX_HOURS", 24)),
    "MIN_REFRESH_INTERVAL": 60,
    "AUTH_HEADER_PREFIX": "Token",
}

# The web app signs in with Django's session (POST /api/v1/auth/session/; docs/decisions/0007-browser-sessions.md):
# one cookie for every tab and window of the browser, HttpOnly (scripts cannot read it), SameSite=Lax, Secure in
# production (above). It lasts HIEULUC_SESSION_HOURS from sign-in, a working day; sign-out deletes the session on
# the server, so every tab is signed out at its next request. Unsafe methods need the csrftoken cookie's value in
# the X-CSRFToken header (the app reads that cookie, so it is not HttpOnly).
SESSION_COOKIE_AGE = env.get_int("HIEULUC_SESSION_HOURS", 10) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False

# Failed sign-ins (django-axes, counted in the database so a Redis outage neither blocks nor forgets them): after
# HIEULUC_LOGIN_FAILURE_LIMIT failures for one username, or from one client address, within the cool-off, further
# attempts are refused with 429 until HIEULUC_LOGIN_COOLOFF_MINUTES have passed since the last counted failure.
# Attempts during a lockout are not counted, so the lockout always ends by itself. Covers the API token, the
# browsable API's and the admin's sign-in alike. Unlock early: `hieuluc axes_reset_username NAME`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env.get_bool("HIEULUC_LOGIN_LOCKOUT", True)
AXES_FAILURE_LIMIT = env.get_int("HIEULUC_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env.get_int("HIEULUC_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "backend.core.throttling.client_ip"
AXES_LOCKOUT_CALLABLE = "backend.accounts.lockout.lockout_response"
AXES_HANDLER = "backend.accounts.lockout.DatabaseHandler"
AXES_VERBOSE = False

# HTTPS. HSTS is sent in production, on answers to HTTPS requests only (Django knows a request came over HTTPS
# behind a proxy only with HIEULUC_BEHIND_TLS_PROXY). Plain-HTTP requests are redirected to HTTPS when Django can
# tell the two apart, i.e. behind a declared TLS proxy, or when HIEULUC_SSL_REDIRECT says so; otherwise the
# redirect would loop. /healthz stays reachable over plain HTTP for the container's health check.
if PRODUCTION:
    SECURE_HSTS_SECONDS = env.get_int("HIEULUC_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.get_bool("HIEULUC_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env.get_bool("HIEULUC_HSTS_PRELOAD", False)
    SECURE_SSL_REDIRECT = env.get_bool("HIEULUC_SSL_REDIRECT", BEHIND_TLS_PROXY)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Joining the browsers' HSTS preload list is the domain owner's decision, made outside this service.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Content-Security-Policy (django-csp): only this origin's scripts, styles, images and fonts. The web app, the
# Swagger UI (its init script is a separate file, SpectacularSwaggerSplitView) and the admin need nothing else;
# the few inline <style> blocks in our templates carry the per-request nonce. DRF's browsable API pages may use
# inline styles, and only styles (backend/core/csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.get_str("HIEULUC_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
