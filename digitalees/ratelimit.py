"""A small fixed-window rate limit on the cache, for actions that send e-mail to an
address a visitor typed (resume links, report notices): they must not become a way to
send mail to strangers in bulk."""

import ipaddress

from allauth.account.adapter import get_adapter
from django.core.cache import cache


def client_ip(request) -> str:
    """The client's address as allauth sees it for its own limits: REMOTE_ADDR, unless
    ALLAUTH_TRUSTED_PROXY_COUNT says how many proxies append to X-Forwarded-For (or
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER names the header one of them sets). A header the
    client wrote itself is never believed, so rotating it dodges nothing."""
    ip = get_adapter(request).get_client_ip(request)
    # One IPv6 client holds a whole /64: count the prefix, as allauth does.
    address = ipaddress.ip_address(ip)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return ip


def allow(request, action: str, *, limit: int, period: int) -> bool:
    """True while `request`'s client has done `action` fewer than `limit` times in the
    current window of `period` seconds; counts this attempt."""
    key = f"ratelimit:{action}:{client_ip(request)}"
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period)
        count = 1
    if count is None:
        # The cache is down (its errors are ignored, and logged): nothing can be counted.
        # Refusing everyone would stop the site's mail for the outage; let it through.
        return True
    return count <= limit
