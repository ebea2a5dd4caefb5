"""Thin views: managers and trainers invite people to organisations they may manage (scoped by
organisations.scoping; anything else is 404); invited people accept; link holders join."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from organisations import scoping
from organisations.models import Organisation

from . import services
from .csv_import import MAX_BYTES, read_people_csv
from .forms import AcceptForm, CsvUploadForm, InviteForm, JoinForm
from .models import Invitation, InviteLink

CSV_SALT = "invitations.csv-preview"
CSV_MAX_AGE = 60 * 60


def _scope(request) -> tuple[scoping.Viewer, Organisation]:
    """The viewer and the organisation they are inviting to (404 if out of reach)."""
    viewer = scoping.viewer_for(user=request.user)
    if not viewer.can_manage_anyone:
        raise Http404
    slug = request.GET.get("organisation", "")
    organisations = scoping.visible_organisations(viewer=viewer)
    if slug:
        organisation = organisations.filter(slug=slug).first()
    elif viewer.is_manager and not viewer.sees_everything:
        organisation = organisations.first()
    else:
        organisation = None
    if organisation is None:
        raise Http404
    return viewer, organisation


def _home(organisation) -> str:
    return reverse("invitations:home") + "?" + urlencode({"organisation": organisation.slug})


def _member_emails(organisation) -> set[str]:
    return set(organisation.memberships.filter(left_at__isnull=True).values_list("user__email", flat=True))


def _send(request, sent) -> None:
    url = request.build_absolute_uri(reverse("invitations:accept", args=[sent.token]))
    services.invitation_send(sent=sent, accept_url=url)


def _page(request, organisation, *, form=None, upload=None, status=200, **extra):
    context = {
        "organisation": organisation,
        "form": form or InviteForm(),
        "upload": upload or CsvUploadForm(),
        "invitations": organisation.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)[:200],
        "links": organisation.invite_links.filter(revoked_at__isnull=True)[:20],
        **extra,
    }
    return render(request, "invitations/home.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def home(request):
    """Open invitations and links, and the forms to invite one person or many."""
    viewer = scoping.viewer_for(user=request.user)
    if viewer.sees_everything and not request.GET.get("organisation"):
        # A trainer picks the organisation first.
        return render(
            request,
            "team/choose_organisation.html",
            {"organisations": scoping.visible_organisations(viewer=viewer), "heading": _("Invite people")},
        )
    viewer, organisation = _scope(request)
    if request.method == "POST":
        form = InviteForm(request.POST)
        if not form.is_valid():
            return _page(request, organisation, form=form, status=400)
        data = form.cleaned_data
        if data["email"].lower() in _member_emails(organisation):
            messages.info(request, _("%(email)s is already a member.") % {"email": data["email"]})
            return HttpResponseRedirect(_home(organisation))
        sent = services.invitation_create(organisation=organisation, invited_by=request.user, **data)
        _send(request, sent)
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": sent.invitation.email})
        return HttpResponseRedirect(_home(organisation))
    return _page(request, organisation)


@require_POST
@login_required
def upload(request):
    """Read a CSV and show each row with its problems. Nothing is written until confirmed."""
    viewer, organisation = _scope(request)
    form = CsvUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, organisation, upload=form, status=400)
    file = form.cleaned_data["file"]
    data = file.read(MAX_BYTES + 1)
    preview = read_people_csv(data, filename=file.name, members=_member_emails(organisation))
    payload = None
    if preview.ok:
        rows = [row.as_data() for row in preview.rows if not row.notes]
        payload = signing.dumps(
            {"organisation": organisation.pk, "by": request.user.pk, "rows": rows}, salt=CSV_SALT, compress=True
        )
    return render(
        request,
        "invitations/preview.html",
        {"organisation": organisation, "preview": preview, "payload": payload},
        status=200 if preview.ok else 400,
    )


@require_POST
@login_required
def confirm(request):
    """Send the invitations of a checked CSV (the preview's rows, signed so they cannot change)."""
    viewer, organisation = _scope(request)
    try:
        data = signing.loads(request.POST.get("payload", ""), salt=CSV_SALT, max_age=CSV_MAX_AGE)
    except signing.BadSignature:
        return render(
            request,
            "errors/400.html",
            {"message": _("This preview has expired or was changed. Upload the file again.")},
            status=400,
        )
    if data.get("organisation") != organisation.pk or data.get("by") != request.user.pk:
        raise Http404
    members = _member_emails(organisation)
    count = 0
    for row in data["rows"]:
        if row["email"] in members:
            continue
        _send(request, services.invitation_create(organisation=organisation, invited_by=request.user, **row))
        count += 1
    messages.success(request, _("%(count)s invitations sent.") % {"count": count})
    return HttpResponseRedirect(_home(organisation))


def _scoped_object(request, model, pk):
    viewer = scoping.viewer_for(user=request.user)
    if not viewer.can_manage_anyone:
        raise Http404
    obj = model.objects.filter(pk=pk, organisation__in=scoping.visible_organisations(viewer=viewer)).first()
    if obj is None:
        raise Http404
    return obj


@require_POST
@login_required
def revoke(request, pk: int):
    invitation = _scoped_object(request, Invitation, pk)
    services.invitation_revoke(invitation=invitation)
    messages.success(request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email})
    return HttpResponseRedirect(_home(invitation.organisation))


