"""Organisations, memberships and cohorts in the Wagtail admin, for trainers and administrators.

Clinic managers never reach the admin; they manage their own people at /manage/.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import scoping
from .models import Cohort, Membership, Organisation
from .signals import membership_joined


class MembershipForm(WagtailAdminModelForm):
    """A membership is a record of where someone was: it is ended, never re-pointed."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            for name in ("user", "organisation"):
                if name in self.changed_data:
                    self.add_error(
                        name,
                        _(
                            "To move someone, set when they left this organisation and add a new membership, "
                            "so their history stays."
                        ),
                    )
        return cleaned


class CohortForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        organisation, members = cleaned.get("organisation"), cleaned.get("members")
        if organisation is not None and members:
            current = set(
                Membership.objects.filter(
                    organisation=organisation, left_at__isnull=True, user__in=members
                ).values_list("user_id", flat=True)
            )
            outsiders = [member for member in members if member.pk not in current]
            if outsiders:
                self.add_error(
                    "members",
                    _("Only current members of the organisation can be in its cohort: %(people)s.")
                    % {"people": ", ".join(str(person) for person in outsiders)},
                )
        return cleaned


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "created_at"]
    list_filter = ["kind"]
    list_export = ["name", "slug", "kind", "created_at"]
    search_fields = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind")]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Memberships")
    list_display = ["user", "organisation", "role", "joined_at", "left_at"]
    list_filter = ["organisation", "role"]
    list_export = ["user", "organisation", "role", "joined_at", "left_at"]
    edit_handler = ObjectList(
        [FieldPanel("user"), FieldPanel("organisation"), FieldPanel("role"), FieldPanel("left_at")],
        base_form_class=MembershipForm,
    )


class CohortViewSet(SnippetViewSet):
    model = Cohort
    icon = "list-ul"
    menu_label = _("Cohorts")
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]
    edit_handler = ObjectList(
        [FieldPanel("organisation"), FieldPanel("name"), FieldPanel("members")], base_form_class=CohortForm
    )


class OrganisationsGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, MembershipViewSet, CohortViewSet)
    menu_icon = "group"
    menu_label = _("Organisations")
    menu_name = "organisations"


register_snippet(OrganisationsGroup)


@hooks.register("after_create_snippet")
def give_new_members_their_onboarding(request, instance):
    """A membership added in the admin starts the onboarding path, as joining any other way does."""
    if isinstance(instance, Membership) and instance.left_at is None:
        scoping.forget_viewer(user=instance.user)
        membership_joined.send(sender=Membership, membership=instance, now=instance.joined_at)
