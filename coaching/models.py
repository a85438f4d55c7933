"""Coaching: cohorts of pilot enterprises, their selection, the programme's methodology,
transformation plans and their actions, sessions and intervisions, evaluation, reminders.

Dimension codes (`Action.dimension_code`) name the diagnostic's dimensions by code, as
`diagnostic.ResultScore` does, so that a plan outlives a new questionnaire version.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diagnostic.models import Result
from digitalees.bilingual import Bilingual
from digitalees.storage import private_storage
from network.models import Organisation

# ---------------------------------------------------------------------------------------
# Cohorts and selection


class CohortQuerySet(models.QuerySet):
    def accepting_applications(self, today=None):
        today = today or timezone.localdate()
        return self.filter(
            status=Cohort.Status.CALL_OPEN, call_opens_on__lte=today, call_closes_on__gte=today
        )


class CohortStatus(models.TextChoices):
    DRAFT = "draft", _("In preparation")
    CALL_OPEN = "call_open", _("Call for expressions of interest open")
    SELECTION = "selection", _("Selection")
    RUNNING = "running", _("Coaching under way")
    CLOSED = "closed", _("Closed")


class Cohort(Bilingual, models.Model):
    """An edition of the coaching programme: its call, its selected enterprises, a year."""

    Status = CohortStatus

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    call_opens_on = models.DateField(_("call opens on"))
    call_closes_on = models.DateField(_("call closes on"))
    starts_on = models.DateField(_("coaching starts on"))
    ends_on = models.DateField(_("coaching ends on"))
    capacity = models.PositiveSmallIntegerField(
        _("places"), default=15, help_text=_("How many enterprises may be selected.")
    )
    hours_per_enterprise = models.DecimalField(
        _("coaching hours per enterprise"),
        max_digits=5,
        decimal_places=1,
        default=40,
        help_text=_("Individual coaching hours allotted to each enterprise."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CohortStatus.values), name="cohort_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(call_closes_on__gte=F("call_opens_on")), name="cohort_call_dates"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")), name="cohort_coaching_dates"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="cohort_capacity_positive"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("coaching:cohort_detail", kwargs={"slug": self.slug})


class Criterion(models.TextChoices):
    """The programme's selection criteria; each is scored from 0 to 5."""

    TRANSFORMATION = "transformation", _("Transformational aim")
    FEASIBILITY = "feasibility", _("Feasibility")
    HUMAN = "human", _("Human resources")
    FINANCIAL = "financial", _("Financial resources")


