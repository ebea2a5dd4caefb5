"""Organisations, memberships and cohorts in the Wagtail admin, for trainers and administrators.

Clinic managers never reach the admin; they manage their own people at /manage/.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Cohort, Membership, Organisation


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
    panels = [FieldPanel("user"), FieldPanel("organisation"), FieldPanel("role"), FieldPanel("left_at")]


class CohortViewSet(SnippetViewSet):
    model = Cohort
    icon = "list-ul"
    menu_label = _("Cohorts")
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]
    panels = [FieldPanel("organisation"), FieldPanel("name"), FieldPanel("members")]


class OrganisationsGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, MembershipViewSet, CohortViewSet)
    menu_icon = "group"
    menu_label = _("Organisations")
    menu_name = "organisations"


register_snippet(OrganisationsGroup)
