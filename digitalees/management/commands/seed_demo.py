"""Demo data for every app, safe to run twice; prints the demo logins.

Each installed app may have a `demo` module with `seed(*, password, stdout)` returning the
logins worth printing; apps are seeded in INSTALLED_APPS order (network before diagnostic),
so that each builds on the data of the apps below it.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEMO_PASSWORD = "demo-digitalees-2026"


class Command(BaseCommand):
    help = "Create demo data (safe to run twice) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never in production)."
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo creates known passwords: it runs only with DEBUG on.")
        logins = []
        with transaction.atomic():
            for config in apps.get_app_configs():
                if find_spec(f"{config.name}.demo") is None:
                    continue
                module = import_module(f"{config.name}.demo")
                logins += module.seed(password=DEMO_PASSWORD, stdout=self.stdout) or []
        self.stdout.write(
            self.style.SUCCESS(f"Demo data is ready. Demo logins (password: {DEMO_PASSWORD}):")
        )
        width = max(len(email) for email, _role in logins)
        for email, role in logins:
            self.stdout.write(f"  {email.ljust(width)}  {role}")
