"""coaching's Celery tasks, one module per part (autodiscovered through this one)."""

from .exports.tasks import *  # noqa: F403
