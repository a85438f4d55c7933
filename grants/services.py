"""Writes of grants: calls, applications and their steps, the workflow's moves, reviews,
payments and final reports. Views, the demo and the bench all write through these.

Each service checks what its write needs (the state, the amounts, the version the form was
read at) and raises ValidationError with a message for the user when it refuses: nothing is
written then. Rights are the caller's to check (grants.rules).
"""

import datetime
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coaching.models import Action, Plan
from digitalees.figures import figures_changed
from digitalees.money import euros
from network.models import Organisation

from . import amounts
from .files import check_upload
from .models import (
    BEFORE_DECISION,
    ZERO,
    Application,
    Attachment,
    BudgetLine,
    Call,
    CostCategory,
    Criterion,
    DeMinimisAid,
    DocumentType,
    Expense,
    FinalReport,
    Payment,
    Review,
    ReviewerAssignment,
    ReviewScore,
    Status,
)
from .workflow import GRANTS_DATA, TransitionRefused, lock, transition


class StaleEdit(ValidationError):
    """Someone else changed the application since the form was read: nothing was written."""


# --- Calls --------------------------------------------------------------------------------


RESERVED_CALL_SLUGS = {"new", "staff", "applications"}


def _call_slug(title: str) -> str:
    base = slugify(title)[:100] or "call"
    slug, n = base, 2
    while slug in RESERVED_CALL_SLUGS or Call.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


# No call of the programme comes near this: a larger figure is a typing mistake.
CALL_AMOUNT_LIMIT = Decimal("100000000.00")


def call_check(
    *,
    opens_at,
    deadline,
    envelope,
    max_grant,
    cofinancing_rate=None,
    advance_rate=None,
    screening_days=None,
    **_other,
) -> None:
    errors = {}
    if opens_at and deadline and deadline <= opens_at:
        errors["deadline"] = _("The deadline must come after the opening.")
    for name, value in (("envelope", envelope), ("max_grant", max_grant)):
        if value is None:
            continue
        if value <= 0:
            errors[name] = _("Enter an amount greater than zero.")
        elif value > CALL_AMOUNT_LIMIT:
            errors[name] = _("This amount is not plausible: it must not exceed %(limit)s.") % {
                "limit": euros(CALL_AMOUNT_LIMIT)
            }
    if (
        "max_grant" not in errors
        and envelope is not None
        and max_grant is not None
        and max_grant > envelope
    ):
        errors["max_grant"] = _("The maximum grant cannot exceed the envelope.")
    if cofinancing_rate is not None and not 1 <= cofinancing_rate <= 100:
        errors["cofinancing_rate"] = _(
            "The co-financing rate must be a percentage between 1 and 100."
        )
    if advance_rate is not None and not 0 <= advance_rate <= 100:
        errors["advance_rate"] = _("The advance must be a percentage between 0 and 100.")
    if screening_days is not None and not 1 <= screening_days <= 365:
        errors["screening_days"] = _("Give between 1 and 365 days to screen an application.")
    if errors:
        raise ValidationError(errors)


def call_create(
    *,
    created_by,
    categories: Iterable[CostCategory],
    required_documents: Iterable[DocumentType] = (),
    criteria: Sequence[dict] = (),
    **fields,
) -> Call:
    """A draft call; `criteria`: dicts of Criterion fields (title_fr, title_en, weight…)."""
    call_check(**fields)
    with transaction.atomic():
        call = Call.objects.create(
            slug=_call_slug(fields.get("title_fr", "")),
            created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
            **fields,
        )
        call.categories.set(categories)
        call.required_documents.set(required_documents)
        Criterion.objects.bulk_create(
            Criterion(call=call, position=i, **criterion) for i, criterion in enumerate(criteria)
        )
    return call


def call_update(call: Call, *, categories=None, required_documents=None, **fields) -> Call:
    merged = {
        name: getattr(call, name)
        for name in (
            "opens_at",
            "deadline",
            "envelope",
            "max_grant",
            "cofinancing_rate",
            "advance_rate",
            "screening_days",
        )
    }
    merged.update({k: v for k, v in fields.items() if k in merged})
    call_check(**merged)
    with transaction.atomic():
        locked = Call.objects.select_for_update().get(pk=call.pk)
        if "envelope" in fields:
            committed = amounts.call_figures(locked).committed
            if fields["envelope"] < committed:
                raise ValidationError(
                    {
                        "envelope": _(
                            "The envelope cannot be less than what is already committed "
                            "(%(committed)s)."
                        )
                        % {"committed": euros(committed)}
                    }
                )
        for name, value in fields.items():
            setattr(call, name, value)
        call.save()
        if categories is not None:
            call.categories.set(categories)
        if required_documents is not None:
            call.required_documents.set(required_documents)
    return call


