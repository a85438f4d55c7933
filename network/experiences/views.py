"""Experiences: the public list, page, photos and feed; the organisation's pages (list,
writing, preview, submitting, photos); the agency's moderation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from digitalees.roles import agency_staff_required
from digitalees.service_errors import add_service_errors, error_text
from network.models import Experience, ExperienceItem, ExperiencePhoto
from network.rules import ExperienceAccess, get_experience_for, get_organisation_for

from . import selectors, services
from .forms import ExperienceFilterForm, ExperienceForm, PhotoForm, RemarksForm

PAGE_SIZE = 20
Kind = ExperienceItem.Kind


# --- Public pages -------------------------------------------------------------------------


@require_safe
def experience_list(request):
    form = ExperienceFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.Filters(**{name: (data.get(name) or "").strip() for name in form.fields})
    page = Paginator(selectors.published_experiences(filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = urlencode({k: v for k, v in filters.__dict__.items() if v})
    return render(
        request,
        "network/experiences/experience_list.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "query": query,
            "tools": selectors.most_cited(Kind.TOOL),
            "keywords": selectors.most_cited(Kind.KEYWORD),
        },
    )


def _page_context(experience: Experience, access: ExperienceAccess) -> dict:
    return {
        "experience": experience,
        "items": selectors.items_by_kind(experience),
        "photos": list(experience.photos.all()),
        "organisation_public": experience.organisation.is_public,
        "can_view_private": access.can_view_private,
    }


@require_safe
def experience_detail(request, slug):
    """A published experience's public page. An unpublished one does not exist for the
    public; its organisation's people (members, coaches, the agency) are sent to its
    private preview."""
    experience = selectors.experience_for_page(slug=slug)
    if experience is None:
        raise Http404
    access = ExperienceAccess(request.user, experience)
    if not experience.is_published:
        if not access.can_view_private:
            raise Http404
        return redirect("network:experience_preview", pk=experience.pk)
    return render(
        request, "network/experiences/experience_detail.html", _page_context(experience, access)
    )


@require_safe
def experience_photo(request, pk):
    """A photo, from the private storage, wherever its experience may be seen."""
    photo = get_object_or_404(
        ExperiencePhoto.objects.select_related("experience__organisation"), pk=pk
    )
    access = ExperienceAccess(request.user, photo.experience)
    if not access.can_view:
        raise Http404
    response = FileResponse(photo.image.open("rb"), content_type="image/webp")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = (
        "public, max-age=300" if photo.experience.is_published else "private, no-store"
    )
    return response


class ExperienceFeed(Feed):
    """The 20 latest published experiences, as Atom."""

    feed_type = Atom1Feed
    title = gettext_lazy("DigitalEES: shared experiences")
    subtitle = gettext_lazy("What social-economy enterprises of Wallonia learned in going digital.")

    def link(self):
        return reverse("network:experience_list")

    def items(self):
        return selectors.latest_published(20)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return Truncator(item.why).words(60)

    def item_author_name(self, item):
        return item.organisation.name

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at


experience_feed = require_safe(ExperienceFeed())


# --- The organisation's pages -------------------------------------------------------------


@login_required
@require_safe
def organisation_experiences(request, slug):
    organisation, access = get_organisation_for(request, slug)
    rows = []
    for experience in selectors.organisation_experiences(organisation):
        rights = ExperienceAccess(request.user, experience)
        rights.__dict__["organisation"] = access  # the cached property, already known
        rows.append((experience, rights.can_edit))
    return render(
        request,
        "network/experiences/organisation_experiences.html",
        {"organisation": organisation, "rows": rows, "can_write": access.is_member},
    )


@login_required
@require_http_methods(["GET", "POST"])
def experience_create(request, slug):
    organisation, access = get_organisation_for(request, slug)
    if not access.is_member:
        raise PermissionDenied
    form = ExperienceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            experience = services.experience_create(
                organisation=organisation, author=request.user, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Your draft is saved. Add photos if you wish, then submit it for moderation."),
            )
            return redirect("network:experience_edit", pk=experience.pk)
    return render(
        request,
        "network/experiences/experience_form.html",
        {"form": form, "organisation": organisation},
    )


def _edit_page(request, experience, form, *, status=200):
    return render(
        request,
        "network/experiences/experience_form.html",
        {
            "form": form,
            "organisation": experience.organisation,
            "experience": experience,
            "photos": list(experience.photos.all()),
            "photo_form": PhotoForm(),
            "missing": services.missing_for_submission(experience),
        },
        status=status,
    )


def _initial(experience: Experience) -> dict:
    return {
        "title": experience.title,
        "language": experience.language,
        "why": experience.why,
        "story": experience.story,
        "topics": list(experience.topics.all()),
        **selectors.items_initial(experience),
    }


@login_required
@require_safe
def experience_edit(request, pk):
    experience, _access = get_experience_for(request, pk, edit=True)
    return _edit_page(request, experience, ExperienceForm(initial=_initial(experience)))


@login_required
@require_POST
def experience_save(request, pk):
    experience, _access = get_experience_for(request, pk, edit=True)
    form = ExperienceForm(request.POST)
    if form.is_valid():
        try:
            services.experience_update(experience=experience, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("network:experience_edit", pk=experience.pk)
    return _edit_page(request, experience, form)


@login_required
@require_safe
def experience_preview(request, pk):
    """The public page's look, for the organisation's people, whatever the status."""
    experience = selectors.experience_for_page(pk=pk)
    if experience is None:
        raise Http404
    access = ExperienceAccess(request.user, experience)
    if not access.can_view_private:
        raise Http404
    return render(
        request,
        "network/experiences/experience_detail.html",
        {
            **_page_context(experience, access),
            "preview": True,
            "can_edit": access.can_edit,
            "missing": services.missing_for_submission(experience),
        },
    )


@login_required
@require_POST
def experience_submit(request, pk):
    experience, _access = get_experience_for(request, pk, edit=True)
    try:
        services.experience_submit(experience=experience, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("network:experience_edit", pk=experience.pk)
    messages.success(
        request,
        _("Your experience is submitted: the agency reads it and tells you by e-mail."),
    )
    return redirect("network:organisation_experiences", slug=experience.organisation.slug)


@login_required
@require_POST
def photo_add(request, pk):
    experience, _access = get_experience_for(request, pk, edit=True)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.photo_add(
                experience=experience,
                file=form.cleaned_data["image"],
                alt_text=form.cleaned_data["alt_text"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("The photo is added."))
    else:
        messages.error(
            request,
            " ".join(
                _("%(field)s: %(error)s") % {"field": form[name].label, "error": error}
                if name in form.fields
                else str(error)
                for name, errors in form.errors.items()
                for error in errors
            ),
        )
    return redirect(reverse("network:experience_edit", kwargs={"pk": experience.pk}) + "#photos")


@login_required
@require_POST
def photo_remove(request, pk):
    photo = ExperiencePhoto.objects.filter(pk=pk).first()
    if photo is None:
        raise Http404
    experience, _access = get_experience_for(request, photo.experience_id, edit=True)
    try:
        services.photo_remove(photo=photo)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The photo is removed."))
    return redirect(reverse("network:experience_edit", kwargs={"pk": experience.pk}) + "#photos")


# --- The agency's moderation -------------------------------------------------------------


@require_safe
@agency_staff_required
def moderation_queue(request):
    return render(
        request,
        "network/experiences/moderation_queue.html",
        {
            "queue": selectors.moderation_queue(),
            "recent": selectors.recently_moderated(),
        },
    )


def _moderation_page(request, experience, form, *, status=200):
    access = ExperienceAccess(request.user, experience)
    return render(
        request,
        "network/experiences/moderation_detail.html",
        {
            **_page_context(experience, access),
            "history": selectors.moderation_history(experience),
            "form": form,
        },
        status=status,
    )


@require_safe
@agency_staff_required
def experience_moderate(request, pk):
    experience = selectors.experience_for_page(pk=pk)
    if experience is None:
        raise Http404
    return _moderation_page(request, experience, RemarksForm())


MODERATION = {
    "publish": (services.experience_publish, gettext_lazy("The experience is published.")),
    "return": (
        services.experience_return,
        gettext_lazy("The experience is sent back to its organisation with your remarks."),
    ),
    "refuse": (services.experience_refuse, gettext_lazy("The experience is refused.")),
    "unpublish": (
        services.experience_unpublish,
        gettext_lazy("The experience is no longer public; its organisation may change it."),
    ),
}


def _moderation_action(request, pk, action):
    experience = selectors.experience_for_page(pk=pk)
    if experience is None:
        raise Http404
    form = RemarksForm(request.POST)
    form.is_valid()
    service, done = MODERATION[action]
    try:
        service(
            experience=experience, by=request.user, remarks=form.cleaned_data.get("remarks", "")
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _moderation_page(request, experience, form, status=400)
    messages.success(request, str(done))
    return redirect("network:moderation_queue")


@agency_staff_required
@require_POST
def experience_publish(request, pk):
    return _moderation_action(request, pk, "publish")


@agency_staff_required
@require_POST
def experience_return(request, pk):
    return _moderation_action(request, pk, "return")


@agency_staff_required
@require_POST
def experience_refuse(request, pk):
    return _moderation_action(request, pk, "refuse")


@agency_staff_required
@require_POST
def experience_unpublish(request, pk):
    return _moderation_action(request, pk, "unpublish")