SCORE_MAX = 5


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Application(models.Model):
    """An enterprise's expression of interest in a cohort."""

    Status = ApplicationStatus

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="applications", verbose_name=_("cohort")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="coaching_applications",
        verbose_name=_("organisation"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    motivation = models.TextField(
        _("motivation"),
        help_text=_("Why your enterprise wants to be coached, and what it hopes to change."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    # The decision and its reasons are kept: the programme evaluates its selection too.
    decision_reason = models.TextField(_("reasons for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # Whether the applicant is told the reasons (a refusal's are shared only when staff
    # chose to), and when they were told: the decision e-mail goes once.
    reason_shared = models.BooleanField(_("reasons shared with the applicant"), default=False)
    notified_at = models.DateTimeField(_("applicant told"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["cohort", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "organisation"], name="application_one_per_cohort"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values), name="application_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} → {self.cohort}"


class ApplicationScore(models.Model):
    """The selection committee's score of one application on one criterion."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="scores", verbose_name=_("application")
    )
    criterion = models.CharField(_("criterion"), max_length=20, choices=Criterion.choices)
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("scored by"),
    )
    scored_at = models.DateTimeField(_("scored"), default=timezone.now)

    class Meta:
        verbose_name = _("application score")
        verbose_name_plural = _("application scores")
        ordering = ["application", "criterion"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="application_score_unique"
            ),
            models.CheckConstraint(
                condition=Q(criterion__in=Criterion.values), name="application_criterion_valid"
            ),
            models.CheckConstraint(
                condition=Q(score__lte=SCORE_MAX), name="application_score_range"
            ),
        ]

    def __str__(self):
        return f"{self.application}: {self.criterion} {self.score}"


class EnrolmentQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(cohort__status=Cohort.Status.CLOSED)

    def coached_by(self, user):
        return self.filter(organisation__coach_assignments__coach=user)


class Enrolment(models.Model):
    """A selected enterprise in its cohort. Its coaches are network's coach assignments
    (they decide who may see the organisation)."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("cohort")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("organisation"),
    )
    application = models.OneToOneField(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolment",
        verbose_name=_("application"),
    )
    hours_allotted = models.DecimalField(
        _("coaching hours allotted"), max_digits=5, decimal_places=1
    )
    enrolled_at = models.DateTimeField(_("enrolled"), default=timezone.now)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["cohort", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "organisation"], name="enrolment_one_per_cohort"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.cohort})"


# ---------------------------------------------------------------------------------------
# The methodology as data


class Phase(Bilingual, models.Model):
    """A phase of the programme's methodology (diagnostic, vision and priorities, …)."""

    position = models.PositiveSmallIntegerField(_("position"), unique=True)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["position"]

    def __str__(self):
        return self.title_fr


class Step(Bilingual, models.Model):
    """A step of a phase, with the deliverable it is expected to produce."""

    phase = models.ForeignKey(
        Phase, on_delete=models.CASCADE, related_name="steps", verbose_name=_("phase")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    deliverable_fr = models.CharField(_("expected deliverable (French)"), max_length=300)
    deliverable_en = models.CharField(_("expected deliverable (English)"), max_length=300)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["phase__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["phase", "position"], name="step_position_unique"),
        ]

    def __str__(self):
        return self.title_fr


# ---------------------------------------------------------------------------------------
# Transformation plans


class Plan(models.Model):
    """An enrolled enterprise's digital transformation plan."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="plan", verbose_name=_("enrolment")
    )
    # Denormalised from the enrolment: every rule and list asks it.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="plans", verbose_name=_("organisation")
    )
    vision = models.TextField(
        _("vision"), blank=True, help_text=_("Where the enterprise wants to be in a year.")
    )
    objectives = models.TextField(
        _("objectives"), blank=True, help_text=_("One objective per line.")
    )
    # The diagnostic that started the plan, and the one that measures its result.
    baseline_result = models.ForeignKey(
        Result,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("starting diagnostic"),
    )
    final_result = models.ForeignKey(
        Result,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closing diagnostic"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    # Optimistic concurrency for the vision and objectives: a form carries the version it
    # was read at; saving over a newer one is refused (coaches and members edit at once).
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("transformation plan")
        verbose_name_plural = _("transformation plans")
        ordering = ["organisation__name"]

    def __str__(self):
        return str(_("Plan of %(name)s") % {"name": self.organisation.name})

    def get_absolute_url(self):
        return reverse("coaching:plan_detail", kwargs={"pk": self.pk})

    @property
    def objective_list(self) -> list[str]:
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=[Action.Status.DONE, Action.Status.DROPPED])

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def counted(self):
        """The actions a plan's progress is rolled up from: dropped ones do not count."""
        return self.exclude(status=Action.Status.DROPPED)


class ActionStatus(models.TextChoices):
    TODO = "todo", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    BLOCKED = "blocked", _("Blocked")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class ActionPriority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class Action(models.Model):
    """An action of a plan."""

    Status = ActionStatus
    Priority = ActionPriority

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="actions", verbose_name=_("plan")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    dimension_code = models.SlugField(
        _("diagnostic dimension"),
        max_length=40,
        blank=True,
        help_text=_("The dimension of the diagnostic this action improves."),
    )
    priority = models.CharField(
        _("priority"), max_length=6, choices=Priority.choices, default=Priority.MEDIUM
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coaching_actions",
        verbose_name=_("owner"),
    )
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.TODO
    )
    estimated_budget = models.DecimalField(
        _("estimated budget (€)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    # Order within its status column on the board.
    position = models.PositiveIntegerField(_("position"), default=0)
    # The session whose next steps it came from, if any.
    from_session = models.ForeignKey(
        "CoachingSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("from the session"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    # Optimistic concurrency: every form carries the version it was read at; a write over a
    # newer one is refused (the second of two people editing at once is told).
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["plan", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ActionStatus.values), name="action_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(priority__in=ActionPriority.values), name="action_priority_valid"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="action_progress_range"),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(due_on__isnull=True)
                | Q(due_on__gte=F("starts_on")),
                name="action_due_after_start",
            ),
            models.CheckConstraint(
                condition=Q(estimated_budget__isnull=True) | Q(estimated_budget__gte=0),
                name="action_budget_not_negative",
            ),
        ]
        indexes = [
            # The board and the list: a plan's actions by status and position.
            models.Index(fields=["plan", "status", "position"], name="action_board_idx"),
            # Reminders: open actions by due date.
            models.Index(
                fields=["due_on"],
                condition=~Q(status__in=["done", "dropped"]),
                name="action_open_due_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("coaching:action_detail", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.DROPPED)

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return not self.is_closed and self.due_on is not None and self.due_on < today


class ActionStatusChange(models.Model):
    """One change of an action's status: who, when, from, to, why. Kept for its timeline."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("action")
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    # Empty for the action's creation.
    from_status = models.CharField(
        _("from"), max_length=12, choices=ActionStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=12, choices=ActionStatus.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["action", "changed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_status__in=ActionStatus.values), name="status_change_to_valid"
            ),
            models.CheckConstraint(
                condition=Q(from_status__in=[*ActionStatus.values, ""]),
                name="status_change_from_valid",
            ),
        ]
        indexes = [
            # An action's timeline.
            models.Index(fields=["action", "changed_at"], name="status_change_timeline_idx"),
        ]

    def __str__(self):
        return f"{self.action}: {self.from_status or '∅'} → {self.to_status}"


class Milestone(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("plan")
    )
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("date"))
    reached_on = models.DateField(_("reached on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["plan", "due_on", "pk"]

    def __str__(self):
        return self.title


class StepCompletion(models.Model):
    """A methodology step a plan has completed, with its deliverable."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="step_completions", verbose_name=_("plan")
    )
    step = models.ForeignKey(
        Step, on_delete=models.CASCADE, related_name="completions", verbose_name=_("step")
    )
    completed_at = models.DateTimeField(_("completed"), default=timezone.now)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("completed by"),
    )
    note = models.TextField(
        _("deliverable"), blank=True, help_text=_("What was produced, or where to find it.")
    )

    class Meta:
        verbose_name = _("completed step")
        verbose_name_plural = _("completed steps")
        ordering = ["plan", "step__phase__position", "step__position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "step"], name="step_completion_unique"),
        ]

    def __str__(self):
        return f"{self.plan}: {self.step}"


# ---------------------------------------------------------------------------------------
# Sessions and intervisions


class CoachingSession(models.Model):
    """An individual coaching session with one enterprise (planned, or logged after)."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("enrolment")
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="coaching_sessions",
        verbose_name=_("coach"),
    )
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=90)
    topics = models.CharField(_("topics"), max_length=300)
    # Seen by the enterprise's members.
    shared_notes = models.TextField(_("notes shared with the enterprise"), blank=True)
    # Seen by the coaches and the agency only, never by the enterprise.
    private_notes = models.TextField(_("private coach notes"), blank=True)
    next_steps = models.TextField(
        _("next steps"), blank=True, help_text=_("One per line; each can become an action.")
    )
    # Who attends for the enterprise (for the reminder before the session).
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("participants"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1), name="session_duration_positive"
            ),
        ]
        indexes = [
            # Dashboards: an enterprise's last contact and hours used.
            models.Index(fields=["enrolment", "starts_at"], name="session_enrolment_idx"),
        ]

    def __str__(self):
        return f"{self.enrolment.organisation} — {self.starts_at:%Y-%m-%d}"

    @property
    def next_step_list(self) -> list[str]:
        return [line.strip() for line in self.next_steps.splitlines() if line.strip()]


class Intervision(models.Model):
    """A collective session of a cohort, where enterprises learn from each other."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="intervisions", verbose_name=_("cohort")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("agenda"), blank=True)
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=180)
    location = models.CharField(_("place"), max_length=200, blank=True)
    organised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("organised by"),
    )
    summary = models.TextField(_("summary shared with the cohort"), blank=True)
    summary_shared_at = models.DateTimeField(_("summary shared"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("intervision")
        verbose_name_plural = _("intervisions")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1), name="intervision_duration_positive"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.starts_at:%Y-%m-%d})"


class Attendance(models.TextChoices):
    INVITED = "invited", _("Invited")
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


class IntervisionInvitation(models.Model):
    """A person invited to an intervision, and whether they came."""

    Attendance = Attendance

    intervision = models.ForeignKey(
        Intervision,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("intervision"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="intervision_invitations",
        verbose_name=_("participant"),
    )
    # The enterprise they come for (the hours and attendance of an enterprise).
    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="intervision_invitations",
        verbose_name=_("enrolment"),
    )
    attendance = models.CharField(
        _("attendance"), max_length=8, choices=Attendance.choices, default=Attendance.INVITED
    )
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)

    class Meta:
        verbose_name = _("intervision invitation")
        verbose_name_plural = _("intervision invitations")
        ordering = ["intervision", "enrolment__organisation__name", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervision", "user"], name="intervision_invitation_unique"
            ),
            models.CheckConstraint(
                condition=Q(attendance__in=Attendance.values), name="attendance_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} @ {self.intervision}"


class IntervisionQuestion(models.Model):
    """A question a participant wants raised at an intervision. An anonymous question keeps
    no author at all: nobody, the coach and the agency included, can tell who asked."""

    intervision = models.ForeignKey(
        Intervision,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("intervision"),
    )
    text = models.TextField(_("question"))
    # What the question is about, to group them: a diagnostic dimension's code, or empty.
    theme = models.SlugField(_("theme"), max_length=40, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    taken_up_at = models.DateTimeField(_("taken up"), null=True, blank=True)

    class Meta:
        verbose_name = _("intervision question")
        verbose_name_plural = _("intervision questions")
        ordering = ["intervision", "theme", "created_at"]

    def __str__(self):
        return self.text[:60]

    @property
    def is_anonymous(self) -> bool:
        return self.author_id is None


# ---------------------------------------------------------------------------------------
# Evaluation


class EvaluationTheme(Bilingual, models.Model):
    """A theme of the accompaniment participants evaluate (selection, individual coaching,
    intervisions, tools, plan, and those agency staff add)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("position"))
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    is_active = models.BooleanField(_("asked"), default=True)

    class Meta:
        verbose_name = _("evaluation theme")
        verbose_name_plural = _("evaluation themes")
        ordering = ["position", "code"]

    def __str__(self):
        return self.title_fr


class Evaluation(models.Model):
    """One participant's evaluation of a cohort's accompaniment (or of one of its phases)."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("cohort")
    )
    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="evaluations",
        verbose_name=_("enrolment"),
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("respondent"),
    )
    # Empty: the whole cohort's accompaniment.
    phase = models.ForeignKey(
        Phase,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phase"),
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["cohort", "-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "respondent", "phase"], name="evaluation_one_per_phase"
            ),
            # NULLs are distinct in a unique index: the whole cohort's evaluation has its own.
            models.UniqueConstraint(
                fields=["cohort", "respondent"],
                condition=Q(phase__isnull=True),
                name="evaluation_one_per_cohort",
            ),
        ]

    def __str__(self):
        return f"{self.cohort} — {self.respondent}"


