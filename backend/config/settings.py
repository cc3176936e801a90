"""Django settings for Hiệu Lực.

With no DATABASE_URL the service runs on the embedded default: SQLite and a local search
index under HIEULUC_DATA_DIR, with Celery tasks executed in-process. Deployments set
DATABASE_URL (PostgreSQL), REDIS_URL (Celery broker) and optionally ELASTICSEARCH_URL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url

from backend.config import env

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = env.get_data_dir()

DEBUG = env.get_bool("HIEULUC_DEBUG", False)
_INSECURE_DEV_KEY = "hieuluc-insecure-development-key-change-me"
SECRET_KEY = env.get_str("SECRET_KEY") or env.get_str("HIEULUC_SECRET_KEY") or _INSECURE_DEV_KEY
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS", [])

DATABASE_URL = env.get_str("DATABASE_URL")
EMBEDDED = not DATABASE_URL
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
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "backend.accounts",
    "backend.audit",
    "backend.catalogue",
    "backend.searching",
    "backend.reviews",
    "backend.announcements",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "backend.config.middleware.QueryLanguageMiddleware",
    "backend.config.middleware.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["backend.accounts.permissions.CatalogueAccess"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "backend.config.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "backend.config.schema.AutoSchema",
    "EXCEPTION_HANDLER": "backend.config.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "public": env.get_str("HIEULUC_PUBLIC_THROTTLE", "120/min"),
        "search": env.get_str("HIEULUC_SEARCH_THROTTLE", "60/min"),
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
}

# Celery: a broker only when REDIS_URL is set; otherwise tasks run in-process (embedded default).
# Reviewers are reminded of reviews due within this many days (daily beat task reviews.send_reminders).
HIEULUC_REVIEW_REMINDER_DAYS = env.get_int("HIEULUC_REVIEW_REMINDER_DAYS", 7)

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
if env.get_bool("HIEULUC_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

if not DEBUG and not EMBEDDED:
    SESSION_COOKIE_SECURE = env.get_bool("HIEULUC_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.get_str("HIEULUC_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
