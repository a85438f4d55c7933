"""Where the cache and the sessions live, from the environment (settings read in a fresh
process, as a deploy reads them)."""

import json
import os
import subprocess
import sys

import pytest

from tests.digitalees.test_settings import BASE_DIR, PRODUCTION

SHOW = (
    "import json; from django.conf import settings; "
    "print(json.dumps({'cache': settings.CACHES['default'], 'session': settings.SESSION_ENGINE, "
    "'broker': settings.CELERY_BROKER_URL}))"
)


def _settings(**env):
    dropped = ("DEBUG", "SECRET_KEY", "REDIS_URL", "CACHE_URL", "CACHE_VERSION")
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", SHOW],
        cwd=BASE_DIR,
        env={**clean, **PRODUCTION, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_cache_is_on_the_brokers_server_in_a_database_of_its_own():
    found = _settings(REDIS_URL="redis://:secret@redis.internal:6380/0")
    # Clearing the cache (FLUSHDB) cannot drop the broker's queued tasks.
    assert found["broker"] == "redis://:secret@redis.internal:6380/0"
    assert found["cache"]["LOCATION"] == "redis://:secret@redis.internal:6380/1"
    assert found["cache"]["BACKEND"] == "digitalees.cache.RedisCache"
    assert found["cache"]["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    # A Redis that does not answer costs a fraction of a second per request, not seconds.
    assert found["cache"]["OPTIONS"]["SOCKET_CONNECT_TIMEOUT"] <= 0.5
    assert found["cache"]["OPTIONS"]["SOCKET_TIMEOUT"] <= 1
    # Sessions are in the database, the cache in front: a Redis outage loses none.
    assert found["session"] == "django.contrib.sessions.backends.cached_db"
    assert found["cache"]["VERSION"] == 1


def test_cache_url_and_cache_version_say_otherwise():
    found = _settings(
        REDIS_URL="redis://redis:6379/0", CACHE_URL="redis://cache:6379/4", CACHE_VERSION="7"
    )
    assert found["cache"]["LOCATION"] == "redis://cache:6379/4"
    assert found["cache"]["VERSION"] == 7


@pytest.mark.parametrize("version", ["", "3"])
def test_without_redis_the_cache_is_in_memory(version):
    found = _settings(CACHE_VERSION=version) if version else _settings()
    assert found["cache"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["session"] == "django.contrib.sessions.backends.db"
    assert found["cache"]["VERSION"] == (int(version) if version else 1)
