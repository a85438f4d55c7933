"""The agency's forms on cohorts, coach assignments and the methodology: they validate
input; the services decide."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from network.forms import CoachChoiceField
from network.models import Topic
from network.selectors import coaches

from ..models import Cohort, Phase, Step
from .selectors import dimension_topics
from .services import NEXT_STATUS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = [
            "name",
            "description_fr",
            "description_en",
            "call_opens_on",
            "call_closes_on",
            "starts_on",
            "ends_on",
            "capacity",
            "hours_per_enterprise",
        ]
        widgets = {
            "description_fr": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "call_opens_on": DATE,
            "call_closes_on": DATE,
            "starts_on": DATE,
            "ends_on": DATE,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What the database's constraints refuse, said by the form (a cohort has places).
        for name, least in (("capacity", 1), ("hours_per_enterprise", 0)):
            self.fields[name].validators.append(MinValueValidator(least))
            self.fields[name].widget.attrs["min"] = least

    def _post_clean(self):
        # The dates are checked as a whole by the service (cohort_check_dates), which the
        # view calls; the model's own validation would repeat it less clearly.
        pass


class AdvanceForm(forms.Form):
    status = forms.ChoiceField(choices=[(s.value, s.label) for s in NEXT_STATUS.values()])


class AreasField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return obj.tr("name")


class CoachAssignForm(forms.Form):
    coach = CoachChoiceField(label=_("Coach"), queryset=get_user_model().objects.none())
    areas = AreasField(
        label=_("Areas of expertise"),
        queryset=Topic.objects.none(),
        required=False,
        help_text=_("What this coach brings to this enterprise."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches()
        self.fields["areas"].queryset = dimension_topics()


class AreasForm(forms.Form):
    areas = AreasField(label=_("Areas of expertise"), queryset=Topic.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = dimension_topics()


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["title_fr", "title_en", "description_fr", "description_en"]
        widgets = {
            "description_fr": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }


class StepForm(forms.ModelForm):
    class Meta:
        model = Step
        fields = ["title_fr", "title_en", "deliverable_fr", "deliverable_en"]


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])
