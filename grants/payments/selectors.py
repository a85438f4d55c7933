"""Reads of grants' payments part."""

from ..models import Application


def panel(application: Application, access) -> dict:
    """What the application's page shows of this part, for this reader (empty: nothing);
    the page includes grants/payments/_panel.html with it as `panel`."""
    return {}
