"""Forms of the review: they check the input's shape; the services decide."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ..models import Criterion, Review

SCORE_RANGE = lazy(
    lambda: gettext("Score this criterion from 0 to %(max)s.") % {"max": Criterion.MAX_SCORE},
    str,
)()


class ReviewerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} <{obj.email}>" if obj.get_full_name() else obj.email


class AssignForm(forms.Form):
    reviewer = ReviewerChoice(
        label=pgettext_lazy("grant review", "Reviewer"),
        queryset=None,
        empty_label=_("Choose a reviewer or a member of staff"),
        error_messages={
            "required": _("Choose the reviewer to assign."),
            "invalid_choice": _("Choose a reviewer or a member of agency staff."),
        },
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = queryset


class DeclarationForm(forms.Form):
    NONE, CONFLICT = "none", "conflict"

    declaration = forms.ChoiceField(
        label=_("Your declaration"),
        widget=forms.RadioSelect,
        choices=[
            (NONE, _("I have no conflict of interest with this organisation or this project")),
            (CONFLICT, _("I have a conflict of interest")),
        ],
        error_messages={"required": _("Choose one of the two declarations.")},
    )
    details = forms.CharField(
        label=_("The conflict of interest"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("If you have a conflict: what links you to the organisation or the project."),
    )

    @property
    def conflict(self) -> bool:
        return self.cleaned_data.get("declaration") == self.CONFLICT


class ReviewForm(forms.Form):
    """A score 0–5 per criterion of the call (`criterion_<pk>`), the recommendation, the
    comment and whether it is shared with the applicant."""

    recommendation = forms.ChoiceField(
        label=_("Your recommendation"),
        widget=forms.RadioSelect,
        choices=Review.Recommendation.choices,
        required=False,
    )
    comment = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=10000,
        help_text=_("What led to your recommendation: strengths, weaknesses, conditions."),
    )
    comment_shared = forms.BooleanField(
        label=_("Share my comment with the applicant"),
        required=False,
        help_text=_(
            "Shared, the applicant reads it without your name or your scores; otherwise only "
            "agency staff read it."
        ),
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        scores = {}
        for criterion in self.criteria:
            name = f"criterion_{criterion.pk}"
            description = criterion.tr("description")
            weight = gettext("Weight: %(weight)s") % {"weight": criterion.weight}
            scores[name] = forms.TypedChoiceField(
                label=str(criterion),
                choices=[(n, str(n)) for n in range(Criterion.MAX_SCORE + 1)],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "score"}),
                help_text=f"{description} ({weight})" if description else weight,
                error_messages={"invalid_choice": SCORE_RANGE},
            )
        # Scores first, in the call's order.
        self.fields = {**scores, **self.fields}

    def scores(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(f"criterion_{c.pk}") for c in self.criteria}

    def score_fields(self):
        return [self[f"criterion_{c.pk}"] for c in self.criteria]
