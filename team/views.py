"""Thin views for clinic managers and trainers. What each may see comes from organisations.scoping;
anything outside it is not found (404), so it cannot even be confirmed to exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from assignments.services import assignment_create, assignments_create_for_people
from organisations import scoping
from organisations.models import Cohort, Organisation

from . import selectors
from .forms import AssignForm


def _viewer_who_manages(request) -> scoping.Viewer:
    viewer = scoping.viewer_for(user=request.user)
    if not viewer.can_manage_anyone:
        raise Http404
    return viewer


def _organisation_from(request, viewer, *, required: bool) -> Organisation | None:
    """The organisation named by ?organisation=slug, if the viewer may see it (else 404).
    A clinic manager's own organisation is the default."""
    slug = request.GET.get("organisation", "")
    if slug:
        organisation = scoping.visible_organisations(viewer=viewer).filter(slug=slug).first()
        if organisation is None:
            raise Http404
        return organisation
    if viewer.is_manager and not viewer.sees_everything:
        return Organisation.objects.get(pk=viewer.organisation_id)
    if required:
        return None
    return None


@require_GET
@login_required
def overview(request):
    """Each person's assigned courses with progress, due date and completion, a page at a time,
    optionally narrowed to the people whose name or email matches ?q=."""
    viewer = _viewer_who_manages(request)
    organisation = _organisation_from(request, viewer, required=False)
    search = request.GET.get("q", "").strip()[: selectors.SEARCH_MAX_LENGTH]
    people = selectors.team_progress_page(
        viewer=viewer, organisation=organisation, search=search, page_number=request.GET.get("page"), request=request
    )
    organisations = list(scoping.visible_organisations(viewer=viewer)) if viewer.sees_everything else []
    return render(
        request,
        "team/overview.html",
        {
            "people": people,
            "page_numbers": people.paginator.get_elided_page_range(people.number, on_each_side=2, on_ends=1),
            "search": search,
            "organisation": organisation,
            "organisations": organisations,
            "viewer": viewer,
        },
    )


@require_GET
@login_required
def member(request, user_id: int):
    """One person's assigned courses and progress."""
    viewer = _viewer_who_manages(request)
    membership = selectors.team_members(viewer=viewer).filter(user_id=user_id).first()
    if membership is None:
        raise Http404
    [row] = selectors.members_progress(memberships=[membership], request=request)
    return render(request, "team/member.html", {"row": row, "membership": membership})


def _ids(values) -> set[int]:
    try:
        return {int(value) for value in values if value != ""}
    except (TypeError, ValueError):
        raise Http404 from None


@require_http_methods(["GET", "POST"])
@login_required
def assign(request):
    """Assign courses to people, a cohort or the whole organisation, with an optional date."""
    viewer = _viewer_who_manages(request)
    organisation = _organisation_from(request, viewer, required=True)
    if organisation is None:  # a trainer picks the organisation first
        return render(
            request, "team/choose_organisation.html", {"organisations": scoping.visible_organisations(viewer=viewer)}
        )
    people = list(selectors.team_members(viewer=viewer, organisation=organisation))
    cohorts = list(Cohort.objects.filter(organisation=organisation).order_by("name"))
    courses = selectors.assignable_courses(organisation=organisation)
    if request.method == "POST":
        # Naming someone (or a cohort) outside the viewer's reach is not found, and changes nothing.
        if _ids(request.POST.getlist("people")) - {m.user_id for m in people}:
            raise Http404
        if _ids(request.POST.getlist("cohort")) - {c.pk for c in cohorts}:
            raise Http404
    form = AssignForm(
        request.POST if request.method == "POST" else None,
        people=people,
        cohorts=cohorts,
        courses=courses,
        organisation_name=organisation.name,
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            chosen = [c for c in courses if str(c.pk) in set(data["courses"])]
            if data["people"]:
                users = [m.user for m in people if str(m.user_id) in set(data["people"])]
                assignments_create_for_people(
                    courses=chosen, users=users, due_on=data["due_on"], assigned_by=request.user
                )
            else:
                target = (
                    {"cohort": next(c for c in cohorts if str(c.pk) == data["cohort"])}
                    if data["cohort"]
                    else {"organisation": organisation}
                )
                for course in chosen:
                    assignment_create(course=course, due_on=data["due_on"], assigned_by=request.user, **target)
            messages.success(request, _("The courses are assigned. People will see them on their dashboard."))
            return HttpResponseRedirect(reverse("team:overview") + "?" + urlencode({"organisation": organisation.slug}))
        status = 400
    else:
        status = 200
    return render(
        request, "team/assign.html", {"form": form, "organisation": organisation, "courses": courses}, status=status
    )
