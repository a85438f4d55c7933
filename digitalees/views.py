"""The top floor: pages that compose several apps. Nothing imports this module."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET

from diagnostic import rules as diagnostic_rules
from diagnostic import selectors as diagnostic_selectors
from digitalees.roles import is_agency_staff, is_coach, staff_needs_mfa
from network import selectors as network_selectors


@require_GET
def home(request):
    return render(request, "home.html")


@require_GET
def bare(request):
    """A page of the base layout that does nothing else: the benchmarks' reference."""
    return render(request, "bare.html")


@login_required
@require_GET
def dashboard(request):
    user = request.user
    context = {
        "memberships": list(network_selectors.memberships_for(user)),
        "coached": list(network_selectors.organisations_coached_by(user)) if is_coach(user) else [],
        "is_agency": is_agency_staff(user),
    }
    context["staff_needs_mfa"] = context["is_agency"] and staff_needs_mfa(user)
    organisation_ids = [m.organisation_id for m in context["memberships"]]
    latest = diagnostic_selectors.latest_results_by_organisation(organisation_ids)
    campaigns = diagnostic_selectors.open_campaigns_by_organisation(organisation_ids)
    for membership in context["memberships"]:
        membership.latest_result = latest.get(membership.organisation_id)
        membership.open_campaign = campaigns.get(membership.organisation_id)
    keys = diagnostic_rules.visitor_keys(request)
    context["drafts"] = list(diagnostic_selectors.drafts_of(user, keys)[:10])
    context["unclaimed"] = list(diagnostic_selectors.unclaimed_results(keys))
    return render(request, "dashboard.html", context)


def error_403(request, exception=None):
    return render(request, "errors/403.html", status=403)


def error_404(request, exception=None):
    return render(request, "errors/404.html", status=404)


def error_500(request):
    # No context processors may run here: the failure may be in one of them.
    return HttpResponseServerError(loader.get_template("errors/500.html").render())
