# Production image: gunicorn serving Django; the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1

# WeasyPrint needs Pango; gettext compiles the translations.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz-subset0 fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# The runtime lock only: no test, lint or type-checking tool in the image
# (those are in requirements-dev.lock, for development and CI).
COPY requirements.lock .
RUN pip install --require-hashes --no-deps -r requirements.lock

COPY . .
RUN DEBUG=1 python manage.py compilemessages --ignore=.venv -v0 \
    && DEBUG=0 SECRET_KEY=build-only python manage.py collectstatic --noinput -v0 \
    && useradd --system --uid 1000 digitalees \
    && mkdir -p /app/var/media /app/var/private && chown -R digitalees /app/var

# Named volumes mounted on var/media and var/private start with this ownership.
USER digitalees
EXPOSE 8000
# Migrations run once, in docker-compose's one-shot `migrate` service, never here.
CMD ["gunicorn", "digitalees.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
