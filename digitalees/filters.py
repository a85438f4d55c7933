"""A django-filter FilterSet whose form a page lays out by hand (not through crispy, which
cost a list page much of its time): Bootstrap's classes on the widgets themselves, and a
field in error marked for assistive technology (aria-invalid, described by its message)."""

import django_filters


class StyledFilterSet(django_filters.FilterSet):
    WIDGET_CLASSES = {
        "checkbox": "form-check-input",
        "select": "form-select",
        "selectmultiple": "form-select",
    }

    def style_widgets(self) -> None:
        """Call once the subclass has set its fields' choices (it builds the form)."""
        for bound in self.form:
            attrs = bound.field.widget.attrs
            attrs["class"] = self.WIDGET_CLASSES.get(bound.widget_type, "form-control")
            if bound.help_text:
                attrs["aria-describedby"] = f"id_{bound.name}_helptext"

    def is_valid(self):
        valid = super().is_valid()
        for name in self.form.errors:
            if name in self.form.fields:
                attrs = self.form.fields[name].widget.attrs
                attrs["class"] += " is-invalid"
                attrs["aria-invalid"] = "true"
                described = attrs.get("aria-describedby", "")
                attrs["aria-describedby"] = f"id_{name}-error {described}".strip()
        return valid
