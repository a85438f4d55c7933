"""The agency's writes on cohorts (their dates and their status) and on the methodology
(phases and steps)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Application, Cohort, Phase, Step, StepCompletion
from ..services import cohort_check_dates

COHORT_FIELDS = {
    "name",
    "description_fr",
    "description_en",
    "call_opens_on",
    "call_closes_on",
    "starts_on",
    "ends_on",
    "capacity",
    "hours_per_enterprise",
}

# The one step forward each status allows; closing is the dashboards' `cohort_close`.
NEXT_STATUS: dict[str, str] = {
    Cohort.Status.DRAFT: Cohort.Status.CALL_OPEN,
    Cohort.Status.CALL_OPEN: Cohort.Status.SELECTION,
    Cohort.Status.SELECTION: Cohort.Status.RUNNING,
}


# --- Cohorts ---------------------------------------------------------------------------


def cohort_update(*, cohort: Cohort, **fields) -> Cohort:
    unknown = set(fields) - COHORT_FIELDS
    if unknown:
        raise ValueError(f"cohort_update does not change {unknown}")
    merged = {name: fields.get(name, getattr(cohort, name)) for name in COHORT_FIELDS}
    cohort_check_dates(
        call_opens_on=merged["call_opens_on"],
        call_closes_on=merged["call_closes_on"],
        starts_on=merged["starts_on"],
        ends_on=merged["ends_on"],
    )
    if merged["capacity"] < 1:
        raise ValidationError({"capacity": _("A cohort has at least one place.")})
    if merged["hours_per_enterprise"] < 0:
        raise ValidationError({"hours_per_enterprise": _("Hours cannot be negative.")})
    enrolled = cohort.enrolments.count()
    if merged["capacity"] < enrolled:
        raise ValidationError(
            {
                "capacity": ngettext(
                    "%(count)d enterprise is already enrolled: the cohort needs at least as "
                    "many places.",
                    "%(count)d enterprises are already enrolled: the cohort needs at least as "
                    "many places.",
                    enrolled,
                )
                % {"count": enrolled}
            }
        )
    for name, value in fields.items():
        setattr(cohort, name, value)
    cohort.save(update_fields=list(fields))
    return cohort


def cohort_advance(*, cohort: Cohort, status: str, today=None) -> Cohort:
    """Move a cohort one step forward (open the call, start the selection, start the
    coaching), after the checks of that step; never two steps at once, never back."""
    today = today or timezone.localdate()
    if status not in Cohort.Status.values:
        raise ValidationError(_("Choose a status from the list."), code="invalid")
    if NEXT_STATUS.get(cohort.status) != status:
        raise ValidationError(
            _("The cohort is “%(current)s”: it cannot go to “%(wanted)s” from there.")
            % {"current": cohort.get_status_display(), "wanted": Cohort.Status(status).label},
            code="not_next",
        )
    if status == Cohort.Status.CALL_OPEN and cohort.call_closes_on < today:
        raise ValidationError(
            _("The call's closing date (%(date)s) has passed: change the dates first.")
            % {"date": formats.date_format(cohort.call_closes_on)},
            code="call_dates",
        )
    if status == Cohort.Status.SELECTION:
        if cohort.call_closes_on >= today:
            raise ValidationError(
                _(
                    "The call is open until %(date)s: enterprises may still apply. Start the "
                    "selection once it has closed, or bring its closing date forward."
                )
                % {"date": formats.date_format(cohort.call_closes_on)},
                code="call_open",
            )
        if not cohort.applications.exists():
            raise ValidationError(
                _("No enterprise has applied: there is nothing to select."), code="no_application"
            )
    if status == Cohort.Status.RUNNING:
        if not cohort.enrolments.exists():
            raise ValidationError(
                _("No enterprise is enrolled: select at least one before the coaching starts."),
                code="no_enrolment",
            )
        waiting = cohort.applications.filter(status=Application.Status.SUBMITTED).count()
        untold = cohort.applications.filter(
            status__in=[Application.Status.SELECTED, Application.Status.NOT_SELECTED],
            notified_at__isnull=True,
        ).count()
        if waiting or untold:
            raise ValidationError(
                _(
                    "Every applicant is told the decision before the coaching starts: "
                    "%(waiting)d applications await a decision, %(untold)d decisions have not "
                    "been sent yet."
                )
                % {"waiting": waiting, "untold": untold},
                code="applicants_waiting",
            )
    # Conditional: two agency members clicking at once move it once.
    moved = Cohort.objects.filter(pk=cohort.pk, status=cohort.status).update(status=status)
    if not moved:
        raise ValidationError(
            _("Someone else changed the cohort's status meanwhile: look at it again."),
            code="stale",
        )
    cohort.status = status
    return cohort


# --- The methodology -------------------------------------------------------------------

PHASE_FIELDS = ("title_fr", "title_en", "description_fr", "description_en")
STEP_FIELDS = ("title_fr", "title_en", "deliverable_fr", "deliverable_en")


def _check_titles(fields: dict, names: tuple[str, ...]) -> dict:
    cleaned = {name: str(fields.get(name, "")).strip() for name in names}
    errors = {
        name: _("This field is required.")
        for name in names
        if name.startswith(("title", "deliverable")) and not cleaned[name]
    }
    if errors:
        raise ValidationError(errors)
    return cleaned


def phase_create(
    *, title_fr: str, title_en: str, description_fr: str = "", description_en: str = ""
) -> Phase:
    """A new phase, last of the methodology."""
    cleaned = _check_titles(
        {
            "title_fr": title_fr,
            "title_en": title_en,
            "description_fr": description_fr,
            "description_en": description_en,
        },
        PHASE_FIELDS,
    )
    with transaction.atomic():
        last = Phase.objects.select_for_update().aggregate(last=Max("position"))["last"] or 0
        return Phase.objects.create(position=last + 1, **cleaned)


def phase_update(
    *,
    phase: Phase,
    title_fr: str,
    title_en: str,
    description_fr: str = "",
    description_en: str = "",
) -> Phase:
    fields = {
        "title_fr": title_fr,
        "title_en": title_en,
        "description_fr": description_fr,
        "description_en": description_en,
    }
    for name, value in _check_titles(fields, PHASE_FIELDS).items():
        setattr(phase, name, value)
    phase.save(update_fields=list(PHASE_FIELDS))
    return phase


def _completions(steps) -> int:
    return StepCompletion.objects.filter(step__in=steps).values("plan").distinct().count()


def phase_check_removable(*, phase: Phase) -> None:
    """Refused while a plan has completed one of its steps: the plans' history keeps them."""
    plans = _completions(phase.steps.all())
    if plans:
        raise ValidationError(
            ngettext(
                "%(count)d plan has completed steps of this phase: it cannot be removed. "
                "Change its text instead.",
                "%(count)d plans have completed steps of this phase: it cannot be removed. "
                "Change its text instead.",
                plans,
            )
            % {"count": plans},
            code="completed",
        )


