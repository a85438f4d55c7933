"""The project's cache backend: django-redis, whose errors are ignored (and logged) so that
the site works with Redis down."""

from django_redis.cache import RedisCache as DjangoRedisCache


class RedisCache(DjangoRedisCache):
    def add(self, *args, **kwargs):
        """django-redis answers None when Redis is down, which a caller that locks with
        add() reads as "someone else holds it": allauth's rate limits then waited a second
        and refused every login. With no cache there is no lock to wait for: go ahead."""
        added = super().add(*args, **kwargs)
        return True if added is None else added