def call_publish(call: Call, *, by=None) -> Call:
    with transaction.atomic():
        # Locked and read again: two staff publishing at once publish it once.
        locked = Call.objects.select_for_update().get(pk=call.pk)
        _call_publishable(locked)
        locked.published_at = timezone.now()
        locked.save(update_fields=["published_at", "updated_at"])
    call.published_at = locked.published_at
    return call


def _call_publishable(call: Call) -> None:
    if call.published_at is not None:
        raise ValidationError(_("This call is already published."), code="published")
    if not call.criteria.exists():
        raise ValidationError(
            _("Add the review criteria before you publish the call."), code="criteria"
        )
    if not call.categories.exists():
        raise ValidationError(
            _("Choose the eligible cost categories before you publish the call."),
            code="categories",
        )
    if call.deadline <= timezone.now():
        raise ValidationError(
            _("The deadline has passed: move it before you publish."), code="deadline"
        )


# --- Applications: creating and the steps of the form ------------------------------------


def application_create(*, call: Call, organisation: Organisation, by, title: str) -> Application:
    """A draft for `organisation` to `call`, while the call is open; one per organisation
    and call (a withdrawn one aside)."""
    if not call.is_open():
        raise ValidationError(_("This call is not open for applications."), code="closed")
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give your project a title.")})
    if organisation.grant_applications.filter(call=call).exclude(status=Status.WITHDRAWN).exists():
        raise ValidationError(
            _("%(organisation)s has already applied to this call.")
            % {"organisation": organisation.name},
            code="duplicate",
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            application = Application.objects.create(
                call=call,
                organisation=organisation,
                # Unique until the row's id gives it its reference, just below.
                reference=f"tmp-{secrets.token_hex(8)}",
                title=title[:200],
                plan=Plan.objects.filter(organisation=organisation).order_by("-created_at").first(),
                created_by=by,
                created_at=now,
                updated_at=now,
                status_changed_at=now,
            )
            application.reference = f"BD-{now:%Y}-{application.pk:05d}"
            Application.objects.filter(pk=application.pk).update(reference=application.reference)
    except IntegrityError:  # the same organisation's other member, a moment earlier
        raise ValidationError(
            _("%(organisation)s has already applied to this call.")
            % {"organisation": organisation.name},
            code="duplicate",
        ) from None
    return application


def _editable(application: Application, version: int | None) -> Application:
    """The application's row, locked, if its content may change at `version`."""
    current = lock(application)
    if not current.is_editable:
        raise ValidationError(
            _("This application is “%(status)s”: its content can no longer be changed.")
            % {"status": current.get_status_display()},
            code="not_editable",
        )
    if version is not None and current.version != version:
        raise StaleEdit(
            _(
                "Someone else saved this application since you opened the page: "
                "nothing was saved. Here is the current version."
            ),
            code="stale",
        )
    return current


def _saved(application: Application, current: Application, step: str, **fields) -> None:
    now = timezone.now()
    steps = current.steps_done if step in current.steps_done else [*current.steps_done, step]
    changes = {"version": current.version + 1, "updated_at": now, "steps_done": steps, **fields}
    Application.objects.filter(pk=current.pk).update(**changes)
    for name, value in changes.items():
        setattr(application, name, value)


PROJECT_FIELDS = ("title", "summary", "objectives", "expected_results", "starts_on", "ends_on")


def application_save_project(application: Application, *, version: int | None, **fields) -> None:
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    if not (fields.get("title") or "").strip():
        raise ValidationError({"title": _("Give your project a title.")})
    starts, ends = fields.get("starts_on"), fields.get("ends_on")
    if starts and ends and ends < starts:
        raise ValidationError({"ends_on": _("The project cannot end before it starts.")})
    with transaction.atomic():
        current = _editable(application, version)
        _saved(application, current, "project", **fields)


def application_save_actions(
    application: Application, *, version: int | None, actions: Iterable[Action]
) -> None:
    """The plan actions the project funds: actions of the organisation's plan only."""
    actions = list(actions)
    with transaction.atomic():
        current = _editable(application, version)
        if any(a.plan_id != current.plan_id for a in actions):
            raise ValidationError(
                {"actions": _("Choose actions of your organisation's transformation plan.")}
            )
        application.actions.set(actions)
        _saved(application, current, "actions")


# A line above this is a typing slip (the programme's grants are in the thousands).
MAX_LINE_AMOUNT = Decimal("1000000.00")


@dataclass
class LineInput:
    category_id: int
    description: str
    amount_excl_vat: Decimal
    vat: Decimal = ZERO
    vat_recoverable: bool = False
    supplier: str = ""
    action_id: int | None = None


def budget_check_line(line: LineInput) -> dict:
    errors = {}
    if line.amount_excl_vat is None or line.amount_excl_vat <= 0:
        errors["amount_excl_vat"] = _("Enter an amount above zero.")
    elif line.amount_excl_vat > MAX_LINE_AMOUNT:
        errors["amount_excl_vat"] = _("An amount above %(max)s is not a line of this budget.") % {
            "max": euros(MAX_LINE_AMOUNT)
        }
    if line.vat is None or line.vat < 0:
        errors["vat"] = _("The VAT cannot be negative.")
    elif line.amount_excl_vat and line.vat > line.amount_excl_vat:
        errors["vat"] = _("The VAT cannot exceed the amount excluding VAT.")
    if not (line.description or "").strip():
        errors["description"] = _("Say what this line pays for.")
    return errors


def application_save_budget(
    application: Application,
    *,
    version: int | None,
    lines: Sequence[LineInput],
    requested_amount: Decimal | None = None,
) -> amounts.BudgetTotals:
    """Replace the budget's lines and set the amount requested (the most the rules allow
    when None): eligible costs × the call's rate, capped at its maximum grant."""
    call = application.call
    categories = set(CostCategory.objects.values_list("pk", flat=True))
    for i, line in enumerate(lines):
        errors = budget_check_line(line)
        if line.category_id not in categories:
            errors["category"] = _("Choose a category.")
        if errors:
            raise ValidationError({f"line-{i}-{name}": e for name, e in errors.items()})
    eligible_ids = set(call.categories.values_list("pk", flat=True))
    totals = amounts.budget_totals(call, lines, eligible_ids)
    if requested_amount is None:
        requested_amount = totals.max_request
    if requested_amount < 0:
        raise ValidationError({"requested_amount": _("The amount requested cannot be negative.")})
    if requested_amount > call.max_grant:
        raise ValidationError(
            {
                "requested_amount": _(
                    "The call grants %(max)s at most per application: request no more."
                )
                % {"max": euros(call.max_grant)}
            }
        )
    if requested_amount > totals.max_request:
        raise ValidationError(
            {
                "requested_amount": _(
                    "The grant pays %(rate)s %% of the eligible costs: with these lines you "
                    "may request %(max)s at most."
                )
                % {
                    "rate": number_format(call.cofinancing_rate, 0),
                    "max": euros(totals.max_request),
                }
            }
        )
    with transaction.atomic():
        current = _editable(application, version)
        plan_actions = (
            set(Action.objects.filter(plan_id=current.plan_id).values_list("pk", flat=True))
            if current.plan_id and any(line.action_id for line in lines)
            else set()
        )
        if any(line.action_id and line.action_id not in plan_actions for line in lines):
            raise ValidationError(_("A line refers to an action that is not in your plan."))
        BudgetLine.objects.filter(application=current).delete()
        BudgetLine.objects.bulk_create(
            BudgetLine(
                application=current,
                category_id=line.category_id,
                description=line.description.strip()[:300],
                supplier=(line.supplier or "").strip()[:200],
                amount_excl_vat=line.amount_excl_vat,
                vat=line.vat or ZERO,
                vat_recoverable=line.vat_recoverable,
                action_id=line.action_id,
                position=i,
            )
            for i, line in enumerate(lines)
        )
        _saved(
            application,
            current,
            "budget",
            total_cost=totals.total_cost,
            eligible_total=totals.eligible_total,
            requested_amount=requested_amount,
        )
    return totals


def attachment_add(
    application: Application, *, by, file, document_type: DocumentType | None = None
) -> Attachment:
    """A document, checked by its content (grants.files), while the application may change."""
    checked = check_upload(file)
    with transaction.atomic():
        current = _editable(application, None)
        attachment = Attachment(
            application=current,
            document_type=document_type,
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            uploaded_by=by,
        )
        attachment.file.save(checked.name, file, save=False)
        attachment.save()
        _saved(application, current, "documents")
    return attachment


def attachment_remove(attachment: Attachment) -> None:
    application = attachment.application
    with transaction.atomic():
        current = _editable(application, None)
        attachment.delete()
        _saved(application, current, "documents")
        transaction.on_commit(lambda: attachment.file.delete(save=False))


@dataclass
class AidInput:
    granting_body: str
    granted_on: datetime.date
    amount: Decimal
    description: str = ""


def application_save_de_minimis(
    application: Application, *, version: int | None, aids: Sequence[AidInput]
) -> amounts.DeMinimis:
    """The de minimis declaration: the aid received from other bodies in the last three
    years (none is a declaration too). Refused when, with the amount requested, the total
    would exceed the ceiling of Regulation (EU) 2023/2831."""
    today = timezone.localdate()
    for i, aid in enumerate(aids):
        if aid.amount is None or aid.amount <= 0:
            raise ValidationError({f"aid-{i}-amount": _("Enter an amount above zero.")})
        if aid.granted_on > today:
            raise ValidationError({f"aid-{i}-granted_on": _("This date is in the future.")})
        if not aid.granting_body.strip():
            raise ValidationError({f"aid-{i}-granting_body": _("Name the body that granted it.")})
    with transaction.atomic():
        current = _editable(application, version)
        DeMinimisAid.objects.filter(application=current).delete()
        start = amounts.de_minimis_window_start(today)
        DeMinimisAid.objects.bulk_create(
            DeMinimisAid(
                application=current,
                granting_body=aid.granting_body.strip()[:200],
                description=aid.description.strip()[:300],
                granted_on=aid.granted_on,
                amount=aid.amount,
            )
            for aid in aids
            if aid.granted_on > start  # older aid no longer counts
        )
        figures = amounts.de_minimis(current)
        if figures.exceeded:
            raise ValidationError(
                _(
                    "With this aid, the de minimis aid received over three years would come to "
                    "%(total)s, above the ceiling of %(ceiling)s (Regulation (EU) 2023/2831). "
                    "You may request %(room)s at most."
                )
                % {
                    "total": euros(figures.total),
                    "ceiling": euros(figures.ceiling),
                    "room": euros(figures.room),
                },
                code="de_minimis",
            )
        _saved(application, current, "de_minimis", de_minimis_declared_at=timezone.now())
    return figures


# --- Submitting, withdrawing ------------------------------------------------------------


def application_submit(application: Application, *, by, comment: str = "") -> None:
    """Submit the draft: refused after the deadline and while the pre-check finds
    something missing (every missing item in the message)."""
    from .eligibility import eligibility_missing

    if not application.call.is_open():
        raise ValidationError(
            _("The call closed on %(deadline)s: applications can no longer be submitted.")
            % {"deadline": _date(application.call.deadline)},
            code="deadline",
        )
    missing = eligibility_missing(application)
    if missing:
        raise ValidationError(missing, code="missing")
    now = timezone.now()
    transition(application, Status.SUBMITTED, by=by, comment=comment, fields={"submitted_at": now})


def _date(value) -> str:
    from django.utils.formats import date_format

    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


def application_withdraw(application: Application, *, by, comment: str = "") -> None:
    if application.status not in BEFORE_DECISION:
        raise TransitionRefused(
            _("A decision has been made: the application can no longer be withdrawn."),
            code="decided",
        )
    transition(application, Status.WITHDRAWN, by=by, comment=comment)


# --- Screening and information requests --------------------------------------------------


def screening_start(application: Application, *, by, internal_comment: str = "") -> None:
    transition(application, Status.SCREENING, by=by, internal_comment=internal_comment)


def info_request(application: Application, *, by, message: str, internal_comment: str = "") -> None:
    """Ask the applicant for more information: the message is theirs to read, and the
    application opens again for their changes."""
    if not (message or "").strip():
        raise ValidationError({"message": _("Say what information you need.")})
    transition(
        application,
        Status.INFO_REQUESTED,
        by=by,
        comment=message,
        internal_comment=internal_comment,
    )


def info_respond(application: Application, *, by, response: str) -> None:
    if not (response or "").strip():
        raise ValidationError({"response": _("Write your answer to the agency's request.")})
    transition(application, Status.RESUBMITTED, by=by, comment=response)


def review_start(application: Application, *, by, internal_comment: str = "") -> None:
    transition(application, Status.IN_REVIEW, by=by, internal_comment=internal_comment)


# --- Decisions ---------------------------------------------------------------------------


def application_approve(
    application: Application, *, by, amount: Decimal, reasons: str, internal_comment: str = ""
) -> None:
    """Approve with an amount, within the call's remaining envelope: the call's row is
    locked first, so two approvals at once are counted one after the other and never
    commit more than the envelope holds."""
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Enter the amount granted, above zero.")})
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=application.call_id)
        current = lock(application)
        if current.status != Status.IN_REVIEW:
            raise TransitionRefused(
                _("This application is “%(status)s”: it cannot be approved.")
                % {"status": current.get_status_display()},
                code="transition",
            )
        if amount > call.max_grant:
            raise ValidationError(
                {"amount": _("The call grants %(max)s at most.") % {"max": euros(call.max_grant)}}
            )
        if amount > current.requested_amount:
            raise ValidationError(
                {
                    "amount": _("The applicant requested %(requested)s: grant no more.")
                    % {"requested": euros(current.requested_amount)}
                }
            )
        remaining = amounts.call_figures(call).remaining
        if amount > remaining:
            raise ValidationError(
                {
                    "amount": _(
                        "The call's envelope has %(remaining)s left: %(amount)s cannot be granted."
                    )
                    % {"remaining": euros(remaining), "amount": euros(amount)}
                },
                code="envelope",
            )
        figures = amounts.de_minimis(current, requested=amount)
        if figures.exceeded:
            raise ValidationError(
                {
                    "amount": _(
                        "This grant would take the organisation's de minimis aid to %(total)s, "
                        "above the ceiling of %(ceiling)s."
                    )
                    % {"total": euros(figures.total), "ceiling": euros(figures.ceiling)}
                },
                code="de_minimis",
            )
        transition(
            current,
            Status.APPROVED,
            by=by,
            comment=reasons,
            internal_comment=internal_comment,
            fields={
                "approved_amount": amount,
                "decision_reasons": reasons.strip(),
                "decided_at": timezone.now(),
                "decided_by": by,
            },
        )
        application.refresh_from_db()
        _letter_queue(application, Status.APPROVED)