def phase_delete(*, phase: Phase) -> None:
    with transaction.atomic():
        phase_check_removable(phase=phase)
        phase.delete()


def _swap(model, first, second, *, scope: dict) -> None:
    """Swap two rows' positions under a unique position: through a free position first."""
    free = (model.objects.filter(**scope).aggregate(last=Max("position"))["last"] or 0) + 1
    a, b = first.position, second.position
    with transaction.atomic():
        model.objects.filter(pk=first.pk).update(position=free)
        model.objects.filter(pk=second.pk).update(position=a)
        model.objects.filter(pk=first.pk).update(position=b)
    first.position, second.position = b, a


def _neighbour(queryset, position: int, direction: str):
    if direction == "up":
        return queryset.filter(position__lt=position).order_by("-position").first()
    if direction == "down":
        return queryset.filter(position__gt=position).order_by("position").first()
    raise ValidationError(_("Move a phase or step up or down."), code="invalid")


def phase_move(*, phase: Phase, direction: str) -> Phase:
    other = _neighbour(Phase.objects.all(), phase.position, direction)
    if other is None:
        raise ValidationError(
            _("This phase is already the first.")
            if direction == "up"
            else _("This phase is already the last."),
            code="edge",
        )
    _swap(Phase, phase, other, scope={})
    return phase


def step_create(
    *, phase: Phase, title_fr: str, title_en: str, deliverable_fr: str, deliverable_en: str
) -> Step:
    """A new step, last of its phase."""
    cleaned = _check_titles(
        {
            "title_fr": title_fr,
            "title_en": title_en,
            "deliverable_fr": deliverable_fr,
            "deliverable_en": deliverable_en,
        },
        STEP_FIELDS,
    )
    with transaction.atomic():
        Phase.objects.select_for_update().filter(pk=phase.pk).first()  # one adder at a time
        last = phase.steps.aggregate(last=Max("position"))["last"] or 0
        return Step.objects.create(phase=phase, position=last + 1, **cleaned)


def step_update(
    *, step: Step, title_fr: str, title_en: str, deliverable_fr: str, deliverable_en: str
) -> Step:
    fields = {
        "title_fr": title_fr,
        "title_en": title_en,
        "deliverable_fr": deliverable_fr,
        "deliverable_en": deliverable_en,
    }
    for name, value in _check_titles(fields, STEP_FIELDS).items():
        setattr(step, name, value)
    step.save(update_fields=list(STEP_FIELDS))
    return step


def step_check_removable(*, step: Step) -> None:
    """Refused while a plan has completed it: the plans' history keeps it."""
    plans = _completions([step])
    if plans:
        raise ValidationError(
            ngettext(
                "%(count)d plan has completed this step: it cannot be removed. Change its "
                "text instead.",
                "%(count)d plans have completed this step: it cannot be removed. Change its "
                "text instead.",
                plans,
            )
            % {"count": plans},
            code="completed",
        )


def step_delete(*, step: Step) -> None:
    with transaction.atomic():
        step_check_removable(step=step)
        step.delete()


def step_move(*, step: Step, direction: str) -> Step:
    other = _neighbour(step.phase.steps.all(), step.position, direction)
    if other is None:
        raise ValidationError(
            _("This step is already the first of its phase.")
            if direction == "up"
            else _("This step is already the last of its phase."),
            code="edge",
        )
    _swap(Step, step, other, scope={"phase": step.phase})
    return step
