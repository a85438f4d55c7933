"""Demo data of coaching for `manage.py seed_demo` (safe to run twice): the pilot cohort
of the 15 demo EES with their plans, then each part's own data (selection, sessions and
intervisions, evaluation), in that order, each written through its services."""

from importlib import import_module
from importlib.util import find_spec

from django.utils import translation

# Each module has `seed(*, password, stdout) -> list of logins`; later ones build on the
# earlier ones' data.
PARTS = ["plans", "selection", "sessions", "evaluation"]


def seed(*, password: str, stdout) -> list[tuple[str, str]]:
    logins = []
    with translation.override("fr"):  # what the services propose is in French, as in use
        for part in PARTS:
            name = f"{__name__}.{part}"
            if find_spec(name) is not None:
                logins += import_module(name).seed(password=password, stdout=stdout) or []
    return logins