def application_reject(
    application: Application, *, by, reasons: str, internal_comment: str = ""
) -> None:
    if not (reasons or "").strip():
        raise ValidationError({"reasons": _("Give the reasons for the refusal.")})
    with transaction.atomic():
        transition(
            application,
            Status.REJECTED,
            by=by,
            comment=reasons,
            internal_comment=internal_comment,
            fields={
                "decision_reasons": reasons.strip(),
                "decided_at": timezone.now(),
                "decided_by": by,
            },
        )
        _letter_queue(application, Status.REJECTED)


def _letter_queue(application: Application, decision: str) -> None:
    """The decision letter's PDF, rendered and e-mailed by a worker (grants.letters)."""
    from .letters import letter_request

    letter_request(application, decision=decision)


def agreement_sign(application: Application, *, by, signed_on: datetime.date) -> None:
    if signed_on is None or signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("Enter the date the agreement was signed.")})
    transition(application, Status.SIGNED, by=by, fields={"signed_on": signed_on})


# --- Reviews -----------------------------------------------------------------------------

# Reviewers are assigned while the application is screened or reviewed; they score it until
# the decision (an answer to a request for information may come in between).
ASSIGNABLE_STATUSES = (Status.SUBMITTED, Status.SCREENING, Status.RESUBMITTED, Status.IN_REVIEW)
REVIEWABLE_STATUSES = (
    Status.SUBMITTED,
    Status.SCREENING,
    Status.INFO_REQUESTED,
    Status.RESUBMITTED,
    Status.IN_REVIEW,
)


