"""A person's choice about reminder e-mails: from their account, or from the link in every
reminder (no log-in: the link's signed token says whose reminders it turns off)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import services
from .forms import ReminderSettingsForm


@login_required
@require_http_methods(["GET", "POST"])
def reminder_settings(request):
    """The account's page: reminders on or off. Anyone logged in sets their own."""
    enabled = services.reminders_enabled(request.user)
    initial = {"reminders": ReminderSettingsForm.ON if enabled else ReminderSettingsForm.OFF}
    # An empty POST is a submitted form too (nothing chosen): bound, so that it says so.
    form = ReminderSettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.reminder_preference_set(user=request.user, enabled=form.enabled)
        messages.success(
            request,
            _("You will receive reminder e-mails.")
            if form.enabled
            else _("You will receive no more reminder e-mails."),
        )
        return redirect("coaching:reminder_settings")
    return render(request, "coaching/reminders/settings.html", {"form": form, "enabled": enabled})


# Mail programs' "unsubscribe" button posts here without a cookie or a CSRF token (RFC 8058,
# List-Unsubscribe-Post): the signed token in the address is what authorises the change,
# and a forged request would need it. One address for both methods, as RFC 8058 requires:
# a GET shows the confirmation (it never changes anything: mail scanners follow links), a
# POST turns the reminders off.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def reminders_unsubscribe(request, token):
    user = services.user_from_unsubscribe_token(token)
    if user is None:
        return render(request, "coaching/reminders/unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        services.reminder_preference_set(user=user, enabled=False)
        if request.POST.get("List-Unsubscribe") != "One-Click":
            messages.success(request, _("Reminder e-mails are turned off."))
            return redirect("coaching:reminders_unsubscribe", token=token)
        # A mail program's one-click request: answered at once (it follows no redirect).
    return render(
        request,
        "coaching/reminders/unsubscribe.html",
        {
            "email": user.email,
            "enabled": services.reminders_enabled(user),
            "token": token,
            "own_account": request.user.is_authenticated and request.user.pk == user.pk,
        },
    )
