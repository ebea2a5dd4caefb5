"""Certificates in the Wagtail admin: trainers and administrators list, inspect and revoke them.

Nobody adds, edits or deletes a certificate by hand (the permission policy refuses it even to
administrators): certificates are issued by completing a course, and a revoked one keeps its
row so that its code still answers "revoked". The edit view of the viewset is the revoke form.
"""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Certificate
from .services import CertificateError, certificate_revoke


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """ "change" means revoke; nobody may add or delete certificates."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in {"add", "delete"}]
        return super().users_with_any_permission(actions) if actions else super().users_with_any_permission(["-"])


register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))


class RevokeForm(WagtailAdminModelForm):
    revoked_reason = forms.CharField(
        label=_("Why is this certificate revoked?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kept with the certificate for trainers and administrators. The public check page shows only "
            "that it was revoked, and when."
        ),
    )

    class Meta:
        model = Certificate
        fields = ["revoked_reason"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.is_revoked:
            raise forms.ValidationError(_("This certificate was already revoked."))
        return cleaned


class RevokeView(EditView):
    page_title = _("Revoke")
    submit_button_label = _("Revoke the certificate")
    submit_button_active_label = _("Revoking…")
    success_message = _("The certificate “%(object)s” is revoked.")

    def save_instance(self):
        try:
            return certificate_revoke(
                certificate=self.object, by=self.request.user, reason=self.form.cleaned_data["revoked_reason"]
            )
        except CertificateError:  # revoked in another tab meanwhile: the first reason stands
            self.object.refresh_from_db()
            return self.object

    def get_success_buttons(self):
        return []


class DayColumn(Column):
    """A date as a date ("27 Nov 2026"; Wagtail's DateColumn says "14 hours ago")."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return date_format(value, "j M Y") if value else "–"


class StatusColumn(Column):
    def get_value(self, instance):
        return {"valid": _("Valid"), "expired": _("Expired"), "revoked": _("Revoked")}[instance.current_status]


DETAIL_FIELDS = [
    "holder_name",
    "course_title",
    "completed_on",
    "ce_hours",
    "expires_on",
    "code",
    "issued_at",
    "revoked_at",
    "revoked_by",
    "revoked_reason",
    "renewal_reminded_at",
    "reassigned_at",
]


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class = RevokeView
    form_fields = ["revoked_reason"]

    def get_form_class(self, for_update=False):
        return RevokeForm

    list_display = [
        "holder_name",
        "course_title",
        DayColumn("completed_on", label=_("Completed")),
        DayColumn("expires_on", label=_("Expires")),
        StatusColumn("status", label=_("Status")),
        "code",
    ]
    list_filter = ["completed_on", "expires_on", "revoked_at"]
    list_export = [*DETAIL_FIELDS[:8], "revoked_reason"]
    search_fields = ["holder_name", "course_title", "code", "user__email"]
    inspect_view_fields = DETAIL_FIELDS


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet()
