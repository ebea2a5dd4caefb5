from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    content_type = request.headers.get("Content-Type", "")
    return "application/json" in accept or content_type.startswith("application/json")


def csrf_failure(request, reason=""):
    message = _(
        "Your session has expired or the form was sent without its security token. Reload the page and try again."
    )
    if wants_json(request):
        return JsonResponse({"error": "csrf_failed", "message": message}, status=403)
    return render(request, "errors/403_csrf.html", {"message": message}, status=403)
