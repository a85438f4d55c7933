from django.conf import settings
from django.contrib import messages
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from .mail import current_request
from .roles import staff_needs_mfa


class CookieLocaleMiddleware(LocaleMiddleware):
    """French unless the visitor chose otherwise with the language switcher.

    The browser's Accept-Language is deliberately ignored: the programme's public is
    French-speaking Wallonia, and a choice once made is kept in the language cookie.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        if language not in supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class StaffMFAMiddleware:
    """Staff accounts must turn on TOTP before the Django admin: a friendly redirect.

    No right depends on it: the agency's rights (its pages included, see
    `roles.agency_staff_required`) are refused by `roles.is_agency_staff` until TOTP is on.
    The admin is Django's own, with its own login check: this sends its users to set up TOTP.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not settings.STAFF_REQUIRE_MFA or not user.is_authenticated:
            return None
        if request.path.startswith("/admin/") and user.is_staff and staff_needs_mfa(user):
            messages.warning(
                request,
                _("Turn on two-factor authentication before you reach the agency's pages."),
            )
            return redirect("mfa_activate_totp")
        return None


class RequestOriginMiddleware:
    """Makes the request known to `mail.site_url()` while it is answered: e-mails sent now
    (invitations, resume links, report notices from an in-process task) link to the address
    the browser used, whatever port `make run HOST=…` serves on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
