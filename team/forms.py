"""The manager's assign form. Choices are limited to what the viewer may reach."""

from django import forms
from django.utils.translation import gettext_lazy as _

from training.forms import StrictForm


class AssignForm(StrictForm):
    people = forms.MultipleChoiceField(
        label=_("People"), required=False, widget=forms.CheckboxSelectMultiple, help_text=_("Choose one or more.")
    )
    cohort = forms.ChoiceField(label=_("Or a cohort"), required=False)
    whole_organisation = forms.BooleanField(label=_("Or everyone in the organisation"), required=False)
    courses = forms.MultipleChoiceField(
        label=_("Courses"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one course.")},
    )
    due_on = forms.DateField(
        label=_("Suggested date to finish by (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("A guide only: nobody is locked out after it."),
        error_messages={"invalid": _("Enter a date like 2026-03-31.")},
    )

    def __init__(self, data=None, *, people, cohorts, courses, organisation_name: str):
        super().__init__(data)
        self.fields["people"].choices = [(str(m.user_id), _label(m)) for m in people]
        self.fields["cohort"].choices = [("", _("No cohort"))] + [(str(c.pk), c.name) for c in cohorts]
        self.fields["courses"].choices = [(str(c.pk), c.title) for c in courses]
        self.fields["whole_organisation"].label = _("Or everyone in %(name)s") % {"name": organisation_name}

    def clean(self):
        cleaned = super().clean()
        chosen = sum(bool(x) for x in (cleaned.get("people"), cleaned.get("cohort"), cleaned.get("whole_organisation")))
        if chosen != 1:
            raise forms.ValidationError(
                _("Choose who the courses are for: some people, one cohort, or the whole organisation.")
            )
        return cleaned


def _label(membership) -> str:
    user = membership.user
    name = user.get_full_name() or user.email
    return f"{name} ({user.email})" if name != user.email else name