@require_POST
@login_required
def link_create(request):
    viewer, organisation = _scope(request)
    new = services.invite_link_create(organisation=organisation, created_by=request.user)
    url = request.build_absolute_uri(reverse("invitations:join", args=[new.token]))
    return render(
        request, "invitations/link_created.html", {"organisation": organisation, "link": new.link, "url": url}
    )


@require_POST
@login_required
def link_revoke(request, pk: int):
    link = _scoped_object(request, InviteLink, pk)
    services.invite_link_revoke(link=link)
    messages.success(request, _("The invite link is withdrawn: it no longer works."))
    return HttpResponseRedirect(_home(link.organisation))


def _unavailable(request, reason: str, organisation=None):
    status = 404 if reason == "unknown" else 410
    return render(
        request, "invitations/unavailable.html", {"reason": reason, "organisation": organisation}, status=status
    )


@require_http_methods(["GET", "POST"])
def accept(request, token: str):
    """The invited person sets a password (or, with an account already, confirms while signed in)."""
    invitation = services.invitation_for_token(token=token)
    try:
        services.invitation_check(invitation=invitation)
    except services.InvitationError as error:
        return _unavailable(request, error.reason, getattr(invitation, "organisation", None))
    signed_in_as_invited = request.user.is_authenticated and request.user.email.lower() == invitation.email.lower()
    existing = get_user_model().objects.filter(email__iexact=invitation.email).exists()
    form = None if existing else AcceptForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if existing:
            if not signed_in_as_invited:
                return _unavailable(request, "sign_in", invitation.organisation)
            person = services.invitation_accept(token=token, user=request.user)
        else:
            if not form.is_valid():
                return render(request, "invitations/accept.html", {"invitation": invitation, "form": form}, status=400)
            person = services.invitation_accept(
                token=token, password=form.cleaned_data["password1"], first_name=form.cleaned_data["first_name"]
            )
            login(request, person, backend=settings.AUTHENTICATION_BACKENDS[0])
        messages.success(
            request, _("Welcome to %(name)s. Your courses are below.") % {"name": invitation.organisation.name}
        )
        return HttpResponseRedirect(reverse("training:dashboard"))
    return render(
        request,
        "invitations/accept.html",
        {"invitation": invitation, "form": form, "existing": existing, "signed_in_as_invited": signed_in_as_invited},
    )


@require_http_methods(["GET", "POST"])
def join(request, token: str):
    """Join an organisation through its shareable link."""
    link = services.invite_link_for_token(token=token)
    if link is None:
        return _unavailable(request, "unknown")
    if not link.is_open():
        return _unavailable(request, "revoked" if link.revoked_at else "expired", link.organisation)
    signed_in = request.user.is_authenticated
    form = None if signed_in else JoinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form is not None and not form.is_valid():
            return render(request, "invitations/join.html", {"link": link, "form": form}, status=400)
        try:
            person = services.invite_link_join(
                token=token,
                user=request.user if signed_in else None,
                email=form.cleaned_data["email"] if form else "",
                password=form.cleaned_data["password1"] if form else "",
                first_name=form.cleaned_data["first_name"] if form else "",
            )
        except services.InvitationError as error:
            return _unavailable(request, error.reason, link.organisation)
        if not signed_in:
            login(request, person, backend=settings.AUTHENTICATION_BACKENDS[0])
        messages.success(request, _("Welcome to %(name)s. Your courses are below.") % {"name": link.organisation.name})
        return HttpResponseRedirect(reverse("training:dashboard"))
    return render(request, "invitations/join.html", {"link": link, "form": form})


@require_http_methods(["GET", "POST"])
def register(request):
    """Open sign-up, only where the ALLOW_SELF_REGISTRATION setting is on (off by default)."""
    if not settings.ALLOW_SELF_REGISTRATION or request.user.is_authenticated:
        raise Http404
    form = JoinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid() and not get_user_model().objects.filter(email__iexact=form.cleaned_data["email"]).exists():
            person = get_user_model().objects.create_user(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["first_name"],
            )
            login(request, person, backend=settings.AUTHENTICATION_BACKENDS[0])
            return HttpResponseRedirect(reverse("training:dashboard"))
        if form.is_valid():
            form.add_error("email", _("There is already an account with this address. Sign in instead."))
        return render(request, "invitations/register.html", {"form": form}, status=400)
    return render(request, "invitations/register.html", {"form": form})
