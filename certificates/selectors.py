"""Reads of certificates, shaped for pages. Each function makes a fixed number of queries."""

from django.conf import settings

from organisations import scoping
from organisations.models import Organisation

from .codes import code_normalise
from .models import Certificate


def issuer_name() -> str:
    """Who issues certificates: the host organisation, else the site's name."""
    host = Organisation.objects.filter(kind=Organisation.Kind.HOST).values_list("name", flat=True).first()
    return host or settings.WAGTAIL_SITE_NAME


def certificates_of(*, user) -> list[Certificate]:
    """The person's certificates, newest completion first (one query)."""
    return list(Certificate.objects.filter(user=user).order_by("-completed_on", "-issued_at"))


def latest_certificate_by_course(*, user) -> dict[int, Certificate]:
    """The person's latest certificate for each course, by course page id (one query)."""
    latest: dict[int, Certificate] = {}
    for certificate in certificates_of(user=user):
        if certificate.course_id is not None:
            latest.setdefault(certificate.course_id, certificate)
    return latest


def certificate_for_download(*, viewer: scoping.Viewer, pk: int) -> Certificate | None:
    """The certificate, if the viewer may download it: its holder, trainers and administrators,
    and a clinic manager of the organisation the holder belongs to now. Else None (404)."""
    certificate = Certificate.objects.select_related("user").filter(pk=pk).first()
    if certificate is None or not getattr(viewer.user, "is_authenticated", False):
        return None
    if certificate.user_id == viewer.user.pk or scoping.can_manage(viewer=viewer, member=certificate.user):
        return certificate
    return None


def certificate_by_code(*, code: str) -> Certificate | None:
    """The certificate with this verification code, or None for anything else (unknown codes
    and text that cannot be a code alike)."""
    canonical = code_normalise(code)
    if canonical is None:
        return None
    return Certificate.objects.filter(code=canonical).first()
