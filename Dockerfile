# Hiệu Lực: one image for the web process (gunicorn), the Celery worker and Celery beat.
#
#   docker build -t hieuluc .
#   docker run -e SECRET_KEY=… -e DATABASE_URL=… -p 8000:8000 hieuluc
#
# docker-compose.yml runs the whole stack (PostgreSQL, Redis, Elasticsearch, web, worker, beat).
# The web app (frontend/), built once here; only its static output goes into the final image.
FROM node:20-slim AS frontend
WORKDIR /frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=backend.config.settings \
    HIEULUC_DATA_DIR=/data \
    HIEULUC_STATIC_ROOT=/app/staticfiles \
    HIEULUC_FRONTEND_DIST=/app/frontend \
    WEB_CONCURRENCY=3

# Unprivileged user; /data is created (and owned by it) here so a named volume mounted there
# starts out writable by the app.
RUN groupadd --system --gid 10001 hieuluc \
    && useradd --system --uid 10001 --gid hieuluc --home-dir /app --shell /usr/sbin/nologin hieuluc \
    && mkdir -p /app /data \
    && chown hieuluc:hieuluc /app /data

# Install the project (a regular, non-editable install into site-packages). Only what the
# package build needs is copied; the source tree is removed afterwards.
WORKDIR /src
COPY pyproject.toml README.md ./
COPY backend ./backend
COPY workers ./workers
COPY search ./search
COPY legal ./legal
RUN pip install . \
    && rm -rf /src

# Static files are collected into the image (outside the /data volume, so a new image brings new
# assets) and served by WhiteNoise. The key below exists only for this build step; with no
# DATABASE_URL the settings use the embedded default, pointed at a throw-away folder.
RUN SECRET_KEY=collectstatic-build-only-not-secret HIEULUC_DATA_DIR=/tmp/hieuluc-build \
    hieuluc collectstatic --noinput \
    && rm -rf /tmp/hieuluc-build

COPY --from=frontend /frontend/dist /app/frontend

WORKDIR /app
USER hieuluc:hieuluc
EXPOSE 8000

# curl is not in the slim image: ask /healthz with Python. The Host header is the first entry of
# ALLOWED_HOSTS, so the check still passes when ALLOWED_HOSTS does not list localhost.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; h = (os.environ.get('ALLOWED_HOSTS') or 'localhost').split(',')[0].strip().lstrip('.'); h = 'localhost' if h in ('', '*') else h; u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': h}), timeout=8)"]

# gunicorn reads its worker count from WEB_CONCURRENCY and further options from GUNICORN_CMD_ARGS.
CMD ["gunicorn", "backend.config.wsgi:application", "--bind", "0.0.0.0:8000", "--worker-tmp-dir", "/dev/shm", "--access-logfile", "-"]
