from django.conf import settings
from django.utils.translation import get_language


def localised(obj, name: str) -> str:
    """`obj.<name>_<language>` for the active language, falling back to French.

    Content written by the agency (questionnaires, resources) is stored in French and
    English columns rather than in gettext catalogues: it is data, versioned with the rows."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    value = getattr(obj, f"{name}_{language}", "") if language in ("fr", "en") else ""
    return value or getattr(obj, f"{name}_fr", "")


class Bilingual:
    def tr(self, name: str) -> str:
        return localised(self, name)
