"""A small fixed-window rate limit on the cache, for actions that send e-mail to an
address a visitor typed (resume links, report notices): they must not become a way to
send mail to strangers in bulk."""

from django.core.cache import cache


def client_ip(request) -> str:
    # Behind the reverse proxy, REMOTE_ADDR is the proxy; it sets X-Forwarded-For.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.split(",")[-1].strip() if forwarded else request.META.get("REMOTE_ADDR", "")


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
