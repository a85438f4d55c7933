from django.contrib import admin

from .models import CoachAssignment, Invitation, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class CoachAssignmentInline(admin.TabularInline):
    model = CoachAssignment
    fk_name = "organisation"
    extra = 0
    autocomplete_fields = ["coach"]
    exclude = ["assigned_by"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "enterprise_number", "legal_form", "sector", "province", "is_public"]
    list_filter = ["province", "legal_form", "sector", "size_band", "is_public"]
    search_fields = ["name", "enterprise_number"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, CoachAssignmentInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    raw_id_fields = ["organisation", "invited_by", "accepted_by"]
