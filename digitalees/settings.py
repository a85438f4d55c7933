"""DigitalEES settings.

Every difference between a laptop and production comes from an environment variable
(see the table in README.md). The defaults are for development: SQLite under var/, tasks
run in-process, mail written to var/mail/ and the console.
"""

from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlsplit

import environ
import sentry_sdk
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The site's public address (scheme://host[:port], no trailing slash), for links in e-mails
# sent without a request (background tasks); an e-mail sent while answering a request links
# to the address that request came to (digitalees.mail.site_url). `make run HOST=…` sets it.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Who publishes the site and how to reach them: the legal pages, the contact page and the
# footer read these (digitalees/legal.py). The defaults are the programme's own.
PUBLISHER_NAME = env.str("PUBLISHER_NAME", default="Agence du Numérique (AdN)")
PUBLISHER_ADDRESS = env.list(
    "PUBLISHER_ADDRESS", default=["Avenue Prince de Liège 133", "5100 Namur (Jambes)", "Belgique"]
)
PUBLISHER_ENTERPRISE_NUMBER = env.str("PUBLISHER_ENTERPRISE_NUMBER", default="")
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="contact@digitalees.be")
CONTACT_PHONE = env.str("CONTACT_PHONE", default="")
# The data protection officer's address, for requests under the GDPR.
DPO_EMAIL = env.str("DPO_EMAIL", default=CONTACT_EMAIL)
# Who hosts the site (name, then address lines), for the legal notice; unset, the notice
# says the host is in the European Union and named on request.
HOSTING_PROVIDER = env.list("HOSTING_PROVIDER", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "csp",
    "post_office",
    "digitalees",
    "network",
    "diagnostic",
    "coaching",
    "grants",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "digitalees.middleware.CookieLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After CommonMiddleware, which has refused a Host that ALLOWED_HOSTS does not list.
    "digitalees.middleware.RequestOriginMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "digitalees.middleware.StaffMFAMiddleware",
]

ROOT_URLCONF = "digitalees.urls"
WSGI_APPLICATION = "digitalees.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "digitalees.context_processors.roles",
                "digitalees.context_processors.contact",
            ],
        },
    },
]

# --- Database ----------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'digitalees.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions and background jobs -----------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")


def redis_database(url: str, number: int) -> str:
    """`url` with its Redis database number (the path) replaced by `number`."""
    return urlsplit(url)._replace(path=f"/{number}").geturl()


def redis_cache(url: str) -> dict:
    """The cache on the Redis at `url`. Its errors are tolerated: with Redis down a read is a
    miss and a write is lost (logged), so pages still render; the short timeouts make a
    down Redis cost milliseconds per request, not seconds."""
    return {
        "BACKEND": "digitalees.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.1,  # seconds; Redis is on the local network
            "SOCKET_TIMEOUT": 0.5,
        },
    }


# The cache has a Redis database of its own (REDIS_URL's server, database 1, unless
# CACHE_URL says otherwise), so that clearing it never drops the broker's queued tasks.
CACHE_URL = env.str("CACHE_URL", default=redis_database(REDIS_URL, 1) if REDIS_URL else "")
if CACHE_URL:
    CACHES = {"default": redis_cache(CACHE_URL)}
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "digitalees.cache"
    # Sessions live in the database; the cache in front spares a query per request.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Each deploy that changes what is cached (its shape or its meaning) bumps CACHE_VERSION:
