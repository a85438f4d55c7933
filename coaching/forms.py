"""Forms of the plan, its actions, milestones and steps. They validate input; the services
decide (dates, owners, versions are checked again there)."""

from dataclasses import replace

import django_filters
from django import forms
from django.db.models import Case, F, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digitalees.filters import StyledFilterSet

from .models import Action, Milestone, Plan, StepCompletion

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Enter a date such as 2026-03-31.")}


def _date_field(label, *, required=False, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE_INPUT,
        help_text=help_text,
        error_messages=DATE_ERRORS,
    )


class VersionField(forms.IntegerField):
    """The version of the object the form was read at (optimistic concurrency)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("The form is incomplete: reload the page and try again."),
                "invalid": _("The form is incomplete: reload the page and try again."),
            },
        )
        super().__init__(min_value=1, **kwargs)


class PlanFieldsForm(forms.Form):
    vision = forms.CharField(
        label=_("Vision"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=Plan._meta.get_field("vision").help_text,
    )
    objectives = forms.CharField(
        label=_("Objectives"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=Plan._meta.get_field("objectives").help_text,
    )


class PlanCreateForm(PlanFieldsForm):
    """The new plan's vision and objectives, and which proposed first actions to keep (each
    with a title the user may change). The proposals come from the starting diagnostic,
    computed again on the server: only their dimension codes and titles are posted."""

    def __init__(self, *args, proposals=(), dimensions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposals = list(proposals)
        dimensions = dimensions or {}
        for proposal in self.proposals:
            dimension = dimensions.get(proposal.dimension_code, proposal.dimension_code)
            self.fields[f"keep_{proposal.dimension_code}"] = forms.BooleanField(
                label=_("Add this action"), required=False, initial=True
            )
            self.fields[f"title_{proposal.dimension_code}"] = forms.CharField(
                label=_("Title of the action for “%(dimension)s”") % {"dimension": dimension},
                max_length=Action._meta.get_field("title").max_length,
                initial=proposal.title,
                required=False,
            )

    def proposal_rows(self):
        """(proposal, its keep field, its title field), for the template."""
        return [
            (p, self[f"keep_{p.dimension_code}"], self[f"title_{p.dimension_code}"])
            for p in self.proposals
        ]

    def clean(self):
        cleaned = super().clean()
        for proposal in self.proposals:
            code = proposal.dimension_code
            if cleaned.get(f"keep_{code}") and not (cleaned.get(f"title_{code}") or "").strip():
                self.add_error(f"title_{code}", _("Give the action a title, or untick it."))
        return cleaned

    def kept_proposals(self):
        return [
            replace(p, title=self.cleaned_data[f"title_{p.dimension_code}"].strip())
            for p in self.proposals
            if self.cleaned_data.get(f"keep_{p.dimension_code}")
        ]


class PlanEditForm(PlanFieldsForm):
    version = VersionField()


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    dimension_code = forms.ChoiceField(
        label=_("Diagnostic dimension"),
        required=False,
        help_text=Action._meta.get_field("dimension_code").help_text,
        error_messages={"invalid_choice": _("Choose a dimension from the list.")},
    )
    priority = forms.ChoiceField(
        label=_("Priority"),
        choices=Action.Priority.choices,
        initial=Action.Priority.MEDIUM,
        error_messages={"invalid_choice": _("Choose a priority from the list.")},
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=None,
        required=False,
        empty_label=_("Nobody yet"),
        help_text=_("A member of the enterprise or one of its coaches."),
        error_messages={
            "invalid_choice": _("The owner is a member of the enterprise or one of its coaches.")
        },
    )
    starts_on = _date_field(_("Start date"))
    due_on = _date_field(_("Due date"))
    estimated_budget = forms.DecimalField(
        label=_("Estimated budget (€)"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        error_messages={"min_value": _("A budget cannot be negative.")},
    )
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        initial=0,
        error_messages={
            "min_value": _("Progress is a percentage, from 0 to 100."),
            "max_value": _("Progress is a percentage, from 0 to 100."),
        },
    )

    def __init__(self, *args, people, dimensions: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["owner"].label_from_instance = lambda user: user.display_name
        self.fields["dimension_code"].choices = [("", _("None")), *dimensions.items()]

    def clean(self):
        cleaned = super().clean()
        starts_on, due_on = cleaned.get("starts_on"), cleaned.get("due_on")
        if starts_on and due_on and due_on < starts_on:
            self.add_error("due_on", _("The due date cannot be before the start date."))
        return cleaned


class ActionEditForm(ActionForm):
    version = VersionField()


class ActionStatusForm(forms.Form):
    """Moving an action (the board's card, the action's page)."""

    BACK = [("board", "board"), ("detail", "detail"), ("list", "list")]

    status = forms.ChoiceField(
        label=_("Status"),
        choices=Action.Status.choices,
        error_messages={"invalid_choice": _("Choose a status from the list.")},
    )
    version = VersionField()
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, max_length=2000, strip=True
    )
    back = forms.ChoiceField(choices=BACK, required=False, widget=forms.HiddenInput)


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on"]
        widgets = {"due_on": DATE_INPUT}
        error_messages = {"due_on": DATE_ERRORS}


class MilestoneReachForm(forms.Form):
    reached = forms.BooleanField(required=False)


class StepCompleteForm(forms.ModelForm):
    note = forms.CharField(
        label=StepCompletion._meta.get_field("note").verbose_name,
        required=False,
        max_length=2000,
    )

    class Meta:
        model = StepCompletion
        fields = ["note"]


# --- The action list's filters -------------------------------------------------------

PRIORITY_RANK = Case(
    When(priority=Action.Priority.HIGH, then=Value(0)),
    When(priority=Action.Priority.MEDIUM, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


class ActionFilter(StyledFilterSet):
    """The plan's actions, filtered and sorted (a validated form: a wrong value selects
    nothing and is told)."""

    SORTS = [
        ("due", _("Due date, soonest first")),
        ("-due", _("Due date, latest first")),
        ("priority", _("Priority, highest first")),
        ("-priority", _("Priority, lowest first")),
    ]

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Action.Status.choices,
        empty_label=_("All statuses"),
        error_messages={"invalid_choice": _("Choose a status from the list.")},
    )
    priority = django_filters.ChoiceFilter(
        label=_("Priority"),
        choices=Action.Priority.choices,
        empty_label=_("All priorities"),
        error_messages={"invalid_choice": _("Choose a priority from the list.")},
    )
    dimension = django_filters.ChoiceFilter(
        label=_("Dimension"),
        field_name="dimension_code",
        empty_label=_("All dimensions"),
        error_messages={"invalid_choice": _("Choose a dimension from the list.")},
    )
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"),
        queryset=None,
        empty_label=_("Everyone"),
        error_messages={"invalid_choice": _("Choose an owner from the list.")},
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue only"), method="filter_overdue", widget=forms.CheckboxInput
    )
    due_before = django_filters.DateFilter(
        label=_("Due before"),
        field_name="due_on",
        lookup_expr="lt",
        widget=DATE_INPUT,
        error_messages=DATE_ERRORS,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORTS,
        empty_label=_("Board order"),
        method="filter_sort",
        error_messages={"invalid_choice": _("Choose an order from the list.")},
    )

    class Meta:
        model = Action
        fields = []

    def __init__(self, *args, people, dimensions: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["owner"].queryset = people
        self.filters["dimension"].extra["choices"] = list(dimensions.items())
        owner = self.form.fields["owner"]
        owner.queryset = people
        owner.label_from_instance = lambda user: user.display_name
        self.style_widgets()

    def filter_overdue(self, queryset, name, value):
        if value:
            return queryset.overdue(timezone.localdate())
        return queryset

    def filter_sort(self, queryset, name, value):
        if value in ("due", "-due"):
            due = F("due_on")
            order = due.desc(nulls_last=True) if value == "-due" else due.asc(nulls_last=True)
            return queryset.order_by(order, "pk")
        if value in ("priority", "-priority"):
            queryset = queryset.annotate(priority_rank=PRIORITY_RANK)
            rank = "-priority_rank" if value == "-priority" else "priority_rank"
            return queryset.order_by(rank, "due_on", "pk")
        return queryset
