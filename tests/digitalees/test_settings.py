import gzip
import logging
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import brotli
import pytest
from django.urls import path

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "digitalees.example.be",
    "DATABASE_URL": "sqlite:////tmp/digitalees-deploy-check.sqlite3",
}


def _manage(*args, env):
    dropped = ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_prints_no_warning_with_production_values():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_secret_key_is_required_when_debug_is_off():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("debug", ["0", "1"])
def test_email_verification_is_mandatory_by_default(debug):
    env = {**PRODUCTION, "DEBUG": debug}
    result = _manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from django.conf import settings; print(settings.ACCOUNT_EMAIL_VERIFICATION)",
        env=env,
    )
    assert result.stdout.strip() == "mandatory", result.stderr


def _setting(expression, env):
    result = _manage(
        "shell", "-v", "0", "-c", f"from django.conf import settings; print({expression})", env=env
    )
    return result


def test_admins_are_read_from_the_environment():
    env = {**PRODUCTION, "ADMINS": "Agence Numérique <ops@digitalees.be>, tech@digitalees.be"}
    result = _setting("settings.ADMINS", env)
    assert result.stdout.strip() == str(
        [("Agence Numérique", "ops@digitalees.be"), ("", "tech@digitalees.be")]
    ), result.stderr


def test_a_malformed_admins_entry_stops_the_start():
    result = _setting("settings.ADMINS", {**PRODUCTION, "ADMINS": "Agence Numérique"})
    assert result.returncode != 0
    assert "ADMINS: 'Agence Numérique' is not" in result.stderr


@pytest.fixture
def admins(settings):
    settings.ADMINS = [("Ops", "ops@digitalees.be")]
    settings.DEBUG = False


def test_an_error_logged_anywhere_is_mailed_once_to_the_admins(admins, mailoutbox):
    logging.getLogger("celery.app.trace").error("Task diagnostic.render_report raised: boom")
    logging.getLogger("django.request").error("Internal Server Error: /organisations/")
    assert [m.to for m in mailoutbox] == [["ops@digitalees.be"], ["ops@digitalees.be"]]
    assert "Task diagnostic.render_report raised: boom" in mailoutbox[0].subject


@pytest.mark.django_db
def test_a_server_error_is_mailed_once_to_the_admins(admins, client, mailoutbox, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    response = client.get("/boom")
    assert response.status_code == 500
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ops@digitalees.be"]
    assert "/boom" in mailoutbox[0].subject
    assert "ZeroDivisionError" in mailoutbox[0].body


def test_no_error_mail_while_debugging(admins, mailoutbox, settings):
    settings.DEBUG = True
    logging.getLogger("diagnostic").error("seen in the console only")
    assert mailoutbox == []


def _boom(request):
    return 1 / 0


urlpatterns = [path("boom", _boom)]


class _Collector(BaseHTTPRequestHandler):
    """A stand-in Sentry server on 127.0.0.1: keeps the body of every envelope posted."""

    received: list[bytes] = []

    def do_POST(self):  # noqa: N802 (the http.server API)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":
            body = brotli.decompress(body)
        self.received.append(body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_errors_reach_sentry_when_a_dsn_is_set():
    server = HTTPServer(("127.0.0.1", 0), _Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Collector.received = []
    try:
        env = {
            **PRODUCTION,
            "SENTRY_DSN": f"http://publickey@127.0.0.1:{server.server_port}/1",
            "SENTRY_ENVIRONMENT": "staging",
            "SENTRY_RELEASE": "digitalees@1.2.3",
        }
        result = _manage(
            "shell",
            "-v",
            "0",
            "-c",
            "import logging, sentry_sdk;"
            "options = sentry_sdk.get_client().options;"
            "print(options['send_default_pii'], sorted(sentry_sdk.get_client().integrations));"
            "logging.getLogger('diagnostic.tasks').error('sentry-probe');"
            "sentry_sdk.flush(timeout=10)",
            env=env,
        )
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr
    pii, integrations = result.stdout.strip().split(" ", 1)
    assert pii == "False"
    assert "'celery'" in integrations and "'django'" in integrations
    events = [body for body in _Collector.received if b"sentry-probe" in body]
    assert len(events) == 1
    assert b'"environment":"staging"' in events[0]
    assert b'"release":"digitalees@1.2.3"' in events[0]


def test_no_sentry_without_a_dsn():
    result = _setting("__import__('sentry_sdk').get_client().is_active()", PRODUCTION)
    assert result.stdout.strip() == "False", result.stderr


def test_the_celery_worker_keeps_the_error_mail_handler():
    """A worker sets its logging up as below at start; it must not drop the mail handler."""
    result = _manage(
        "shell",
        "-v",
        "0",
        "-c",
        "import logging; from digitalees.celery import app;"
        "app.log.setup_logging_subsystem(loglevel='INFO');"
        "print(sorted(type(h).__name__ for h in logging.getLogger().handlers))",
        env=PRODUCTION,
    )
    assert result.stdout.strip() == "['AdminEmailHandler', 'StreamHandler']", result.stderr