def reviewer_assign(application: Application, *, reviewer, by) -> ReviewerAssignment:
    """Ask `reviewer` (in the reviewer group, or agency staff) to review `application`; they
    are told by e-mail, with the link to their reviews. Never a member of the applicant
    organisation, never twice."""
    from digitalees.roles import is_agency_staff, is_reviewer

    from .review.notify import reviewer_assigned_notify

    if reviewer is None or not (is_reviewer(reviewer) or is_agency_staff(reviewer)):
        raise ValidationError(
            {"reviewer": _("Only reviewers and agency staff can review applications.")}
        )
    if application.status not in ASSIGNABLE_STATUSES:
        raise ValidationError(
            _("Reviewers are assigned to applications being screened or reviewed."),
            code="status",
        )
    if application.organisation.memberships.filter(user=reviewer).exists():
        raise ValidationError(
            {
                "reviewer": _(
                    "%(name)s belongs to the applicant organisation: they cannot review "
                    "its application."
                )
                % {"name": reviewer.display_name}
            },
            code="member",
        )
    try:
        with transaction.atomic():
            current = lock(application)
            if current.status not in ASSIGNABLE_STATUSES:
                raise ValidationError(
                    _("Reviewers are assigned to applications being screened or reviewed."),
                    code="status",
                )
            assignment = ReviewerAssignment.objects.create(
                application=current, reviewer=reviewer, assigned_by=by
            )
            reviewer_assigned_notify(assignment)
    except IntegrityError:
        raise ValidationError(
            {"reviewer": _("This reviewer is already assigned to the application.")},
            code="duplicate",
        ) from None
    return assignment