class Verdict(models.TextChoices):
    IMPROVE = "improve", _("Improve")
    MODIFY = "modify", _("Modify")
    KEEP = "keep", _("Keep")
    REMOVE = "remove", _("Remove")


class EvaluationAnswer(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="answers", verbose_name=_("evaluation")
    )
    theme = models.ForeignKey(
        EvaluationTheme, on_delete=models.PROTECT, related_name="answers", verbose_name=_("theme")
    )
    verdict = models.CharField(_("verdict"), max_length=8, choices=Verdict.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("evaluation answer")
        verbose_name_plural = _("evaluation answers")
        ordering = ["evaluation", "theme__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "theme"], name="evaluation_answer_unique"
            ),
            models.CheckConstraint(
                condition=Q(verdict__in=Verdict.values), name="evaluation_verdict_valid"
            ),
        ]

    def __str__(self):
        return f"{self.theme}: {self.verdict}"


# ---------------------------------------------------------------------------------------
# Reminders and calendar feeds


class ReminderKind(models.TextChoices):
    ACTION_DUE_SOON = "action_due_soon", _("Action due within 7 days")
    ACTION_OVERDUE = "action_overdue", _("Action overdue")
    SESSION_SOON = "session_soon", _("Coaching session coming")
    INTERVISION_SOON = "intervision_soon", _("Intervision coming")
    WEEKLY_DIGEST = "weekly_digest", _("Coach's weekly digest")