# entries of the previous version are then never read again.
CACHES["default"]["VERSION"] = env.int("CACHE_VERSION", default=1)
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CELERY_BROKER_URL = "memory://localhost/"
    # No broker: tasks run at once, in-process, and their errors surface to the caller.
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged once it has run, so a worker killed mid-task leaves its message to
# the broker, which hands it to another worker after the visibility timeout (one hour by
# default in kombu's Redis transport: a killed render would wait that long). Every task
# claims its row before acting, so a message delivered twice has its effect once.
CELERY_TASK_ACKS_LATE = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Longer than any task's time limit (CELERY_TASK_TIME_LIMIT) and any retry countdown,
    # else a task still running, or waiting for its retry, would be handed out again.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=300),
    # Without them a publish waits forever on a broker that vanished without closing the
    # connection; a request then hangs instead of leaving the job to the periodic task.
    "socket_connect_timeout": 3,
    "socket_timeout": 5,
}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 90
CELERY_TIMEZONE = "Europe/Brussels"
# Periodic jobs are declared here, in code. E-mails and PDF reports are written to the
# database first; these deliver what a broker outage or a killed worker left behind.
CELERY_BEAT_SCHEDULE: dict = {
    "deliver-queued-mail": {
        "task": "digitalees.tasks.deliver_queued_mail",
        "schedule": timedelta(minutes=1),
        "options": {"expires": 50},  # a tick not run within its minute is superseded
    },
    "requeue-stale-reports": {
        "task": "diagnostic.tasks.requeue_stale_reports",
        "schedule": timedelta(minutes=1),
        "options": {"expires": 50},
    },
    "requeue-stale-plan-reports": {
        "task": "coaching.exports.tasks.requeue_stale_plan_reports",
        "schedule": timedelta(minutes=1),
        "options": {"expires": 50},
    },
    "requeue-stale-decision-letters": {
        "task": "grants.tasks.requeue_stale_decision_letters",
        "schedule": timedelta(minutes=1),
        "options": {"expires": 50},
    },
    "purge-old-mail": {"task": "digitalees.tasks.purge_old_mail", "schedule": timedelta(days=1)},
    # Coaching's reminders, in CELERY_TIMEZONE (Brussels). Each is sent once per event
    # whatever the number of runs, so a late or repeated tick is harmless.
    "coaching-action-reminders": {
        "task": "coaching.tasks.send_action_reminders",
        "schedule": crontab(hour=7, minute=0),
        "options": {"expires": 6 * 3600},  # superseded by the next day's at the latest
    },
    "coaching-session-reminders": {
        "task": "coaching.tasks.send_session_reminders",
        "schedule": crontab(minute=5),  # hourly
        "options": {"expires": 3000},
    },
    "coaching-coach-digests": {
        "task": "coaching.tasks.send_coach_digests",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
        "options": {"expires": 6 * 3600},
    },
    # The network's monthly digest, on the 1st (Brussels): each subscriber is claimed
    # before their e-mail is queued, so a repeated tick sends nothing twice.
    "network-newsletter-digest": {
        "task": "network.newsletter.tasks.send_monthly_digest",
        "schedule": crontab(day_of_month=1, hour=8, minute=0),
        "options": {"expires": 12 * 3600},
    },
    # The network's events: the day-before reminders (each registration reminded once,
    # whatever the number of runs) and the attendance certificates a lost message left.
    "network-event-reminders": {
        "task": "network.events.tasks.send_event_reminders",
        "schedule": crontab(minute=15),  # hourly
        "options": {"expires": 3000},
    },
    "requeue-stale-certificates": {
        "task": "network.events.tasks.requeue_stale_certificates",
        "schedule": timedelta(minutes=1),
        "options": {"expires": 50},
    },
}

