from django import forms
from django.utils.translation import gettext_lazy as _

from training.forms import StrictForm


class PreferenceForm(StrictForm):
    due_date_reminders = forms.BooleanField(
        label=_("Email me a gentle reminder before a suggested date, and once after it"),
        required=False,
        help_text=_("Suggested dates are a guide only. Every course stays open to you whatever you choose."),
    )
    team_digest = forms.BooleanField(
        label=_("Send me a weekly summary of my team's training"),
        required=False,
        help_text=_("Who finished something, what is coming up, and what is past its suggested date."),
    )

    def __init__(self, data=None, *, offers_digest: bool, **kwargs):
        super().__init__(data, **kwargs)
        if not offers_digest:
            del self.fields["team_digest"]
            # A field this person is not offered is as unknown as any other.
            if data and "team_digest" in data:
                self.unknown_fields = sorted({*self.unknown_fields, "team_digest"})
