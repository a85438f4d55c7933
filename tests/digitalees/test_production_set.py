"""The production set as docker-compose.yml, the Dockerfile and .dockerignore describe it.

There is no Docker engine here: the compose file is read as YAML (PyYAML when the venv has
it, else the system's `yq`) and checked for what the README promises; the web container's
health check script runs for real against a live server.
"""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

BASE_DIR = Path(__file__).resolve().parents[2]
APP_SERVICES = ("web", "worker", "beat")


def _yaml(path: Path):
    try:
        import yaml
    except ImportError:
        yq = shutil.which("yq")
        if yq is None:
            pytest.skip("no YAML reader here (neither PyYAML nor yq)")
        result = subprocess.run([yq, ".", str(path)], capture_output=True, text=True, check=True)
        return json.loads(result.stdout)
    return yaml.safe_load(path.read_text())


@pytest.fixture(scope="module")
def compose():
    return _yaml(BASE_DIR / "docker-compose.yml")


def _command(service) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def test_every_dollar_is_an_interpolation_or_escaped():
    # Compose interpolates $VAR itself; a literal $ for the container's shell is $$.
    lines = (BASE_DIR / "docker-compose.yml").read_text().splitlines()
    text = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
    stray = re.findall(r"\$(?![${])", text.replace("$$", ""))
    assert stray == []


def test_migrations_run_once_before_the_app_starts(compose):
    services = compose["services"]
    migrate = services["migrate"]
    assert "manage.py migrate" in _command(migrate)
    assert migrate["restart"] == "no"
    for name in APP_SERVICES:
        assert "migrate" not in _command(services[name]), name
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }, name


def test_every_long_running_service_has_a_health_check(compose):
    services = compose["services"]
    for name, service in services.items():
        if name != "migrate":
            assert service["healthcheck"]["test"], name
    web = " ".join(services["web"]["healthcheck"]["test"])
    assert "scripts/healthcheck.py" in web
    assert (BASE_DIR / "scripts/healthcheck.py").is_file()
    # Compose turns $$ into the $ that the container's shell expands.
    assert "inspect ping -d celery@$$HOSTNAME" in services["worker"]["healthcheck"]["test"][1]
    assert "inspect ping -d celerybeat@$$HOSTNAME" in services["beat"]["healthcheck"]["test"][1]
    # Beat answers a ping only with remote control on.
    assert "--enable-remote-control" in _command(services["beat"])


def test_the_worker_replaces_its_processes_after_some_tasks(compose):
    assert re.search(r"--max-tasks-per-child[= ]\d+", _command(compose["services"]["worker"]))


def test_only_the_proxy_reaches_gunicorn(compose):
    web = compose["services"]["web"]
    assert web["ports"] == ["127.0.0.1:8000:8000"]
    assert web["environment"]["ALLAUTH_TRUSTED_PROXY_COUNT"] == "1"
    for name, service in compose["services"].items():
        if name != "web":
            assert "ports" not in service, name


def test_environment_of_the_app(compose):
    for name in (*APP_SERVICES, "migrate"):
        environment = compose["services"][name]["environment"]
        assert environment["DEBUG"] == "0"
        assert environment["REDIS_URL"] == "redis://redis:6379/0"
        # The cache in a Redis database of its own: a cache flush never empties the queues.
        assert environment["CACHE_URL"] == "redis://redis:6379/1"
        assert "CACHE_VERSION" in environment
        # Errors reach someone: no production set without ADMINS.
        assert environment["ADMINS"].startswith("${ADMINS:?"), name
        assert "SENTRY_DSN" in environment, name


def test_uploads_and_private_reports_are_volumes_of_web_and_worker(compose):
    for name in ("web", "worker"):
        service = compose["services"][name]
        assert "media:/app/var/media" in service["volumes"]
        assert "private:/app/var/private" in service["volumes"]
        assert service["environment"]["PRIVATE_MEDIA_ROOT"] == "/app/var/private"
    assert {"pgdata", "media", "private"} <= set(compose["volumes"])


def test_the_image_installs_the_runtime_lock_only():
    lines = (BASE_DIR / "Dockerfile").read_text().splitlines()
    dockerfile = "\n".join(line for line in lines if not line.startswith("#"))
    assert "-r requirements.lock" in dockerfile
    assert "--require-hashes" in dockerfile
    assert "requirements-dev" not in dockerfile
    assert "migrate" not in dockerfile.split("CMD", 1)[1]
    runtime = (BASE_DIR / "requirements.lock").read_text()
    for tool in ("pytest", "ruff", "mypy", "playwright", "factory-boy"):
        assert not re.search(rf"^{tool}==", runtime, re.MULTILINE), tool
    for lock in ("requirements.lock", "requirements-dev.lock"):
        text = (BASE_DIR / lock).read_text()
        assert not re.search(r"^--(extra-)?index-url|^--find-links", text, re.MULTILINE), lock


def test_secrets_stay_out_of_the_image():
    ignored = (BASE_DIR / ".dockerignore").read_text().split()
    assert ".env" in ignored


def _healthcheck(url: str, allowed_hosts: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(BASE_DIR / "scripts/healthcheck.py")],
        env={"HEALTHCHECK_URL": url, "ALLOWED_HOSTS": allowed_hosts},
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.mark.django_db(transaction=True)
def test_web_health_check_passes_on_a_healthy_app_with_the_production_host(live_server):
    with override_settings(ALLOWED_HOSTS=["digitalees.example.be"]):
        result = _healthcheck(f"{live_server.url}/healthz", ".digitalees.example.be,other.be")
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db(transaction=True)
def test_web_health_check_fails_when_a_part_is_down(live_server, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    result = _healthcheck(f"{live_server.url}/healthz", "localhost")
    assert result.returncode == 1
    assert "answered 503" in result.stderr


@pytest.mark.django_db(transaction=True)
def test_web_health_check_fails_when_the_host_is_refused_or_nothing_listens(live_server):
    with override_settings(ALLOWED_HOSTS=["digitalees.example.be"]):
        refused = _healthcheck(f"{live_server.url}/healthz", "elsewhere.example.be")
    assert refused.returncode == 1
    assert "answered 400" in refused.stderr
    nobody = _healthcheck("http://127.0.0.1:1/healthz", "localhost")
    assert nobody.returncode == 1