def reviewer_unassign(assignment: ReviewerAssignment) -> None:
    """Take a reviewer off, until they submitted a review or declared a conflict of interest
    (both stay on the record)."""
    with transaction.atomic():
        current = ReviewerAssignment.objects.select_for_update().filter(pk=assignment.pk).first()
        if current is None:
            return
        if current.declaration == ReviewerAssignment.Declaration.CONFLICT:
            raise ValidationError(
                _(
                    "This reviewer declared a conflict of interest: the declaration stays on "
                    "the record."
                ),
                code="conflict",
            )
        if Review.objects.filter(assignment=current, submitted_at__isnull=False).exists():
            raise ValidationError(
                _("This reviewer has submitted a review: it stays on the record."),
                code="submitted",
            )
        current.delete()


def conflict_declare(assignment: ReviewerAssignment, *, conflict: bool, details: str = "") -> None:
    """The reviewer's declaration, once: with a conflict they are off the application, and
    agency staff are told by e-mail."""
    from .review.notify import conflict_declared_notify

    details = (details or "").strip()
    if conflict and not details:
        raise ValidationError({"details": _("Say briefly what the conflict of interest is.")})
    with transaction.atomic():
        current = ReviewerAssignment.objects.select_for_update().get(pk=assignment.pk)
        if current.declaration != ReviewerAssignment.Declaration.PENDING:
            raise ValidationError(_("You have already made your declaration."), code="declared")
        current.declaration = (
            ReviewerAssignment.Declaration.CONFLICT
            if conflict
            else ReviewerAssignment.Declaration.NO_CONFLICT
        )
        current.conflict_details = details if conflict else ""
        current.declared_at = timezone.now()
        current.save(update_fields=["declaration", "conflict_details", "declared_at"])
        for name in ("declaration", "conflict_details", "declared_at"):
            setattr(assignment, name, getattr(current, name))
        if conflict:
            conflict_declared_notify(current)


