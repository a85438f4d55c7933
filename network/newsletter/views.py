"""The newsletter's public pages: subscribe, confirm, unsubscribe. Nobody logs in: the
signed token in a link says which subscriber it is about. Every page that changes
something is a POST (a link followed by a mail scanner changes nothing), except the
one-click unsubscription that mail programs post without a cookie (RFC 8058)."""

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from digitalees import ratelimit
from digitalees.service_errors import add_service_errors
from network.text import fold

from . import services
from .forms import SubscribeForm

# Per client: enough for a household, not for mailing strangers in bulk.
SUBSCRIBE_LIMIT = {"limit": 5, "period": 3600}
# Per address, whoever asks: the same mailbox is sent a confirmation a few times a day at most.
ADDRESS_LIMIT = 3
ADDRESS_PERIOD = 24 * 3600


def _address_allows(email: str) -> bool:
    """True while `email` was sent fewer than ADDRESS_LIMIT confirmations in the window
    (counts this one). The cache down: let it through, as digitalees.ratelimit does."""
    digest = hashlib.sha256(fold(email).encode()).hexdigest()
    key = f"ratelimit:newsletter_address:{digest}"
    cache.add(key, 0, timeout=ADDRESS_PERIOD)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=ADDRESS_PERIOD)
        count = 1
    return count is None or count <= ADDRESS_LIMIT


def _initial_email(request) -> str:
    return request.user.email if request.user.is_authenticated else ""


def _language() -> str:
    language = (get_language() or "fr")[:2]
    return language if language in services.LANGUAGES else "fr"


@require_GET
def newsletter_subscribe(request):
    form = SubscribeForm(initial={"email": _initial_email(request), "language": _language()})
    return render(request, "network/newsletter/subscribe.html", {"form": form})


@require_POST
def newsletter_subscribe_send(request):
    form = SubscribeForm(request.POST)
    status = 200
    if form.is_valid():
        if not ratelimit.allow(request, "newsletter_subscribe", **SUBSCRIBE_LIMIT):
            form.add_error(
                None,
                _("Too many subscriptions were asked from your connection: try again in an hour."),
            )
            status = 429
        else:
            email = form.cleaned_data["email"]
            try:
                # An address over its limit is sent nothing, and told the same as any other.
                if _address_allows(email):
                    services.subscriber_subscribe(
                        email=email, language=form.cleaned_data["language"]
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                # The same answer whether the address was known or not.
                messages.success(
                    request,
                    _(
                        "Check your inbox: if %(email)s is not subscribed yet, a message "
                        "with a confirmation link is on its way. Nothing is sent to you "
                        "before you confirm."
                    )
                    % {"email": email},
                )
                return redirect("network:newsletter_subscribe")
    return render(request, "network/newsletter/subscribe.html", {"form": form}, status=status)


def _invalid(request, error: ValidationError):
    return render(
        request, "network/newsletter/link_invalid.html", {"reason": error.messages[0]}, status=400
    )


@require_GET
def newsletter_confirm(request, token):
    """The link in the confirmation e-mail: a button, which confirms (a POST)."""
    try:
        subscriber = services.subscriber_from_confirm_token(token)
    except services.LinkError as error:
        return _invalid(request, error)
    return render(
        request,
        "network/newsletter/confirm.html",
        {"subscriber": subscriber, "token": token, "receiving": _receiving(subscriber)},
    )


@require_POST
def newsletter_confirm_send(request, token):
    try:
        subscriber = services.subscriber_from_confirm_token(token)
    except services.LinkError as error:
        return _invalid(request, error)
    services.subscriber_confirm(subscriber=subscriber)
    messages.success(
        request,
        _("Your subscription is confirmed: the next monthly digest goes to %(email)s.")
        % {"email": subscriber.email},
    )
    return redirect("network:newsletter_confirm", token=token)


def _receiving(subscriber) -> bool:
    return subscriber.confirmed_at is not None and subscriber.unsubscribed_at is None


@require_GET
def newsletter_unsubscribe(request, token):
    """The link in every digest: a button, which unsubscribes (a POST)."""
    try:
        subscriber = services.subscriber_from_unsubscribe_token(token)
    except services.LinkError as error:
        return _invalid(request, error)
    return render(
        request,
        "network/newsletter/unsubscribe.html",
        {"subscriber": subscriber, "token": token, "receiving": _receiving(subscriber)},
    )


@require_POST
def newsletter_unsubscribe_send(request, token):
    try:
        subscriber = services.subscriber_from_unsubscribe_token(token)
    except services.LinkError as error:
        return _invalid(request, error)
    services.subscriber_unsubscribe(subscriber=subscriber)
    messages.success(
        request,
        _("%(email)s will receive no more newsletters.") % {"email": subscriber.email},
    )
    return redirect("network:newsletter_unsubscribe", token=token)


# Mail programs' "unsubscribe" button posts here without a cookie or a CSRF token (RFC 8058,
# List-Unsubscribe-Post): the signed token in the address is what authorises the change, and
# a forged request would need it. The only view exempted from CSRF here. A GET (an older
# mail program opening the header's address) changes nothing and shows the page's button.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def newsletter_unsubscribe_one_click(request, token):
    if request.method == "GET":
        return redirect("network:newsletter_unsubscribe", token=token)
    try:
        subscriber = services.subscriber_from_unsubscribe_token(token)
    except services.LinkError as error:
        return _invalid(request, error)
    services.subscriber_unsubscribe(subscriber=subscriber)
    # Answered at once: a mail program follows no redirect.
    return render(
        request,
        "network/newsletter/unsubscribe.html",
        {"subscriber": subscriber, "token": token, "receiving": False},
    )
