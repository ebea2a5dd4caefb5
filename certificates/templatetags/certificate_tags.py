"""{% certificate_for course as certificate %}: the signed-in person's latest certificate for a
course. The person's certificates are read once per request (one query), however many course
cards ask."""

from django import template
from django.utils import timezone

from ..selectors import latest_certificate_by_course
from ..services import renewal_opens_on

register = template.Library()

_MEMO = "_dropin_certificates"


@register.simple_tag(takes_context=True)
def certificate_for(context, course):
    request = context.get("request")
    user = getattr(request, "user", None)
    if course is None or not getattr(user, "is_authenticated", False):
        return None
    memo = getattr(request, _MEMO, None)
    if memo is None:
        memo = latest_certificate_by_course(user=user)
        setattr(request, _MEMO, memo)
    return memo.get(course.pk)


@register.filter
def renewal_open(certificate) -> bool:
    """Whether the certificate is due for renewal (expiring soon, or expired) and not revoked."""
    opens = renewal_opens_on(certificate) if certificate is not None else None
    return bool(opens and not certificate.is_revoked and opens <= timezone.localdate())
