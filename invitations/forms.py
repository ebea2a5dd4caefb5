from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from organisations.models import Membership
from training.forms import StrictForm


class InviteForm(StrictForm):
    email = forms.EmailField(label=_("Email address"), error_messages={"invalid": _("Enter a valid email address.")})
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.TRAINEE)
    first_name = forms.CharField(label=_("First name (optional)"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name (optional)"), max_length=150, required=False)


class CsvUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: email, role, first_name, last_name. Only email is required; role is trainee or manager."),
        error_messages={"required": _("Choose a CSV file to upload.")},
    )


class PasswordFields(forms.Form):
    """A new password, typed twice and checked against the site's password rules."""

    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        # One plain sentence: the validators' own help is an HTML list, which cannot sit inside
        # the form's help paragraph. The rules themselves are checked in clean().
        help_text=_("At least 8 characters, not only numbers, not a common password, and not close to your name."),
    )
    password2 = forms.CharField(
        label=_("Type it again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class AcceptForm(PasswordFields):
    first_name = forms.CharField(label=_("What should we call you?"), max_length=150, required=False)
    field_order = ["first_name", "password1", "password2"]


class JoinForm(PasswordFields):
    email = forms.EmailField(label=_("Email address"), error_messages={"invalid": _("Enter a valid email address.")})
    first_name = forms.CharField(label=_("What should we call you?"), max_length=150, required=False)
    field_order = ["email", "first_name", "password1", "password2"]
