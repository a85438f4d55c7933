"""Grants' data in the admin, for agency superusers: to find an application and read all of
it (its budget, documents, timeline, reviews, payments, report), and to keep the reference
lists (cost categories, document types).

It is no way around the services: an application's status moves only through
grants.workflow, its amounts through the budget, decision and payment services, its
timeline is a record. So applications and everything that hangs on them are read-only
here; a call's texts and dates may be corrected, through `services.call_update` (which
checks them), its money and publication stay with the calls' pages."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from diagnostic.admin import ReadOnlyAdmin, ReadOnlyInline

from . import services
from .models import (
    Application,
    Attachment,
    BudgetLine,
    Call,
    CostCategory,
    Criterion,
    DecisionLetter,
    DeMinimisAid,
    DocumentType,
    Expense,
    FinalReport,
    Payment,
    Review,
    ReviewerAssignment,
    ReviewScore,
    StatusChange,
)

# --- reference lists --------------------------------------------------------------------


@admin.register(CostCategory)
class CostCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_en", "position"]
    list_editable = ["position"]
    search_fields = ["code", "name_fr", "name_en"]

    def has_delete_permission(self, request, obj=None):
        return False  # budget lines and expenses point at it


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_en", "position"]
    list_editable = ["position"]
    search_fields = ["code", "name_fr", "name_en"]

    def has_delete_permission(self, request, obj=None):
        return False  # attachments point at it


# --- calls ------------------------------------------------------------------------------


class CriterionInline(ReadOnlyInline):
    model = Criterion
    fields = ["position", "title_fr", "title_en", "weight"]


# What the admin may correct on a call: its words and dates, and the days to screen.
CALL_EDITABLE = [
    "title_fr",
    "title_en",
    "summary_fr",
    "summary_en",
    "eligibility_fr",
    "eligibility_en",
    "opens_at",
    "deadline",
    "screening_days",
]


class CallAdminForm(forms.ModelForm):
    class Meta:
        model = Call
        fields = CALL_EDITABLE

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        try:
            services.call_check(
                opens_at=cleaned.get("opens_at", instance.opens_at),
                deadline=cleaned.get("deadline", instance.deadline),
                envelope=instance.envelope,
                max_grant=instance.max_grant,
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        return cleaned


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    form = CallAdminForm
    list_display = ["__str__", "opens_at", "deadline", "envelope", "max_grant", "published_at"]
    list_filter = ["published_at", "deadline"]
    search_fields = ["slug", "title_fr", "title_en"]
    date_hierarchy = "deadline"
    inlines = [CriterionInline]
    readonly_fields = [
        "slug",
        "envelope",
        "max_grant",
        "cofinancing_rate",
        "advance_rate",
        "categories_list",
        "documents_list",
        "published_at",
        "created_by",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["slug", *CALL_EDITABLE]}),
        (
            _("Money and rules (set on the calls' pages)"),
            {
                "fields": [
                    "envelope",
                    "max_grant",
                    "cofinancing_rate",
                    "advance_rate",
                    "categories_list",
                    "documents_list",
                    "published_at",
                    "created_by",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("categories", "required_documents")

    @admin.display(description=_("eligible cost categories"))
    def categories_list(self, call):
        return ", ".join(str(category) for category in call.categories.all())

    @admin.display(description=_("documents required"))
    def documents_list(self, call):
        return ", ".join(str(document) for document in call.required_documents.all()) or "—"

    def has_add_permission(self, request):
        return False  # calls are made on the calls' pages, through call_create

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # Through the service, which checks the dates again on the locked row.
        services.call_update(obj, **{name: form.cleaned_data[name] for name in form.changed_data})


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "call", "weight", "position"]
    list_filter = ["call"]
    list_select_related = ["call"]


# --- applications, read-only ------------------------------------------------------------


class BudgetLineInline(ReadOnlyInline):
    model = BudgetLine
    fields = [
        "category",
        "description",
        "supplier",
        "amount_excl_vat",
        "vat",
        "vat_recoverable",
        "action",
    ]


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    # The file itself is served by grants' download view, which checks who asks.
    fields = ["document_type", "original_name", "content_type", "size", "uploaded_at"]


class DeMinimisAidInline(ReadOnlyInline):
    model = DeMinimisAid
    fields = ["granting_body", "description", "granted_on", "amount"]


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange
    fields = ["at", "from_status", "to_status", "by", "comment", "internal_comment"]


class ReviewerAssignmentInline(ReadOnlyInline):
    model = ReviewerAssignment
    fields = ["reviewer", "declaration", "declared_at", "assigned_by", "assigned_at"]


class PaymentInline(ReadOnlyInline):
    model = Payment
    fields = ["kind", "amount", "paid_on", "reference", "recorded_by", "recorded_at"]


class DecisionLetterInline(ReadOnlyInline):
    model = DecisionLetter
    fields = ["decision", "language", "status", "ready_at", "mailed_at", "attempts"]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = [
        "reference",
        "organisation",
        "call",
        "status",
        "requested_amount",
        "approved_amount",
        "submitted_at",
        "decided_at",
    ]
    list_filter = ["status", "call", "organisation__province"]
    search_fields = [
        "reference",
        "title",
        "organisation__name",
        "organisation__enterprise_number",
    ]
    list_select_related = ["organisation", "call"]
    date_hierarchy = "submitted_at"
    exclude = ["actions"]
    inlines = [
        BudgetLineInline,
        AttachmentInline,
        DeMinimisAidInline,
        StatusChangeInline,
        ReviewerAssignmentInline,
        DecisionLetterInline,
        PaymentInline,
    ]


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdmin):
    list_display = ["application", "from_status", "to_status", "by", "at"]
    list_filter = ["to_status"]
    search_fields = ["application__reference", "comment"]
    list_select_related = ["application", "by"]


@admin.register(BudgetLine)
class BudgetLineAdmin(ReadOnlyAdmin):
    list_display = ["description", "application", "category", "amount_excl_vat", "vat"]
    list_filter = ["category"]
    search_fields = ["application__reference", "description", "supplier"]
    list_select_related = ["application", "category"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "application", "document_type", "size", "uploaded_at"]
    list_filter = ["document_type"]
    search_fields = ["application__reference", "original_name"]
    list_select_related = ["application", "document_type"]
    exclude = ["file"]


@admin.register(DeMinimisAid)
class DeMinimisAidAdmin(ReadOnlyAdmin):
    list_display = ["granting_body", "application", "granted_on", "amount"]
    search_fields = ["application__reference", "granting_body"]
    list_select_related = ["application"]


class ReviewScoreInline(ReadOnlyInline):
    model = ReviewScore
    fields = ["criterion", "score"]


@admin.register(ReviewScore)
class ReviewScoreAdmin(ReadOnlyAdmin):
    list_display = ["review", "criterion", "score"]
    list_select_related = ["review__assignment__reviewer", "criterion"]


@admin.register(ReviewerAssignment)
class ReviewerAssignmentAdmin(ReadOnlyAdmin):
    list_display = ["application", "reviewer", "declaration", "assigned_at"]
    list_filter = ["declaration"]
    search_fields = ["application__reference", "reviewer__email"]
    list_select_related = ["application", "reviewer"]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["assignment", "recommendation", "weighted_score", "submitted_at"]
    list_filter = ["recommendation", "comment_shared"]
    search_fields = ["assignment__application__reference"]
    list_select_related = ["assignment__application", "assignment__reviewer"]
    inlines = [ReviewScoreInline]


@admin.register(DecisionLetter)
class DecisionLetterAdmin(ReadOnlyAdmin):
    list_display = ["application", "decision", "language", "status", "created_at", "mailed_at"]
    list_filter = ["status", "decision", "language"]
    search_fields = ["application__reference"]
    list_select_related = ["application"]
    exclude = ["file", "claim_token"]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["application", "kind", "amount", "paid_on", "reference"]
    list_filter = ["kind"]
    search_fields = ["application__reference", "reference"]
    list_select_related = ["application"]
    date_hierarchy = "paid_on"


class ExpenseInline(ReadOnlyInline):
    model = Expense
    fields = [
        "category",
        "description",
        "supplier",
        "invoice_number",
        "invoice_date",
        "amount_excl_vat",
        "vat",
        "check_status",
    ]


@admin.register(FinalReport)
class FinalReportAdmin(ReadOnlyAdmin):
    list_display = ["application", "submitted_at", "updated_at"]
    search_fields = ["application__reference"]
    list_select_related = ["application"]
    exclude = ["completed_actions"]
    inlines = [ExpenseInline]


@admin.register(Expense)
class ExpenseAdmin(ReadOnlyAdmin):
    list_display = ["supplier", "invoice_number", "report", "amount_excl_vat", "check_status"]
    list_filter = ["check_status", "category"]
    search_fields = ["report__application__reference", "supplier", "invoice_number"]
    list_select_related = ["report__application", "category"]
    exclude = ["invoice", "proof_of_payment"]
