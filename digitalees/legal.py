"""The pages every public site owes its users: privacy policy, legal notice, accessibility
statement and contact. Public, in both languages.

Their prose lives in one template per language (`legal/<page>.<language>.html`) rather than
in the gettext catalogue: a legal text is reviewed and changed as a whole, paragraph by
paragraph, and split into catalogue entries it could not be read as one. Titles and the
layout are translated as usual. Who publishes and how to reach them comes from settings.
"""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

TITLES = {
    "privacy": _("Privacy policy"),
    "legal_notice": _("Legal notice"),
    "accessibility": _("Accessibility statement"),
    "contact": _("Contact"),
}
DESCRIPTIONS = {
    "privacy": _(
        "What personal data the DigitalEES platform processes, why, for how long, who sees it "
        "and how to use your rights under the GDPR."
    ),
    "legal_notice": _("Who publishes the DigitalEES platform, how to reach them and who hosts it."),
    "accessibility": _(
        "How accessible the DigitalEES platform is (WCAG 2.1 AA), what is known not to be, "
        "and how to tell us or lodge a complaint."
    ),
    "contact": _("How to reach the DigitalEES team: address, e-mail and what to write about."),
}


def publisher() -> dict:
    return {
        "name": settings.PUBLISHER_NAME,
        "address": settings.PUBLISHER_ADDRESS,
        "enterprise_number": settings.PUBLISHER_ENTERPRISE_NUMBER,
        "email": settings.CONTACT_EMAIL,
        "phone": settings.CONTACT_PHONE,
        "dpo_email": settings.DPO_EMAIL,
        "hosting": settings.HOSTING_PROVIDER,
    }


@require_GET
def page(request, name: str):
    language = "en" if (get_language() or "").startswith("en") else "fr"
    return render(
        request,
        "legal/page.html",
        {
            "page": name,
            "title": TITLES[name],
            "description": DESCRIPTIONS[name],
            "body_template": f"legal/{name}.{language}.html",
            "publisher": publisher(),
            "pages": list(TITLES.items()),
        },
    )
