"""The pipeline's filters (a django-filter FilterSet, validated as a form: a wrong value
selects nothing and is told) and the de minimis register's year."""

import django_filters
from django import forms
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from digitalees.db import Unaccent, fold
from digitalees.filters import StyledFilterSet
from network.models import Organisation

from ..models import Application, Call, Status
from .selectors import OVERDUE, STATUS_ORDER

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Enter a date such as 2026-03-31.")}


class PipelineForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("submitted_from"), cleaned.get("submitted_until")
        if start and end and start > end:
            self.add_error("submitted_until", _("The end date must be on or after the start date."))
        return cleaned


def _status_rank():
    return Case(
        *(When(status=status, then=Value(rank)) for rank, status in enumerate(STATUS_ORDER)),
        default=Value(len(STATUS_ORDER)),
        output_field=IntegerField(),
    )


class PipelineFilter(StyledFilterSet):
    """Every application but drafts, unless the status filter asks for them."""

    SORTS = [
        ("submitted", _("Submitted, oldest first")),
        ("-submitted", _("Submitted, newest first")),
        ("-amount", _("Amount requested, highest first")),
        ("amount", _("Amount requested, lowest first")),
        ("status", _("Status, in the order of the workflow")),
    ]

    call = django_filters.ModelChoiceFilter(
        label=_("Call"),
        queryset=Call.objects.all(),
        empty_label=_("All calls"),
        error_messages={"invalid_choice": _("Choose a call from the list.")},
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=Status.choices,
        help_text=_("None chosen: every status but drafts."),
        error_messages={"invalid_choice": _("Choose statuses from the list.")},
    )
    search = django_filters.CharFilter(
        label=_("Organisation or reference"),
        method="filter_search",
        max_length=200,
        help_text=_("Accents and capitals do not matter."),
        error_messages={"max_length": _("Search with at most 200 characters.")},
    )
    province = django_filters.ChoiceFilter(
        label=_("Province"),
        field_name="organisation__province",
        choices=Organisation.Province.choices,
        empty_label=_("All provinces"),
        error_messages={"invalid_choice": _("Choose a province from the list.")},
    )
    overdue = django_filters.BooleanFilter(
        label=_("Screening overdue only"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )
    submitted_from = django_filters.DateFilter(
        label=_("Submitted on or after"),
        field_name="submitted_at",
        lookup_expr="date__gte",
        widget=DATE_INPUT,
        error_messages=DATE_ERRORS,
    )
    submitted_until = django_filters.DateFilter(
        label=_("Submitted on or before"),
        field_name="submitted_at",
        lookup_expr="date__lte",
        widget=DATE_INPUT,
        error_messages=DATE_ERRORS,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORTS,
        empty_label=None,
        method="filter_sort",
        error_messages={"invalid_choice": _("Choose an order from the list.")},
    )

    class Meta:
        model = Application
        fields: list[str] = []
        form = PipelineForm

    @property
    def qs(self):
        queryset = super().qs
        statuses = self.form.cleaned_data.get("status") if self.is_bound else None
        if not statuses:
            queryset = queryset.exclude(status=Status.DRAFT)
        if not (self.is_bound and self.form.cleaned_data.get("sort")):
            queryset = self.filter_sort(queryset, "sort", "submitted")
        return queryset

    # Bootstrap's classes on the widgets themselves: the page lays the fields out by hand,
    # not through crispy, whose rendering of these eight fields cost a third of the page's
    # time (profiled, 5,000 applications), as coaching's list of actions found.
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_widgets()
        self.form.fields["status"].widget.attrs["size"] = 6

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.annotate(_name=Unaccent(F("organisation__name"))).filter(
            Q(_name__icontains=fold(value)) | Q(reference__icontains=value)
        )

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(OVERDUE) if value else queryset

    def filter_sort(self, queryset, name, value):
        submitted = F("submitted_at")
        order = {
            "submitted": [submitted.asc(nulls_last=True), "pk"],
            "-submitted": [submitted.desc(nulls_last=True), "-pk"],
            "amount": ["requested_amount", "pk"],
            "-amount": ["-requested_amount", "pk"],
            "status": [_status_rank(), submitted.asc(nulls_last=True), "pk"],
        }[value or "submitted"]
        return queryset.order_by(*order)


class RegisterForm(forms.Form):
    """The register's year (of the decision); none: every year."""

    year = forms.TypedChoiceField(
        label=_("Year granted"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Choose a year from the list.")},
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Every year")), *((y, str(y)) for y in years)]
