"""Validation of what a trainee's browser sends to the progress endpoints."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class StrictForm(forms.Form):
    """A form that rejects fields it does not know, so a tampered request (one naming another
    user, say) is refused instead of being half-read."""

    def __init__(self, data=None, *args, **kwargs):
        self.unknown_fields = sorted(set(data or {}) - set(self.base_fields) - {"csrfmiddlewaretoken", "next"})
        super().__init__(data, *args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.unknown_fields:
            raise forms.ValidationError(
                _("Unexpected fields: %(fields)s."), params={"fields": ", ".join(self.unknown_fields)}, code="unknown"
            )
        return cleaned


class VideoProgressForm(StrictForm):
    position = forms.FloatField(
        min_value=0,
        max_value=settings.TRAINING_MAX_VIDEO_SECONDS,
        error_messages={
            "required": _("Send the video position in seconds."),
            "min_value": _("The video position cannot be negative."),
            "max_value": _("The video position is longer than any lesson video can be."),
        },
    )
    duration = forms.FloatField(
        min_value=0,
        max_value=settings.TRAINING_MAX_VIDEO_SECONDS,
        error_messages={
            "required": _("Send the video length in seconds."),
            "min_value": _("The video length cannot be negative."),
            "max_value": _("The video length is longer than any lesson video can be."),
        },
    )

    def clean(self):
        cleaned = super().clean()
        position, duration = cleaned.get("position"), cleaned.get("duration")
        if position is not None and duration and position > duration + 1:
            raise forms.ValidationError(_("The video position is past the end of the video."))
        return cleaned


class CompleteForm(StrictForm):
    pass


class ReflectionForm(StrictForm):
    answer = forms.CharField(
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("Please keep your reflection under 10,000 characters.")},
    )
