"""The programme's public figures: the rule that hides small groups, and the cache that
keeps each app's figures until a write changes what they depend on.

Each app computes its own figures (its selectors' `public_figures`), as plain data (codes,
numbers: never markup, never a language's words), cached under a key that names the
version of every kind of data they are drawn from. The services that change that data
renew its version once they commit (`figures_changed`): the next reading computes afresh,
and a figure computed while a write commits is stored under the old version, never read.
With the cache down, figures are computed on each reading."""

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db import transaction

# No group of fewer organisations is shown in public: its mean (or total) would tell too
# much about each of them.
MIN_ORGANISATIONS = 5

# A safety net, not the freshness rule: writes renew the versions.
FIGURES_CACHE_SECONDS = 24 * 60 * 60
_VERSION = "figures:version:"


@dataclass(frozen=True)
class Aggregate:
    """A mean or a total over a group of organisations, or nothing when the group is too
    small to be shown (then not even its size is kept)."""

    value: float | Decimal | None
    organisations: int | None

    @property
    def suppressed(self) -> bool:
        return self.value is None


def group_aggregate(value: float | Decimal | None, organisations: int) -> Aggregate:
    """The one rule of the public figures: a value drawn from fewer than MIN_ORGANISATIONS
    organisations is suppressed (and so is the group's size)."""
    if value is None or organisations < MIN_ORGANISATIONS:
        return Aggregate(value=None, organisations=None)
    return Aggregate(value=value, organisations=organisations)


@dataclass(frozen=True)
class Change:
    """The mean before and after over the same organisations (suppressed together)."""

    before: Aggregate
    after: Aggregate

    @property
    def suppressed(self) -> bool:
        return self.before.suppressed

    @property
    def difference(self):
        return None if self.suppressed else self.after.value - self.before.value


def group_change(before: float | None, after: float | None, organisations: int) -> Change:
    return Change(group_aggregate(before, organisations), group_aggregate(after, organisations))


def _version_key(name: str) -> str:
    return _VERSION + name


def figures_changed(*names: str) -> None:
    """The data named changed: figures drawn from it are computed again once the current
    transaction commits (at once outside one)."""

    def renew():
        cache.set_many({_version_key(n): secrets.token_hex(8) for n in names}, None)

    transaction.on_commit(renew)


def cached_figures(name: str, *, depends_on: Sequence[str], compute: Callable[[], Any]) -> Any:
    """`compute()`, kept in the cache under the versions of `depends_on` (data names, such as
    "diagnostic" or "network.organisations") until one of them is renewed."""
    keys = [_version_key(n) for n in depends_on]
    versions = cache.get_many(keys)
    missing = [k for k in keys if k not in versions]
    if missing:
        # Before computing: a write that commits meanwhile renews the version read here.
        for key in missing:
            cache.add(key, secrets.token_hex(8), None)
        versions |= cache.get_many(missing)
    if len(versions) < len(keys):  # the cache is down: compute, keep nothing
        return compute()
    key = f"figures:{name}:" + ":".join(versions[k] for k in keys)
    figures = cache.get(key)
    if figures is None:
        figures = compute()
        cache.set(key, figures, FIGURES_CACHE_SECONDS)
    return figures
