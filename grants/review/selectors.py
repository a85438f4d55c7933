"""Reads of grants' review part."""

from ..models import Application


def panel(application: Application, access) -> dict:
    """What the application's page shows of this part, for this reader (empty: nothing);
    the page includes grants/review/_panel.html with it as `panel`."""
    return {}