class ReminderSent(models.Model):
    """A reminder sent, at most once per (kind, event, recipient): the row is inserted in
    the transaction that queues the e-mail, and its unique constraint refuses a second run
    (the task run twice, or two workers at once)."""

    Kind = ReminderKind

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # What the reminder is about, e.g. "action:42:2026-12-08" (the due date is part of the
    # event: a postponed action is reminded again), "session:7", "digest:2026-W49".
    event = models.CharField(_("event"), max_length=100)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("recipient"),
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "event", "recipient"], name="reminder_sent_once"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ReminderKind.values), name="reminder_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.event} → {self.recipient}"


class ReminderPreference(models.Model):
    """A user's choice about reminder e-mails; no row means they are wanted."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminder_preference",
        verbose_name=_("user"),
    )
    reminders_enabled = models.BooleanField(_("reminder e-mails"), default=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")
        ordering = ["user"]

    def __str__(self):
        return f"{self.user}: {self.reminders_enabled}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A user's secret iCalendar address; renewing it replaces the token (the old address
    stops working)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("user"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["user"]

    def __str__(self):
        return str(self.user)


# ---------------------------------------------------------------------------------------
# The plan as a PDF


class PlanReport(models.Model):
    """A PDF of a plan, rendered by a Celery task (diagnostic.Report's way: claimed by a
    conditional update, no lock held while rendering, requeued when its message is lost).
    A plan changes: a report is for the plan as it was at `plan_version`/`requested_at`;
    asking again after a change renders a new one."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="reports", verbose_name=_("plan")
    )
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # The plan's state it shows: the latest change of the plan or its actions when asked.
    content_stamp = models.CharField(_("content stamp"), max_length=64)
    file = models.FileField(
        _("file"), upload_to="plans/%Y/%m/", storage=private_storage, blank=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)
    claim_token = models.CharField(_("claim token"), max_length=64, blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    class Meta:
        verbose_name = _("plan report")
        verbose_name_plural = _("plan reports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "language", "content_stamp"], name="plan_report_unique"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "ready", "failed"]),
                name="plan_report_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.plan} ({self.language}, {self.status})"
