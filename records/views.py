"""Thin views: a person's own record and data download, and one trainee's record for the
clinic manager and trainers who follow their training (decided by organisations.scoping)."""

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from organisations import scoping

from . import exports, selectors


@require_GET
@login_required
def mine(request):
    """My record: completed courses, certificates, quiz attempts and completed items."""
    record = selectors.record_for(person=request.user, own=True, request=request)
    return render(request, "records/record.html", {"record": record, "own": True})


@require_GET
@login_required
def member(request, user_id: int):
    """One trainee's record, for their clinic manager and for trainers. Never their reflections."""
    viewer = scoping.viewer_for(user=request.user)
    membership = (
        scoping.visible_members(viewer=viewer).filter(user_id=user_id).select_related("user", "organisation").first()
    )
    if membership is None:
        raise Http404
    record = selectors.record_for(person=membership.user, own=False, request=request)
    return render(request, "records/record.html", {"record": record, "own": False, "membership": membership})


def _download(content: str, *, content_type: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = f"my-training-record-{timezone.localdate():%Y-%m-%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def export_json(request):
    """All of the person's own data as JSON."""
    data = exports.personal_data(user=request.user, request=request)
    return _download(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8", extension="json"
    )


@require_GET
@login_required
def export_csv(request):
    """All of the person's own data as one CSV table (with a byte-order mark, for spreadsheets)."""
    data = exports.personal_data(user=request.user, request=request)
    return _download(
        "\ufeff" + exports.personal_data_csv(data), content_type="text/csv; charset=utf-8", extension="csv"
    )
