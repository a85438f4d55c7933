"""The project's settings, with the bench's reference page added to its URLs."""

from digitalees.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