def weighted_score(scores: dict[int, int], criteria: Sequence[Criterion]) -> Decimal:
    """Sum(score × weight) / Sum(weight), on 0–Criterion.MAX_SCORE, two places."""
    weights = sum(c.weight for c in criteria)
    if not weights:
        return ZERO
    total = sum((Decimal(scores[c.pk]) * c.weight for c in criteria), ZERO)
    return (total / Decimal(weights)).quantize(Decimal("0.01"))


def review_save(
    assignment: ReviewerAssignment,
    *,
    scores: dict[int, int | None],
    recommendation: str,
    comment: str,
    comment_shared: bool = False,
    submit: bool = True,
) -> Review:
    """Save (and submit) the review: a score from 0 to 5 for every criterion of the call, a
    recommendation and a comment. A submitted review may be changed until the decision;
    a draft saved later does not withdraw it."""
    application = assignment.application
    now = timezone.now()
    with transaction.atomic():
        # The call's row first, as a change of its criteria takes it: a review submitted
        # at the same instant waits for it and scores the criteria as they are then (or
        # the change waits, then sees the review and is refused).
        Call.objects.select_for_update().filter(pk=application.call_id).first()
        criteria = list(Criterion.objects.filter(call_id=application.call_id))
        errors = {}
        for criterion in criteria:
            score = scores.get(criterion.pk)
            if score is None or not 0 <= score <= Criterion.MAX_SCORE:
                errors[f"criterion_{criterion.pk}"] = _(
                    "Score this criterion from 0 to %(max)s."
                ) % {"max": Criterion.MAX_SCORE}
        if recommendation not in Review.Recommendation.values:
            errors["recommendation"] = _("Choose a recommendation.")
        if not (comment or "").strip():
            errors["comment"] = _("Explain your recommendation.")
        current = ReviewerAssignment.objects.select_for_update().filter(pk=assignment.pk).first()
        if current is None or current.declaration == ReviewerAssignment.Declaration.CONFLICT:
            raise ValidationError(
                _("You declared a conflict of interest: you no longer review this application."),
                code="conflict",
            )
        if current.declaration != ReviewerAssignment.Declaration.NO_CONFLICT:
            raise ValidationError(
                _("Declare first that you have no conflict of interest."), code="pending"
            )
        status = Application.objects.filter(pk=application.pk).values_list("status", flat=True)
        if status.first() not in REVIEWABLE_STATUSES:
            raise ValidationError(
                _("The review of this application is over: a decision was made."), code="over"
            )
        if errors:
            raise ValidationError(errors)
        clean = {c.pk: int(scores[c.pk]) for c in criteria}  # type: ignore[arg-type]
        defaults = {
            "recommendation": recommendation,
            "comment": comment.strip(),
            "comment_shared": comment_shared,
            "weighted_score": weighted_score(clean, criteria),
            "updated_at": now,
        }
        if submit:
            defaults["submitted_at"] = now
        review, _created = Review.objects.update_or_create(assignment=current, defaults=defaults)
        ReviewScore.objects.filter(review=review).delete()
        ReviewScore.objects.bulk_create(
            ReviewScore(review=review, criterion=c, score=clean[c.pk]) for c in criteria
        )
    return review


