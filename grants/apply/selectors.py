"""Reads of grants' apply part: the steps and their state, what the applicant does next,
the choices of each step, and the applicant's list."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coaching.models import Action
from coaching.selectors import plan_dimension_titles

from .. import amounts
from ..models import BEFORE_DECISION, Application, Call, CostCategory, DocumentType, Status
from ..rules import ApplicationAccess

STEP_LABELS = {
    "project": gettext_lazy("The project"),
    "actions": gettext_lazy("Plan actions"),
    "budget": gettext_lazy("Budget"),
    "documents": gettext_lazy("Documents"),
    "de_minimis": gettext_lazy("De minimis aid"),
}


@dataclass(frozen=True)
class Step:
    code: str
    label: str
    number: int
    done: bool
    url: str


def steps_of(application: Application) -> list[Step]:
    return [
        Step(
            code=code,
            label=str(STEP_LABELS[code]),
            number=i,
            done=code in application.steps_done,
            url=reverse("grants:application_step", kwargs={"pk": application.pk, "step": code}),
        )
        for i, code in enumerate(Application.STEPS, start=1)
    ]


def first_unsaved_step(application: Application) -> str | None:
    return next((s for s in Application.STEPS if s not in application.steps_done), None)


@dataclass(frozen=True)
class NextThing:
    text: str
    url: str
    label: str


def next_thing(application: Application) -> NextThing | None:
    """What the applicant does next, in words, with the page that does it."""
    pk = application.pk
    if application.status == Status.DRAFT:
        step = first_unsaved_step(application)
        if step is not None:
            return NextThing(
                _("Continue the form: the step “%(step)s” is not saved yet.")
                % {"step": STEP_LABELS[step]},
                reverse("grants:application_step", kwargs={"pk": pk, "step": step}),
                _("Continue the form"),
            )
        return NextThing(
            _("Every step is saved: check and submit the application before the deadline."),
            reverse("grants:application_submit", kwargs={"pk": pk}),
            _("Check and submit"),
        )
    if application.status == Status.INFO_REQUESTED:
        return NextThing(
            _("The agency asks for more information: answer its request."),
            reverse("grants:application_respond", kwargs={"pk": pk}),
            _("Answer the request"),
        )
    return None


STATUS_WORDS = {
    Status.DRAFT: gettext_lazy("Your application is a draft: the agency does not see it yet."),
    Status.SUBMITTED: gettext_lazy("Your application is submitted: the agency will screen it."),
    Status.SCREENING: gettext_lazy("The agency is checking that your application is complete."),
    Status.INFO_REQUESTED: gettext_lazy(
        "The agency needs more information before it goes on: you may change the application "
        "and answer."
    ),
    Status.RESUBMITTED: gettext_lazy("You answered: the agency goes on with your application."),
    Status.IN_REVIEW: gettext_lazy("Your application is being reviewed by experts."),
    Status.APPROVED: gettext_lazy("Your application is approved: the agreement follows."),
    Status.REJECTED: gettext_lazy("Your application was not approved: see the reasons."),
    Status.SIGNED: gettext_lazy(
        "The agreement is signed: carry out the project, then submit the final report."
    ),
    Status.REPORTED: gettext_lazy("Your final report is submitted: the agency checks it."),
    Status.CLOSED: gettext_lazy("The grant is paid and the file closed."),
    Status.WITHDRAWN: gettext_lazy("You withdrew this application."),
}


def panel(application: Application, access: ApplicationAccess) -> dict:
    """What the application's page shows of this part, for this reader (empty: nothing);
    the page includes grants/apply/_panel.html with it as `panel`. The applicant's only."""
    if not access.is_member:
        return {}
    following = next_thing(application)
    precheck = application.status == Status.DRAFT and following is not None
    return {
        "status_words": STATUS_WORDS[Status(application.status)],
        "next": following,
        # The pre-check, beside "continue the form" (it is the next thing once all is saved).
        "precheck_url": (
            reverse("grants:application_submit", kwargs={"pk": application.pk})
            if precheck and first_unsaved_step(application) is not None
            else ""
        ),
        "steps": steps_of(application) if application.is_editable else [],
        "can_edit": access.can_edit,
        "can_withdraw": application.status in BEFORE_DECISION,
    }


# --- The steps' choices ---------------------------------------------------------------


def category_choices(call: Call) -> tuple[list, set[int]]:
    """The budget's categories: the call's eligible ones first, then the others marked
    "not eligible in this call" (a line may still hold them: the budget is the whole
    project's); and the eligible ids (for the totals)."""
    eligible = set(call.categories.values_list("pk", flat=True))
    categories = list(CostCategory.objects.all())
    funded = [(c.pk, str(c)) for c in categories if c.pk in eligible]
    others = [
        (c.pk, _("%(category)s (not eligible in this call)") % {"category": c})
        for c in categories
        if c.pk not in eligible
    ]
    choices = [(_("Eligible in this call"), funded)]
    if others:
        choices.append((_("Not eligible in this call"), others))
    return choices, eligible


def plan_actions(application: Application) -> list[Action]:
    if application.plan_id is None:
        return []
    return list(Action.objects.filter(plan_id=application.plan_id).order_by("position", "pk"))


def action_groups(application: Application, actions: list[Action]) -> list:
    """The plan's actions as the plan shows them: by diagnostic dimension, each with its
    status; [(group label, [(id, label), …]), …]."""
    if not actions:
        return []
    titles = plan_dimension_titles(application.plan) if application.plan else {}
    groups: dict[str, list] = {}
    for action in actions:
        group = titles.get(action.dimension_code) or _("Other actions")
        label = f"{action.title} ({action.get_status_display()})"
        groups.setdefault(group, []).append((action.pk, label))
    return list(groups.items())


def document_type_choices(call: Call) -> tuple[list, list[DocumentType]]:
    """The call's required documents first, then the other types; and the required ones."""
    required = list(call.required_documents.all())
    required_ids = {d.pk for d in required}
    others = [d for d in DocumentType.objects.all() if d.pk not in required_ids]
    return [(d.pk, str(d)) for d in required + others], required


def missing_documents(application: Application, required: list[DocumentType], attachments):
    present = {a.document_type_id for a in attachments}
    return [d for d in required if d.pk not in present]


def de_minimis_figures(application: Application) -> amounts.DeMinimis:
    return amounts.de_minimis(application)


# --- The applicant's list -------------------------------------------------------------


@dataclass(frozen=True)
class ListRow:
    application: Application
    next: NextThing | None


def applications_of(user) -> list[ListRow]:
    """The applications of the user's organisations, newest first (one query)."""
    applications = (
        Application.objects.filter(organisation__memberships__user=user)
        .select_related("call", "organisation")
        .order_by("-created_at")
    )
    return [ListRow(a, next_thing(a) or _report_thing(a)) for a in applications]


def _report_thing(application: Application) -> NextThing | None:
    """On the list only (the application's page has the payments panel's button): once the
    agreement is signed, the final report is what the applicant does next."""
    if application.status != Status.SIGNED:
        return None
    return NextThing(
        str(STATUS_WORDS[Status.SIGNED]),
        reverse("grants:final_report", kwargs={"pk": application.pk}),
        _("Write the final report"),
    )


def open_calls() -> list[Call]:
    return list(Call.objects.open().order_by("deadline"))
