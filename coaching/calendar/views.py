"""A person's calendar feed: the page with its secret address, renewing it, and the feed
itself (no log-in: calendars read it with the address alone)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from digitalees.mail import absolute_url

from ..models import CalendarFeed
from . import selectors, services


@login_required
@require_GET
def calendar_settings(request):
    feed = CalendarFeed.objects.filter(user=request.user).first()
    address = (
        absolute_url(reverse("coaching:calendar_feed", kwargs={"token": feed.token}))
        if feed
        else ""
    )
    return render(
        request,
        "coaching/calendar/settings.html",
        {
            "feed": feed,
            "address": address,
            # webcal:// opens the calendar program with the address filled in.
            "webcal": address.replace("https://", "webcal://").replace("http://", "webcal://"),
        },
    )


@login_required
@require_POST
def calendar_renew(request):
    had_one = CalendarFeed.objects.filter(user=request.user).exists()
    services.calendar_feed_renew(user=request.user)
    messages.success(
        request,
        _("Your calendar has a new address: the previous one no longer works.")
        if had_one
        else _("Your calendar address is ready: add it to your calendar."),
    )
    return redirect("coaching:calendar_settings")


@require_GET
def calendar_feed(request, token):
    feed = selectors.feed_for_token(token)
    if feed is None:
        raise Http404
    response = HttpResponse(
        selectors.calendar_ics(feed.user), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="digitalees.ics"'
    # A secret address: not to be kept by shared caches, nor named in another site's logs.
    response["Cache-Control"] = "private, max-age=900"
    response["Referrer-Policy"] = "no-referrer"
    return response
