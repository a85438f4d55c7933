"""What diagnostic does when other apps tell it something changed."""

from types import SimpleNamespace

from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from network.signals import PageLink, organisation_changed, organisation_page_links

from .selectors import benchmark_refresh, latest_results_by_organisation

PEER_GROUP_FIELDS = ("sector", "size_band", "province")


@receiver(organisation_changed, dispatch_uid="diagnostic.peer_groups")
def refresh_peer_groups(sender, organisation, changed, **kwargs):
    """An organisation that changes sector, size band or province leaves one peer group for
    another: both groups' benchmarks are computed again once the edit commits."""
    if not changed.keys() & set(PEER_GROUP_FIELDS):
        return
    before = SimpleNamespace(
        **{name: changed.get(name, getattr(organisation, name)) for name in PEER_GROUP_FIELDS}
    )

    def refresh():
        benchmark_refresh(before)
        benchmark_refresh(organisation)

    transaction.on_commit(refresh)


@receiver(organisation_page_links, dispatch_uid="diagnostic.organisation_page")
def organisation_page(sender, organisation, access, **kwargs) -> list[PageLink]:
    """On the organisation's page (seen by its members, its coaches and the agency, the
    readers of its results): its latest result, its history and, for members, a new one."""
    links = []
    latest = latest_results_by_organisation([organisation.pk]).get(organisation.pk)
    if latest:
        links.append(
            PageLink(
                _("Latest self-diagnostic: %(score)s/100 on %(date)s")
                % {
                    "score": f"{latest.overall_score:.0f}",
                    "date": formats.date_format(
                        timezone.localtime(latest.created_at), "SHORT_DATE_FORMAT"
                    ),
                },
                reverse(
                    "diagnostic:organisation_result",
                    kwargs={"slug": organisation.slug, "pk": latest.pk},
                ),
            )
        )
    else:
        links.append(PageLink(_("No self-diagnostic submitted yet.")))
    links.append(
        PageLink(
            _("Self-diagnostic results over time and campaigns"),
            reverse("diagnostic:organisation_history", kwargs={"slug": organisation.slug}),
        )
    )
    if access.is_member:
        links.append(
            PageLink(_("Take the self-diagnostic of digital maturity"), reverse("diagnostic:start"))
        )
    return links
