"""A member writes to another organisation of the directory; both sides correspond on the
thread's page (rules in network/contact/rules.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from digitalees import ratelimit
from digitalees.service_errors import add_service_errors

from ..models import Organisation
from ..rules import public_organisation
from . import selectors, services
from .forms import ContactForm, ReplyForm
from .rules import get_thread_for

# Per client, on top of the per-member limits counted on the rows.
CLIENT_LIMIT = {"limit": 10, "period": 3600}


def _target(slug: str) -> Organisation:
    """A public organisation that accepts messages; 404 otherwise (a private profile does
    not exist for its visitors)."""
    organisation = public_organisation(slug)
    if not organisation.accepts_contact:
        raise Http404
    return organisation


def _refusal(request, organisation: Organisation):
    """The page for a member who may not write to `organisation` (no organisation of their
    own, or it is theirs): 403, with the reason; None when they may write."""
    if request.user.memberships.filter(organisation=organisation).exists():
        reason = _("You belong to this organisation: write to your colleagues directly.")
    elif not request.user.memberships.exists():
        reason = _(
            "Only members of an organisation registered on DigitalEES can write to other "
            "organisations. Register yours, or ask its admin to invite you."
        )
    else:
        return None
    return render(
        request,
        "network/contact/refused.html",
        {"organisation": organisation, "reason": reason},
        status=403,
    )


def _form_page(request, organisation, form, status=200):
    return render(
        request,
        "network/contact/create.html",
        {"organisation": organisation, "form": form},
        status=status,
    )


@login_required
@require_GET
def contact_create(request, slug):
    organisation = _target(slug)
    refused = _refusal(request, organisation)
    if refused:
        return refused
    memberships = selectors.writable_organisations(request.user, organisation)
    form = ContactForm(
        organisations=Organisation.objects.filter(memberships__in=memberships),
        initial={"from_organisation": memberships[0].organisation_id},
    )
    return _form_page(request, organisation, form)


@login_required
@require_POST
def contact_create_send(request, slug):
    organisation = _target(slug)
    refused = _refusal(request, organisation)
    if refused:
        return refused
    memberships = selectors.writable_organisations(request.user, organisation)
    form = ContactForm(
        request.POST, organisations=Organisation.objects.filter(memberships__in=memberships)
    )
    if not form.is_valid():
        return _form_page(request, organisation, form)
    if not ratelimit.allow(request, "contact_create", **CLIENT_LIMIT):
        form.add_error(None, _("Too many messages were sent from your connection: wait an hour."))
        return _form_page(request, organisation, form, status=429)
    try:
        thread = services.contact_thread_create(
            sender=request.user,
            from_organisation=form.cleaned_data["from_organisation"],
            to_organisation=organisation,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        status = 429 if getattr(error, "code", None) == "rate_limited" else 200
        return _form_page(request, organisation, form, status=status)
    messages.success(
        request,
        _(
            "Your message is on its way to %(name)s. Their answer will reach you by e-mail; "
            "your address stays hidden until they answer."
        )
        % {"name": organisation.name},
    )
    return redirect("network:contact_thread", pk=thread.pk)


@login_required
@require_GET
def contact_threads(request):
    page = Paginator(selectors.threads_of(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "network/contact/threads.html", {"page": page})


def _thread_page(request, thread, access, form, status=200):
    thread_messages = list(thread.messages.select_related("author").order_by("created_at", "pk"))
    for message in thread_messages:
        from_sender = message.author_id == thread.sender_id
        message.organisation = thread.from_organisation if from_sender else thread.to_organisation
        message.mine = message.author_id == request.user.pk
    if access.is_sender:
        other = thread.to_organisation
        other_email = thread.replied_by.email if thread.replied_by else ""
        other_name = thread.replied_by.display_name if thread.replied_by else ""
    else:
        other = thread.from_organisation
        other_email, other_name = thread.sender.email, thread.sender.display_name
    return render(
        request,
        "network/contact/thread.html",
        {
            "thread": thread,
            "thread_messages": thread_messages,
            "form": form,
            "is_sender": access.is_sender,
            "sees_addresses": access.sees_addresses,
            "other_organisation": other,
            # Only once answered (the template shows them only then, the view sends them only then).
            "other_email": other_email if access.sees_addresses else "",
            "other_name": other_name if access.sees_addresses else "",
        },
        status=status,
    )


@login_required
@require_GET
def contact_thread(request, pk):
    thread, access = get_thread_for(request, pk)
    return _thread_page(request, thread, access, ReplyForm())


@login_required
@require_POST
def contact_reply(request, pk):
    thread, access = get_thread_for(request, pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.contact_reply(
                thread=thread, author=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your answer is sent."))
            return redirect("network:contact_thread", pk=thread.pk)
    return _thread_page(request, thread, access, form)
