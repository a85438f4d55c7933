"""The diagnostic's data in the admin, to answer a data request (what was answered, by whom,
what it scored). Nothing here changes: submitted answers and scores are records, results and
reports are computed from them by the services, and a published questionnaire never changes
(a new version gets new rows)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    Answer,
    Assessment,
    Campaign,
    Choice,
    Dimension,
    DimensionScore,
    Question,
    Questionnaire,
    Report,
    Result,
    ResultScore,
)


class ReadOnly:
    """View only: the admin may read these rows, never add, change or delete one."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    pass


class ReadOnlyInline(ReadOnly, admin.TabularInline):
    extra = 0
    show_change_link = False


class DimensionInline(ReadOnlyInline):
    model = Dimension
    fields = ["position", "code", "title_fr", "title_en", "dma"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(ReadOnlyAdmin):
    list_display = ["version", "title_fr", "published_at"]
    inlines = [DimensionInline]


class ChoiceInline(ReadOnlyInline):
    model = Choice
    fields = ["position", "code", "label_fr", "label_en", "value", "exclusive"]


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ["code", "dimension", "type", "questionnaire"]
    list_filter = ["questionnaire", "type"]
    list_select_related = ["dimension", "questionnaire"]
    search_fields = ["code", "text_fr", "text_en"]
    inlines = [ChoiceInline]


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "created_at", "closed_at"]
    list_select_related = ["organisation"]
    search_fields = ["organisation__name"]
    date_hierarchy = "created_at"


class AnswerInline(ReadOnlyInline):
    model = Answer
    fields = ["question", "chosen", "updated_at"]
    readonly_fields = ["chosen", "updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("question").prefetch_related("choices")

    @admin.display(description=_("choices"))
    def chosen(self, answer):
        return ", ".join(choice.code for choice in answer.choices.all())


class DimensionScoreInline(ReadOnlyInline):
    model = DimensionScore
    fields = ["dimension", "score"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("dimension")


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["pk", "status", "organisation", "respondent", "submitted_at", "overall_score"]
    list_filter = ["status", "questionnaire"]
    list_select_related = ["organisation", "respondent", "questionnaire"]
    # A data request names a person: their account or the address they left.
    search_fields = ["=uuid", "respondent__email", "respondent_email", "organisation__name"]
    date_hierarchy = "created_at"
    exclude = ["visitor_key"]  # a secret: whoever holds it may open the results
    inlines = [DimensionScoreInline, AnswerInline]


class ResultScoreInline(ReadOnlyInline):
    model = ResultScore
    fields = ["dimension_code", "score", "spread"]


@admin.register(Result)
class ResultAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "created_at", "respondents", "overall_score", "is_latest"]
    list_filter = ["is_latest"]
    list_select_related = ["organisation"]
    search_fields = ["organisation__name"]
    date_hierarchy = "created_at"
    inlines = [ResultScoreInline]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["pk", "language", "status", "created_at", "ready_at"]
    list_filter = ["status", "language"]
    exclude = ["claim_token", "file"]  # the file is served only by the checked download view
