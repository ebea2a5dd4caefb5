"""The person's reminder-email settings: one small page, for everyone signed in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organisations import scoping

from . import selectors, services
from .forms import PreferenceForm


@require_http_methods(["GET", "POST"])
@login_required
def preferences(request):
    """Turn reminder emails (and, for clinic managers, the weekly summary) on or off."""
    offers_digest = selectors.offers_digest(viewer=scoping.viewer_for(user=request.user))
    preference = selectors.preference_for(user=request.user)
    initial = {"due_date_reminders": preference.due_date_reminders, "team_digest": preference.team_digest}
    form = PreferenceForm(
        request.POST if request.method == "POST" else None, offers_digest=offers_digest, initial=initial
    )
    if request.method == "POST":
        if form.is_valid():
            services.preference_update(
                user=request.user,
                due_date_reminders=form.cleaned_data["due_date_reminders"],
                team_digest=form.cleaned_data["team_digest"] if offers_digest else None,
            )
            messages.success(request, _("Your email settings are saved."))
            return HttpResponseRedirect(reverse("reminders:preferences"))
        status = 400
    else:
        status = 200
    return render(request, "reminders/preferences.html", {"form": form, "offers_digest": offers_digest}, status=status)
