"""An application's page, for everyone who may see it: the applicant, its coaches, its
reviewers and agency staff each see their panels (grants/<part>/selectors.py: `panel`)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import selectors
from .apply import selectors as apply_selectors
from .decisions import selectors as decisions_selectors
from .payments import selectors as payments_selectors
from .review import selectors as review_selectors
from .rules import get_application_for


@login_required
@require_safe
def application_detail(request, pk):
    application, access = get_application_for(request, pk)
    context = {
        "application": application,
        "access": access,
        "budget_lines": selectors.budget_of(application),
        "attachments": selectors.attachments_of(application),
        # Reviewers read the application, not its history with the applicant.
        "timeline": (
            selectors.timeline(application, internal=access.sees_internal)
            if access.organisation.can_view
            else []
        ),
        "apply_panel": apply_selectors.panel(application, access),
        "decisions_panel": decisions_selectors.panel(application, access),
        "review_panel": review_selectors.panel(application, access),
        "payments_panel": payments_selectors.panel(application, access),
    }
    return render(request, "grants/application_detail.html", context)