# --- Mail ---------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="DigitalEES <noreply@digitalees.be>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
EMAIL_FILE_PATH = VAR_DIR / "mail"
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "digitalees.mail.FileAndConsoleBackend"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)  # seconds; a delivery never hangs a worker
# Every message is written to the database (django-post-office's Email table) in the
# transaction of what caused it, and a worker delivers it through the backend above once
# that commits; the periodic task above delivers what is still due (digitalees/mail.py).
POST_OFFICE = {
    "BACKENDS": {"default": EMAIL_BACKEND},
    "DEFAULT_PRIORITY": "medium",  # queued: never sent inside the request
    # A refused delivery is tried again after 1, 2, 4 … minutes, 8 times (about 4 hours).
    "MAX_RETRIES": 8,
    "RETRY_INTERVAL": timedelta(minutes=1),
    "LOG_LEVEL": 1,  # failures only
    # Delivery is digitalees.tasks': post_office's own task sends under a file lock local
    # to one machine and claims no row, so two worker hosts would send the same message.
    "CELERY_ENABLED": False,
    # Attachments (a grant's decision letter) hold private data: kept in the private
    # storage, which has no URL, until the worker attaches them at delivery.
    "FILE_STORAGE": "private",
}
EMAIL_BACKEND = "digitalees.mail.QueuedEmailBackend"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "digitalees.User"
AUTHENTICATION_BACKENDS = [
    # allauth's, with the account's role groups read along with it (see the module).
    "digitalees.auth.AuthenticationBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]  # and a name: accounts.py
ACCOUNT_USER_DISPLAY = "digitalees.accounts.user_display"
ACCOUNT_UNIQUE_EMAIL = True
# One address per account; a new one replaces it only once verified, and until then it is
# nobody's: it blocks neither its owner's sign-up nor gets a reset for the account that asked
# for it (digitalees/accounts.py). Unknown addresses are not revealed.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_FORMS = {
    "signup": "digitalees.accounts.NoSquatSignupForm",
    "reset_password": "digitalees.accounts.NoSquatResetPasswordForm",
}
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
if not DEBUG and ACCOUNT_EMAIL_VERIFICATION != "mandatory":
    raise ImproperlyConfigured("E-mail verification must be mandatory when DEBUG is off.")
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[DigitalEES] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_RATE_LIMITS = {
    # Failed logins per IP and per account; allauth locks the account out for a while.
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# The client address behind the reverse proxy: X-Forwarded-For is believed only for the
# number of proxies that stand in front of the app (0: REMOTE_ADDR, the default when the
# app is reached directly), or a header named here that the proxy sets (e.g. X-Real-IP).
# allauth's limits and the project's own (digitalees/ratelimit.py) both read them.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("ALLAUTH_TRUSTED_CLIENT_IP_HEADER", default="") or None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "DigitalEES"
# Agency rights (staff pages and every organisation's private pages; superusers count as
# agency staff) and the admin count only once two-factor authentication is on
# (digitalees.roles.is_agency_staff). On in production; `make run` turns it off so that the
# demo logins work at once.
STAFF_REQUIRE_MFA = env.bool("STAFF_REQUIRE_MFA", default=not DEBUG)

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
# Our own catalogue first (what `make messages` writes), then our overrides of other
# packages' French, which must not live in the former: `make messages` drops what our code
# does not use.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
TIME_ZONE = "Europe/Brussels"
# English dates as in Belgium, day before month (digitalees/formats/en/formats.py).
FORMAT_MODULE_PATH = ["digitalees.formats"]
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Public uploads (logos), served under MEDIA_URL by digitalees.media, DEBUG or not.
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Private files (PDF reports): never under MEDIA_URL, only through views that check access.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=VAR_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "digitalees.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security -------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # data: for the TOTP QR code that allauth renders inline.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}


# --- Errors reach someone -----------------------------------------------------------------
# ADMINS="Name <address>,other@example.be": every error logged (a 500, a failed task) is
# mailed to them when DEBUG is off. Names may not contain commas.
def _admins(value: str) -> list[tuple[str, str]]:
    admins = []
    for entry in filter(None, (part.strip() for part in value.split(","))):
        name, address = parseaddr(entry)
        if "@" not in address:
            raise ImproperlyConfigured(f"ADMINS: {entry!r} is not 'Name <address>' or an address.")
        admins.append((name, address))
    return admins


ADMINS = _admins(env.str("ADMINS", default=""))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "forbidden_without_traceback": {"()": "digitalees.logs.ForbiddenWithoutTraceback"},
    },
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
            # Straight to the mail server, not through the queue in the database: an error
            # report must not depend on the database (the error may be there).
            "email_backend": "digitalees.mail.DirectBackend",
        },
    },
    # Errors from anywhere (Django, Celery tasks, the apps) reach the root's two handlers.
    "root": {"handlers": ["console", "mail_admins"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's defaults give this logger a console and a mail_admins handler of its own:
        # dropped, so that one error is printed once and mailed once.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # A refused request (403) is one line, without the PermissionDenied's traceback.
        "django.request": {"filters": ["forbidden_without_traceback"]},
        # A request with a forged Host is the client's error, not ours: no mail for each.
        "django.security.DisallowedHost": {"handlers": ["console"], "propagate": False},
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint and fontTools log every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
# The Celery worker keeps this configuration instead of replacing the root's handlers with
# its own, so a failed task is mailed too.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Sentry when SENTRY_DSN is set: errors and failed tasks with their context, without
# personal data (no user, no cookies, no request body).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        environment=env.str("SENTRY_ENVIRONMENT", default="development" if DEBUG else "production"),
        release=env.str("SENTRY_RELEASE", default="") or None,
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