# --- Payments and the final report -------------------------------------------------------


def payment_record(
    application: Application,
    *,
    by,
    kind: str,
    amount: Decimal,
    paid_on: datetime.date,
    reference: str,
) -> Payment:
    """A tranche paid: the advance once the agreement is signed, the balance once the final
    report's expenses are checked (then the application closes). What is paid never
    exceeds the approved amount, nor the balance what the accepted expenses justify.

    The applicant hears of the tranche (grants.payments.notify), and of the closing move
    by grants.notify."""
    errors = {}
    if amount is None or amount <= 0:
        errors["amount"] = _("Enter an amount above zero.")
    if not (reference or "").strip():
        errors["reference"] = _("Enter the payment's reference.")
    if paid_on is None or paid_on > timezone.localdate():
        errors["paid_on"] = _("Enter the date it was paid (not in the future).")
    if kind not in Payment.Kind.values:
        errors["kind"] = _("Choose the tranche.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = lock(application)
        if Payment.objects.filter(application=current, kind=kind).exists():
            raise ValidationError(
                _("The advance has already been recorded.")
                if kind == Payment.Kind.ADVANCE
                else _("The balance has already been recorded.")
            )
        approved = current.approved_amount or ZERO
        paid = (
            Payment.objects.filter(application=current).aggregate(total=Sum("amount"))["total"]
            or ZERO
        )
        if kind == Payment.Kind.ADVANCE:
            if current.status not in (Status.SIGNED, Status.REPORTED):
                raise ValidationError(_("The advance is paid once the agreement is signed."))
            limit = amounts.advance_of(current)
            if amount > limit:
                raise ValidationError(
                    {"amount": _("The advance is %(max)s at most.") % {"max": euros(limit)}}
                )
        else:
            if current.status != Status.REPORTED:
                raise ValidationError(_("The balance is paid on the final report."))
            if current.final_report.expenses.filter(check_status=Expense.Check.PENDING).exists():
                raise ValidationError(_("Check every expense of the final report first."))
            due = amounts.balance_of(current).due
            if amount > due:
                raise ValidationError(
                    {
                        "amount": _("The accepted expenses justify a balance of %(due)s at most.")
                        % {"due": euros(due)}
                    }
                )
        if paid + amount > approved:
            raise ValidationError(
                {
                    "amount": _(
                        "With %(paid)s already paid, this would pay more than the %(approved)s "
                        "approved."
                    )
                    % {"paid": euros(paid), "approved": euros(approved)}
                }
            )
        figures_changed(GRANTS_DATA)
        payment = Payment.objects.create(
            application=current,
            kind=kind,
            amount=amount,
            paid_on=paid_on,
            reference=reference.strip()[:100],
            recorded_by=by,
        )
        if kind == Payment.Kind.BALANCE:
            # One e-mail, the tranche's (amount, date, reference; it says the application is
            # closed), rather than that and the closing's.
            transition(current, Status.CLOSED, by=by, notify=False)
        from .payments.notify import tranche_paid

        tranche_paid(current, payment)
    application.refresh_from_db()
    return payment


def final_report_save(
    application: Application,
    *,
    by,
    achievements: str,
    completed_actions: Iterable[Action],
    version: int | None = None,
) -> FinalReport:
    """Write (or rewrite) the final report while the agreement is signed and the report not
    yet submitted; `version` is the report's as the form read it (a stale one changes
    nothing)."""
    if not (achievements or "").strip():
        raise ValidationError({"achievements": _("Describe what was done.")})
    completed_actions = list(completed_actions)
    with transaction.atomic():
        current = lock(application)
        if current.status != Status.SIGNED:
            raise ValidationError(_("The final report is written once the agreement is signed."))
        if any(a.plan_id is None or a.plan_id != current.plan_id for a in completed_actions):
            raise ValidationError({"completed_actions": _("Choose actions of your plan.")})
        report, created = FinalReport.objects.select_for_update().get_or_create(
            application=current, defaults={"achievements": achievements.strip()}
        )
        if not created:
            if version is not None and report.version != version:
                raise StaleEdit(_("Someone else saved this report since you opened the page."))
            report.achievements = achievements.strip()
            report.version += 1
            report.updated_at = timezone.now()
            report.save(update_fields=["achievements", "version", "updated_at"])
        report.completed_actions.set(completed_actions)
    return report


def expense_add(report: FinalReport, *, invoice, proof_of_payment, **fields) -> Expense:
    """An expense of the report, with its invoice and proof of payment checked by their
    content (grants.files), while the report is being written (the agreement signed)."""
    errors = budget_check_line(
        LineInput(
            category_id=fields.get("category_id") or 0,
            description=fields.get("description", ""),
            amount_excl_vat=fields.get("amount_excl_vat") or ZERO,
            vat=fields.get("vat", ZERO),
        )
    )
    if not CostCategory.objects.filter(pk=fields.get("category_id") or 0).exists():
        errors["category"] = _("Choose a category.")
    if not (fields.get("supplier") or "").strip():
        errors["supplier"] = _("Enter the supplier.")
    if not (fields.get("invoice_number") or "").strip():
        errors["invoice_number"] = _("Enter the invoice's number.")
    if not fields.get("invoice_date"):
        errors["invoice_date"] = _("Enter the invoice's date.")
    elif fields["invoice_date"] > timezone.localdate():
        errors["invoice_date"] = _("This date is in the future.")
    line_id = fields.get("budget_line_id")
    if (
        line_id
        and not BudgetLine.objects.filter(pk=line_id, application_id=report.application_id).exists()
    ):
        errors["budget_line"] = _("Choose a line of this application's budget.")
    files = {}
    for name, file in (("invoice", invoice), ("proof_of_payment", proof_of_payment)):
        try:
            files[name] = check_upload(file)
        except ValidationError as error:
            errors[name] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = lock(report.application)
        if current.status != Status.SIGNED:
            raise ValidationError(_("Expenses are added while the final report is being written."))
        expense = Expense(
            report=report,
            invoice_name=files["invoice"].name,
            proof_name=files["proof_of_payment"].name,
            **fields,
        )
        expense.invoice.save(files["invoice"].name, invoice, save=False)
        expense.proof_of_payment.save(files["proof_of_payment"].name, proof_of_payment, save=False)
        expense.save()
    return expense


def final_report_submit(application: Application, *, by) -> None:
    """The report goes to the agency (signed → reported): it needs what was done and at
    least one expense; expenses refused before stay refused unless removed."""
    with transaction.atomic():
        current = lock(application)
        report = FinalReport.objects.filter(application=current).first()
        if report is None or not report.achievements.strip():
            raise ValidationError(_("Describe what was done, and save the report, first."))
        if not report.expenses.exists():
            raise ValidationError(
                _("Add the expenses, with their invoices and proofs of payment, first.")
            )
        transition(current, Status.REPORTED, by=by)
        FinalReport.objects.filter(pk=report.pk).update(
            submitted_at=timezone.now(), submitted_by=by
        )
    application.refresh_from_db()


def expense_check(expense: Expense, *, by, accepted: bool, comment: str = "") -> None:
    """Accept an expense (eligible, justified) or refuse it with the reason, while the
    report is with the agency."""
    if not accepted and not (comment or "").strip():
        raise ValidationError({"comment": _("Say why this expense is refused.")})
    with transaction.atomic():
        current = lock(expense.report.application)
        if current.status != Status.REPORTED:
            raise ValidationError(_("Expenses are checked once the final report is submitted."))
        expense.check_status = Expense.Check.ACCEPTED if accepted else Expense.Check.REFUSED
        expense.check_comment = (comment or "").strip()
        expense.checked_by = by
        expense.checked_at = timezone.now()
        expense.save(update_fields=["check_status", "check_comment", "checked_by", "checked_at"])
