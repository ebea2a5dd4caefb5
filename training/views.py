"""Thin views over the training services and selectors."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wagtail.models import Page

from assignments import selectors as assignment_selectors
from home.views.errors import wants_json

from . import curriculum, selectors, services
from .forms import CompleteForm, ReflectionForm, VideoProgressForm

MAX_BODY_BYTES = 64 * 1024


def json_error(message: str, *, status: int, code: str, errors=None) -> JsonResponse:
    payload = {"error": code, "message": message}
    if errors:
        payload["errors"] = errors
    return JsonResponse(payload, status=status)


def api_login_required(view):
    """Like login_required, but answers JSON requests with 401 instead of a redirect."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            if wants_json(request):
                return json_error(_("Please sign in again."), status=401, code="not_authenticated")
            return login_required(view)(request, *args, **kwargs)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _learning_item(page_id: int, *, user):
    """The live learning item, if the person may take it; otherwise 404, as if it did not exist."""
    page = Page.objects.live().filter(pk=page_id, content_type_id__in=curriculum.item_type_ids()).first()
    if page is None or curriculum.is_hidden(path=page.path, hidden=curriculum.hidden_course_paths(user=user)):
        raise Http404
    return page.specific


def _payload(request) -> dict:
    """The request's data, from a JSON body or a form. Raises ValueError with a message."""
    if request.content_type == "application/json":
        if len(request.body) > MAX_BODY_BYTES:
            raise ValueError(_("The request is too large."))
        try:
            data = json.loads(request.body or b"{}")
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise ValueError(_("The request body is not valid JSON.")) from None
        if not isinstance(data, dict):
            raise ValueError(_("The request body must be a JSON object."))
        return data
    return request.POST.dict()


def _progress_json(progress) -> dict:
    return {
        "page": progress.page_id,
        "completed": progress.completed_at is not None,
        "completed_at": progress.completed_at.isoformat() if progress.completed_at else None,
        "position": round(progress.video_position, 2),
        "watched_seconds": round(progress.watched_seconds, 2),
        "duration": round(progress.video_duration, 2),
    }


def _form_errors(form) -> dict:
    return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


@require_POST
@api_login_required
def video_progress(request, page_id: int):
    """The video player reports where the trainee is, every few seconds while it plays."""
    try:
        data = _payload(request)
    except ValueError as error:
        return json_error(str(error), status=400, code="bad_request")
    page = _learning_item(page_id, user=request.user)
    form = VideoProgressForm(data)
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        return json_error(first, status=400, code="invalid", errors=_form_errors(form))
    progress = services.progress_record_video(
        user=request.user,
        page=page,
        position=form.cleaned_data["position"],
        duration=form.cleaned_data["duration"],
        completion_threshold=getattr(page, "video_completion_threshold", None),
    )
    return JsonResponse(_progress_json(progress))


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@require_POST
@api_login_required
def mark_complete(request, page_id: int):
    """The trainee marks a lesson as done (a form button, or the same from script)."""
    try:
        data = _payload(request)
    except ValueError as error:
        return json_error(str(error), status=400, code="bad_request")
    page = _learning_item(page_id, user=request.user)
    form = CompleteForm(data)
    if not form.is_valid():
        if wants_json(request):
            return json_error(
                _("The request could not be understood."), status=400, code="invalid", errors=_form_errors(form)
            )
        return render(request, "errors/400.html", {"message": form.non_field_errors()[0]}, status=400)
    progress = services.progress_mark_complete(user=request.user, page=page)
    if wants_json(request):
        return JsonResponse(_progress_json(progress))
    messages.success(request, _("“%(title)s” is marked as done. Nice work.") % {"title": page.title})
    return HttpResponseRedirect(_safe_next(request, page.get_url(request)))


@require_POST
@api_login_required
def save_reflection(request, page_id: int, block_id: str):
    """Save the trainee's private answer to a reflection prompt."""
    try:
        data = _payload(request)
    except ValueError as error:
        return json_error(str(error), status=400, code="bad_request")
    page = _learning_item(page_id, user=request.user)
    prompts = (
        {
            raw["id"]: raw["value"].get("prompt", "")
            for raw in getattr(page, "body", None).raw_data
            if raw["type"] == "reflection"
        }
        if hasattr(page, "body")
        else {}
    )
    if block_id not in prompts:
        raise Http404
    form = ReflectionForm(data)
    if not form.is_valid():
        if wants_json(request):
            return json_error(
                next(iter(form.errors.values()))[0], status=400, code="invalid", errors=_form_errors(form)
            )
        return render(request, "errors/400.html", {"message": next(iter(form.errors.values()))[0]}, status=400)
    services.reflection_save(
        user=request.user, page=page, block_id=block_id, prompt=prompts[block_id], answer=form.cleaned_data["answer"]
    )
    if wants_json(request):
        return JsonResponse({"saved": True})
    messages.success(request, _("Your reflection is saved. Only you can see it."))
    return HttpResponseRedirect(_safe_next(request, page.get_url(request)) + f"#reflection-{block_id}")


@require_GET
@login_required
def dashboard(request):
    """My training: courses assigned to the trainee (soonest due first), then everything else
    open to them, each with their progress and a way to continue."""
    courses = selectors.dashboard_courses(user=request.user, request=request)
    assigned = assignment_selectors.assigned_courses(user=request.user)
    mine = [(progress, assigned[progress.course.pk]) for progress in courses if progress.course.pk in assigned]
    # Unfinished first, then by due date (no date last); finished ones at the end.
    mine.sort(key=lambda pair: (pair[0].is_complete, pair[1].due is None, pair[1].due.on if pair[1].due else None))
    explore = [progress for progress in courses if progress.course.pk not in assigned]
    return render(request, "training/dashboard.html", {"assigned": mine, "explore": explore})
