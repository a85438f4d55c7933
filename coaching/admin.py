"""Coaching's data in the admin, to read it (answer a data request, check what happened).
Nothing here changes a row: every write goes through coaching's pages and services, which
check what the admin would not (dates, capacity, stale edits, history, e-mails)."""

from django.contrib import admin

from diagnostic.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import (
    Action,
    ActionStatusChange,
    Application,
    ApplicationScore,
    CoachingSession,
    Cohort,
    Enrolment,
    Evaluation,
    EvaluationAnswer,
    EvaluationTheme,
    Intervision,
    IntervisionInvitation,
    IntervisionQuestion,
    Milestone,
    Phase,
    Plan,
    PlanReport,
    ReminderSent,
    Step,
    StepCompletion,
)


@admin.register(Cohort)
class CohortAdmin(ReadOnlyAdmin):
    list_display = ["name", "status", "starts_on", "ends_on", "capacity"]
    list_filter = ["status"]
    search_fields = ["name"]


class ApplicationScoreInline(ReadOnlyInline):
    model = ApplicationScore
    fields = ["criterion", "score", "comment", "scored_by", "scored_at"]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "cohort", "status", "submitted_at", "decided_at"]
    list_filter = ["status", "cohort"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation", "cohort"]
    inlines = [ApplicationScoreInline]


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "cohort", "hours_allotted", "enrolled_at"]
    list_filter = ["cohort"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation", "cohort"]


class StepInline(ReadOnlyInline):
    model = Step
    fields = ["position", "title_fr", "title_en", "deliverable_fr", "deliverable_en"]


@admin.register(Phase)
class PhaseAdmin(ReadOnlyAdmin):
    list_display = ["position", "title_fr", "title_en"]
    inlines = [StepInline]


class ActionInline(ReadOnlyInline):
    model = Action
    fields = ["title", "status", "priority", "owner", "due_on", "progress"]


class MilestoneInline(ReadOnlyInline):
    model = Milestone
    fields = ["title", "due_on", "reached_on"]


class StepCompletionInline(ReadOnlyInline):
    model = StepCompletion
    fields = ["step", "completed_at", "completed_by", "note"]


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "enrolment", "created_at", "updated_at"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation", "enrolment__cohort"]
    inlines = [ActionInline, MilestoneInline, StepCompletionInline]


class StatusChangeInline(ReadOnlyInline):
    model = ActionStatusChange
    fields = ["changed_at", "changed_by", "from_status", "to_status", "comment"]


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ["title", "plan", "status", "priority", "due_on", "progress"]
    list_filter = ["status", "priority"]
    search_fields = ["title", "plan__organisation__name"]
    list_select_related = ["plan__organisation"]
    inlines = [StatusChangeInline]


@admin.register(CoachingSession)
class CoachingSessionAdmin(ReadOnlyAdmin):
    list_display = ["enrolment", "coach", "starts_at", "duration_minutes", "topics"]
    list_select_related = ["enrolment__organisation", "enrolment__cohort", "coach"]
    search_fields = ["enrolment__organisation__name", "topics"]


class InvitationInline(ReadOnlyInline):
    model = IntervisionInvitation
    fields = ["user", "enrolment", "attendance", "invited_at"]


class QuestionInline(ReadOnlyInline):
    # The author is left out: an anonymous question has none, and the others' authors are
    # not needed to read what was asked.
    model = IntervisionQuestion
    fields = ["text", "theme", "created_at", "taken_up_at"]


@admin.register(Intervision)
class IntervisionAdmin(ReadOnlyAdmin):
    list_display = ["title", "cohort", "starts_at", "summary_shared_at"]
    list_filter = ["cohort"]
    inlines = [InvitationInline, QuestionInline]


@admin.register(EvaluationTheme)
class EvaluationThemeAdmin(ReadOnlyAdmin):
    list_display = ["position", "code", "title_fr", "title_en", "is_active"]


class EvaluationAnswerInline(ReadOnlyInline):
    model = EvaluationAnswer
    fields = ["theme", "verdict", "comment"]


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ["cohort", "enrolment", "phase", "submitted_at"]
    list_filter = ["cohort"]
    inlines = [EvaluationAnswerInline]


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdmin):
    list_display = ["kind", "event", "recipient", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["event", "recipient__email"]


@admin.register(PlanReport)
class PlanReportAdmin(ReadOnlyAdmin):
    list_display = ["plan", "language", "status", "created_at", "ready_at"]
    list_filter = ["status"]
