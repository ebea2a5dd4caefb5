"""Thin views: downloading a certificate, and the public page that verifies one."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from organisations import scoping

from . import selectors
from .codes import code_normalise
from .pdf import certificate_pdf, content_for


def verify_url(request, code: str) -> str:
    return request.build_absolute_uri(reverse("certificates:verify_code", args=[code]))


@require_GET
@login_required
def download(request, pk: int):
    """The certificate as a PDF, for its holder (and the people who follow their training)."""
    certificate = selectors.certificate_for_download(viewer=scoping.viewer_for(user=request.user), pk=pk)
    if certificate is None:
        raise Http404
    pdf = certificate_pdf(
        content_for(certificate, verify_url=verify_url(request, certificate.code), issuer=selectors.issuer_name())
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(f"certificate {certificate.course_title} {certificate.completed_on:%Y-%m-%d}")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def client_ip(request) -> str:
    """The visitor's address: REMOTE_ADDR, or the header a trusted proxy sets (CLIENT_IP_HEADER)."""
    header = settings.CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def _over_limit(request) -> bool:
    """Count a lookup against the visitor's address: at most CERTIFICATE_VERIFY_PER_MINUTE in a
    clock minute. Codes cannot be guessed anyway (80 random bits); this keeps anyone from trying."""
    minute = int(timezone.now().timestamp() // 60)
    key = f"certificates:verify:{client_ip(request)}:{minute}"
    if cache.add(key, 1, timeout=90):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=90)
            count = 1
    return count > settings.CERTIFICATE_VERIFY_PER_MINUTE


def _limited(request):
    response = render(request, "certificates/verify_limited.html", status=429)
    response["Retry-After"] = "60"
    return response


def _not_found(request, code: str = ""):
    return render(request, "certificates/verify_not_found.html", {"code": code[:40]}, status=404)


@require_GET
@never_cache
def verify(request):
    """The form to enter a code. Submitting it goes to the code's own page."""
    code = request.GET.get("code", "")
    if not code:
        return render(request, "certificates/verify_form.html")
    canonical = code_normalise(code)
    if canonical is None:
        if _over_limit(request):
            return _limited(request)
        return _not_found(request, code)
    return HttpResponseRedirect(reverse("certificates:verify_code", args=[canonical]))


@require_GET
@never_cache
def verify_code(request, code: str):
    """Whether the certificate with this code is valid, expired or revoked, with the name and
    course on it and nothing else about the person."""
    if _over_limit(request):
        return _limited(request)
    certificate = selectors.certificate_by_code(code=code)
    if certificate is None:
        return _not_found(request, code)
    if certificate.code != code:  # a code typed with slips or without dashes: show its usual form
        return HttpResponseRedirect(reverse("certificates:verify_code", args=[certificate.code]))
    return render(
        request,
        "certificates/verify_result.html",
        {"certificate": certificate, "status": certificate.current_status, "issuer": selectors.issuer_name()},
    )
