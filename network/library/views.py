"""The resource library: its public list and pages, and the agency's pages that edit it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from digitalees.roles import agency_staff_required, is_agency_staff
from digitalees.service_errors import add_service_errors, error_text
from network.models import Resource

from . import selectors, services
from .forms import ResourceFilterForm, ResourceForm, StaffResourceFilterForm


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- Public pages ---------------------------------------------------------------------


@require_safe
def resource_list(request):
    """Published resources that open something, searched and filtered by theme (the
    diagnostic's dimensions link here with ?topic=<code>), kind and language."""
    topics = selectors.topics()
    form = ResourceFilterForm(request.GET or None, topics=topics)
    filters = form.filters() if form.is_bound else {}
    page = Paginator(selectors.public_resources(**filters), selectors.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "network/library/resource_list.html",
        {
            "form": form,
            "page": page,
            "query": _query_without_page(request),
            "filtered": bool(filters),
            "topic": next((t for t in topics if t.code == filters.get("topic")), None),
        },
    )


@require_safe
def resource_detail(request, slug):
    """A resource of the library, in the reader's language: its content, its document, its
    address elsewhere. Public; an unpublished resource, or one that opens nothing, is 404,
    except to agency staff, who preview it."""
    staff = is_agency_staff(request.user)
    resources = Resource.objects.all() if staff else Resource.objects.published().openable()
    resource = get_object_or_404(resources.prefetch_related("topics"), slug=slug)
    return render(
        request,
        "network/library/resource_detail.html",
        {
            "resource": resource,
            "paragraphs": [p for p in resource.tr("body").split("\n\n") if p.strip()],
            # The content is written in French first: say so to an English reader who
            # gets the French text.
            "body_in_french": bool(resource.body_fr)
            and not resource.body_en
            and request.LANGUAGE_CODE != "fr",
            "preview": staff and not (resource.is_published and resource.link),
            "can_edit": staff,
        },
    )


# --- The agency's pages ---------------------------------------------------------------


@require_safe
@agency_staff_required
def staff_resource_list(request):
    form = StaffResourceFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    page = Paginator(selectors.staff_resources(**filters), selectors.STAFF_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "network/library/staff_resource_list.html",
        {
            "form": form,
            "page": page,
            "query": _query_without_page(request),
            "filtered": bool(filters),
        },
    )


def _resource(pk) -> Resource:
    return get_object_or_404(Resource, pk=pk)


@agency_staff_required
@require_http_methods(["GET", "POST"])
def staff_resource_create(request):
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.resource_create(**form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The resource “%(title)s” is saved.") % {"title": resource.tr("title")}
            )
            return redirect("network:staff_resource_list")
    return render(request, "network/library/resource_form.html", {"form": form, "resource": None})


@agency_staff_required
@require_http_methods(["GET", "POST"])
def staff_resource_edit(request, pk):
    resource = _resource(pk)
    form = ResourceForm(request.POST or None, request.FILES or None, instance=resource)
    if request.method == "POST" and form.is_valid():
        try:
            services.resource_update(resource=resource, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The resource “%(title)s” is saved.") % {"title": resource.tr("title")}
            )
            return redirect("network:staff_resource_list")
    return render(
        request, "network/library/resource_form.html", {"form": form, "resource": resource}
    )


def _set_published(request, pk, *, published: bool):
    resource = _resource(pk)
    try:
        services.resource_set_published(resource=resource, published=published)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        title = {"title": resource.tr("title")}
        messages.success(
            request,
            _("“%(title)s” is published.") % title
            if published
            else _("“%(title)s” is withdrawn: only agency staff see it.") % title,
        )
    return redirect(_back(request))


def _back(request) -> str:
    """Back to the agency's list, on the page and filters it was left at."""
    query = request.POST.get("next_query", "")
    base = reverse("network:staff_resource_list")
    return f"{base}?{query}" if query else base  # after "?": a query string, never a site


@agency_staff_required
@require_POST
def staff_resource_publish(request, pk):
    return _set_published(request, pk, published=True)


@agency_staff_required
@require_POST
def staff_resource_unpublish(request, pk):
    return _set_published(request, pk, published=False)


@require_safe
@agency_staff_required
def staff_resource_delete_confirm(request, pk):
    resource = _resource(pk)
    names = {"title": resource.tr("title")}
    return render(
        request,
        "confirm.html",
        {
            "title": _("Delete “%(title)s”?") % names,
            "explanation": _(
                "The resource leaves the library and the diagnostic's recommendations, and its "
                "document is deleted. To hide it for a while, withdraw it instead."
            ),
            "action": reverse("network:staff_resource_delete", kwargs={"pk": resource.pk}),
            "confirm_label": _("Delete the resource"),
            "cancel_url": reverse("network:staff_resource_list"),
        },
    )


@agency_staff_required
@require_POST
def staff_resource_delete(request, pk):
    resource = _resource(pk)
    services.resource_delete(resource=resource)
    messages.success(
        request, _("The resource “%(title)s” is deleted.") % {"title": resource.tr("title")}
    )
    return redirect("network:staff_resource_list")
