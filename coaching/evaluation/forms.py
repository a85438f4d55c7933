from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import EvaluationTheme, Phase, Verdict
from .services import COMMENT_MAX


class PhaseField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.tr("title")


class PhaseChoiceForm(forms.Form):
    """Which part of the accompaniment is evaluated: the whole cohort, or one phase."""

    phase = PhaseField(
        label=_("What you evaluate"),
        queryset=Phase.objects.all(),
        required=False,
        empty_label=_("The whole programme"),
        error_messages={"invalid_choice": _("This phase does not exist.")},
    )


class ResultsPhaseForm(PhaseChoiceForm):
    """The same chooser on the results' page, where staff read rather than evaluate."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].label = _("Part of the programme")


class EvaluationForm(forms.Form):
    """A verdict and a comment for each theme asked; field names carry the theme's id."""

    def __init__(self, *args, themes: list[EvaluationTheme], **kwargs):
        super().__init__(*args, **kwargs)
        self.themes = themes
        for theme in themes:
            self.fields[f"verdict_{theme.pk}"] = forms.ChoiceField(
                label=theme.tr("title"),
                choices=Verdict.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose a verdict for this theme."),
                    "invalid_choice": _("Choose improve, modify, keep or remove."),
                },
            )
            self.fields[f"comment_{theme.pk}"] = forms.CharField(
                label=_("Comment on “%(theme)s” (optional)") % {"theme": theme.tr("title")},
                required=False,
                max_length=COMMENT_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        """(theme, verdict field, comment field) in the themes' order, for the template."""
        return [
            (theme, self[f"verdict_{theme.pk}"], self[f"comment_{theme.pk}"])
            for theme in self.themes
        ]

    def answers(self) -> dict[int, dict]:
        return {
            theme.pk: {
                "verdict": self.cleaned_data[f"verdict_{theme.pk}"],
                "comment": self.cleaned_data[f"comment_{theme.pk}"],
            }
            for theme in self.themes
        }


class ThemeForm(forms.ModelForm):
    class Meta:
        model = EvaluationTheme
        fields = ["title_fr", "title_en"]


class ThemeUpdateForm(forms.ModelForm):
    class Meta:
        model = EvaluationTheme
        fields = ["title_fr", "title_en", "is_active"]
