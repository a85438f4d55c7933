"""Data for the resource library's tests and matrix rows."""

from network.models import Resource, Topic


def form_data(org=None, p=None) -> dict:
    """A valid resource form: an address elsewhere, one theme."""
    return {
        "title_fr": "Un outil en ligne",
        "summary_fr": "Un outil pour tester.",
        "body_fr": "",
        "title_en": "An online tool",
        "summary_en": "A tool to test.",
        "body_en": "",
        "url": "https://www.example.be/outil",
        "kind": Resource.Kind.TOOL,
        "language": "fr",
        "topics": [Topic.objects.order_by("code").first().pk],
        "is_published": "on",
    }
