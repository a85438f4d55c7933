"""Where to send a visitor back to: a `next` value they (or anyone) supplied.

One check for every view that takes one: only a path on this site is followed; anything
else (another host, a scheme, a bare word that `redirect()` would try as a URL name, control
characters, an absurd length) falls back to the view's own default.
"""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

# Longer than any page of ours with its query string; a longer value is not one of ours.
MAX_LENGTH = 2000


def safe_next(request: HttpRequest, default: str, *, field: str = "next") -> str:
    """The `next` value of the request (POST first, then GET) when it is a path on this
    site, else `default`."""
    value = request.POST.get(field) or request.GET.get(field) or ""
    if is_safe_path(value, request):
        return value
    return default


def is_safe_path(value: str, request: HttpRequest) -> bool:
    return (
        0 < len(value) <= MAX_LENGTH
        and value.startswith("/")
        and not any(ord(character) < 32 or ord(character) == 127 for character in value)
        and url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )
