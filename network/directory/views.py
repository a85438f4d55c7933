from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from digitalees.service_errors import error_text
from network.rules import OrganisationAccess, get_organisation_for, public_organisation

from . import selectors, services
from .forms import DirectoryFilter, PublicProfileForm
from .map import province_label, province_map_svg
from .rules import may_offer_contact

EXCERPT_LENGTH = 180


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    """The text's first `length` characters or so, cut at a word, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0] or text[:length]
    return f"{cut.rstrip(' ,;:.')}…"


def _query_without(request, *names) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@require_GET
def directory(request):
    """The public directory: public organisations, searched and filtered, a page at a time,
    beside a map of their counts by province. Invalid filters list nothing (a partial
    filter would show the wrong set) and say why."""
    filters = DirectoryFilter(request.GET or None, queryset=selectors.public_organisations())
    valid = not filters.is_bound or filters.is_valid()
    province = filters.form.cleaned_data.get("province") if filters.is_bound and valid else ""
    if valid:
        queryset = filters.queryset_except_province() if filters.is_bound else filters.queryset
        listing = selectors.directory_page(
            queryset, province=province or None, page_number=request.GET.get("page")
        )
    else:
        listing = selectors.directory_page(filters.queryset.none(), province=None, page_number=1)
    # Each card's link from one reverse per page, its excerpt by plain slicing (the
    # template's reverse and truncatechars cost a tenth of the page, profiled).
    profile_url = reverse("network:profile", kwargs={"slug": "SLUG"})
    for organisation in listing.page:
        organisation.profile_url = profile_url.replace("SLUG", organisation.slug)
        organisation.excerpt = excerpt(organisation.social_purpose)
    base = reverse("network:directory")
    others = _query_without(request, "province", "page")

    def href(code: str) -> str:
        return f"{base}?{others}&province={code}" if others else f"{base}?province={code}"

    provinces = [
        {
            "code": code,
            "name": label,
            "count": listing.counts[code],
            "url": href(code),
            "label": province_label(code, listing.counts[code]),
            "selected": code == province,
        }
        for code, label in filters.form.fields["province"].choices
        if code
    ]
    return render(
        request,
        "network/directory/directory.html",
        {
            "form": filters.form,
            "valid": valid,
            "page": listing.page,
            "total": listing.total,
            "provinces": provinces,
            "province_total": sum(listing.counts.values()),
            "map": province_map_svg(listing.counts, href=href, selected=province or None),
            "query": _query_without(request, "page"),
            "filtered": bool(_query_without(request, "page")),
        },
        status=200 if valid else 400,
    )


def _profile_context(request, organisation, access: OrganisationAccess, *, preview=False):
    return {
        "organisation": organisation,
        "themes": selectors.profile_themes(organisation),
        "experiences": selectors.published_experiences(organisation),
        "can_contact": not preview and may_offer_contact(request.user, organisation),
        "can_manage": access.can_manage,
        # A member who may not change it is told who may.
        "is_member": access.is_member,
        "preview": preview,
    }


@require_GET
def profile(request, slug):
    """An opted-in organisation's public profile; a private one does not exist here."""
    organisation = public_organisation(slug)
    access = OrganisationAccess(request.user, organisation)
    return render(
        request,
        "network/directory/profile.html",
        _profile_context(request, organisation, access),
    )


@login_required
@require_GET
def public_profile_preview(request, slug):
    """The public profile as visitors see it (or would, once public), for those who may see
    the organisation."""
    organisation, access = get_organisation_for(request, slug)
    return render(
        request,
        "network/directory/profile.html",
        _profile_context(request, organisation, access, preview=True),
    )


def _edit_page(request, organisation, form, *, status=200):
    return render(
        request,
        "network/directory/public_profile_form.html",
        {"organisation": organisation, "form": form},
        status=status,
    )


@login_required
@require_GET
def public_profile_edit(request, slug):
    organisation, _access = get_organisation_for(request, slug, manage=True)
    return _edit_page(request, organisation, PublicProfileForm(instance=organisation))


@login_required
@require_POST
def public_profile_save(request, slug):
    organisation, _access = get_organisation_for(request, slug, manage=True)
    form = PublicProfileForm(request.POST, instance=organisation)
    if form.is_valid():
        choices = {name: form.cleaned_data[name] for name in services.PUBLIC_CHOICES}
        try:
            services.public_profile_update(
                organisation=organisation, themes=form.cleaned_data["themes"], **choices
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            if organisation.is_public:
                messages.success(request, _("Your public profile is saved."))
            else:
                messages.success(
                    request, _("Saved: the organisation is not shown in the public directory.")
                )
            return redirect("network:public_profile_edit", slug=organisation.slug)
    return _edit_page(request, organisation, form, status=400)
