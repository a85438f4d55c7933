"""Reads of grants' apply part."""

from ..models import Application


def panel(application: Application, access) -> dict:
    """What the application's page shows of this part, for this reader (empty: nothing);
    the page includes grants/apply/_panel.html with it as `panel`."""
    return {}
