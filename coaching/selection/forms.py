"""Selection's forms: applying, scoring, deciding."""

from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import Organisation

from ..models import SCORE_MAX, Application, Criterion
from ..rules import organisations_to_apply_for


class ApplicationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Enterprise"),
        queryset=Organisation.objects.none(),
        error_messages={"invalid_choice": _("Choose one of the organisations you are admin of.")},
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=Application._meta.get_field("motivation").help_text,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations = organisations_to_apply_for(user)
        only = list(organisations[:2])
        if len(only) == 1:  # most admins have one organisation: chosen for them
            self.fields["organisation"].initial = only[0].pk


class ScoreForm(forms.Form):
    """One field per criterion, 0 to 5, prefixed by the application (one form per row)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in Criterion:
            self.fields[criterion.value] = forms.IntegerField(
                label=criterion.label,
                min_value=0,
                max_value=SCORE_MAX,
                error_messages={
                    "min_value": _("Score from 0 to 5."),
                    "max_value": _("Score from 0 to 5."),
                    "required": _("Score each criterion."),
                    "invalid": _("Score from 0 to 5."),
                },
            )


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Application.Status.SELECTED, _("Select")),
            (Application.Status.NOT_SELECTED, _("Do not select")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reasons for the decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the application: the programme evaluates its selection too."),
    )
    share_reason = forms.BooleanField(
        label=_("Share these reasons with the applicant in the decision e-mail"),
        required=False,
    )
