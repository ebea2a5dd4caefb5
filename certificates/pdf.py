"""A certificate as a one-page landscape PDF, drawn with reportlab (no system libraries).

The page is drawn with the standard PDF fonts, which need nothing embedded and keep the file
small and fast to make (a few milliseconds). A name or course title with letters those fonts
lack (they cover Western European scripts) is drawn in DejaVu Sans when the machine has it
(CERTIFICATE_UNICODE_FONT, Debian's fonts-dejavu-core by default).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from io import BytesIO
from itertools import groupby
from pathlib import Path

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

BRAND = HexColor("#0f5f5c")
INK = HexColor("#1d2327")
MUTED = HexColor("#4f5b62")
ACCENT = HexColor("#f2c14e")
UNICODE_FONT = "DejaVuSans"


@dataclass(frozen=True)
class CertificateContent:
    """Everything printed on a certificate: plain values, so the PDF needs no database."""

    holder_name: str
    course_title: str
    completed_on: date
    code: str
    verify_url: str
    issuer: str
    ce_hours: Decimal | None = None
    expires_on: date | None = None
    revoked: bool = False


def content_for(certificate, *, verify_url: str, issuer: str) -> CertificateContent:
    return CertificateContent(
        holder_name=certificate.holder_name,
        course_title=certificate.course_title,
        completed_on=certificate.completed_on,
        code=certificate.code,
        verify_url=verify_url,
        issuer=issuer,
        ce_hours=certificate.ce_hours,
        expires_on=certificate.expires_on,
        revoked=certificate.is_revoked,
    )


@cache
def _unicode_font_available() -> bool:
    path = Path(getattr(settings, "CERTIFICATE_UNICODE_FONT", ""))
    if not path.is_file():
        return False
    pdfmetrics.registerFont(TTFont(UNICODE_FONT, str(path)))
    return True


def _font(text: str, font: str) -> str:
    """`font`, unless `text` has letters it cannot draw and a Unicode font is at hand."""
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        if _unicode_font_available():
            return UNICODE_FONT
    return font


def _fit(text: str, font: str, size: float, width: float, smallest: float) -> float:
    """The largest size from `size` down to `smallest` at which `text` fits in `width`."""
    while size > smallest and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 1
    return size


def _wrap(text: str, font: str, size: float, width: float, lines: int) -> list[str]:
    """Break `text` into at most `lines` lines of `width` (the last one shortened with …)."""
    words, result, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if pdfmetrics.stringWidth(candidate, font, size) <= width or not line:
            line = candidate
        else:
            result.append(line)
            line = word
    if line:
        result.append(line)
    if len(result) > lines:
        result = result[: lines - 1] + [" ".join(result[lines - 1 :])]
        last = result[-1]
        while last and pdfmetrics.stringWidth(last + "…", font, size) > width:
            last = last[:-1]
        result[-1] = last.rstrip() + "…"
    return result


def _date(value: date) -> str:
    return formats.date_format(value, "j F Y")


def _hours(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _field(pdf: canvas.Canvas, x: float, y: float, label: str, value: str) -> None:
    """A labelled value, centred on x: small capitals above, the value below."""
    pdf.setFillColor(MUTED)
    pdf.setFont("Helvetica", 9)
    pdf.drawCentredString(x, y + 18, label.upper())
    pdf.setFillColor(INK)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawCentredString(x, y, value)


def _qr(pdf: canvas.Canvas, url: str, x: float, y: float, size: float) -> None:
    """The URL as a QR code, `size` points square with its bottom-left corner at (x, y). Encoded
    once and drawn as one path of dark runs (reportlab's widget encodes twice and draws a shape
    per module, ten times slower)."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(url)
    code.make()
    count = code.getModuleCount()
    box = size / count
    path = pdf.beginPath()
    for row_number, row in enumerate(code.modules):
        column = 0
        for dark, run in groupby(bool(module) for module in row):
            length = len(list(run))
            if dark:
                path.rect(x + column * box, y + size - (row_number + 1) * box, length * box, box)
            column += length
    pdf.setFillColor(INK)
    pdf.drawPath(path, stroke=0, fill=1)


def certificate_pdf(content: CertificateContent) -> bytes:
    """The certificate as PDF bytes: landscape A4, one page."""
    buffer = BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=1)
    pdf.setTitle(_("Certificate: %(course)s") % {"course": content.course_title})
    pdf.setAuthor(content.issuer)
    pdf.setSubject(content.holder_name)
    centre = width / 2
    text_width = width - 2 * 90

    # Frame: a broad band and a fine rule inside it.
    pdf.setStrokeColor(BRAND)
    pdf.setLineWidth(10)
    pdf.rect(24, 24, width - 48, height - 48)
    pdf.setLineWidth(0.8)
    pdf.rect(40, 40, width - 80, height - 80)
    pdf.setFillColor(ACCENT)
    pdf.rect(centre - 40, height - 92, 80, 4, stroke=0, fill=1)

    pdf.setFillColor(BRAND)
    issuer_font = _font(content.issuer, "Helvetica-Bold")
    pdf.setFont(issuer_font, _fit(content.issuer.upper(), issuer_font, 12, text_width, 8))
    pdf.drawCentredString(centre, height - 78, content.issuer.upper())

    pdf.setFillColor(INK)
    pdf.setFont("Times-Bold", 40)
    pdf.drawCentredString(centre, height - 150, _("Certificate of completion"))

    pdf.setFillColor(MUTED)
    pdf.setFont("Helvetica", 13)
    pdf.drawCentredString(centre, height - 190, _("This certifies that"))

    name_font = _font(content.holder_name, "Times-BoldItalic")
    name_size = _fit(content.holder_name, name_font, 36, text_width, 18)
    pdf.setFillColor(BRAND)
    pdf.setFont(name_font, name_size)
    pdf.drawCentredString(centre, height - 238, content.holder_name)
    pdf.setStrokeColor(ACCENT)
    pdf.setLineWidth(1.5)
    pdf.line(centre - 200, height - 250, centre + 200, height - 250)

    pdf.setFillColor(MUTED)
    pdf.setFont("Helvetica", 13)
    pdf.drawCentredString(centre, height - 278, _("has completed the course"))

    title_font = _font(content.course_title, "Helvetica-Bold")
    pdf.setFillColor(INK)
    lines = _wrap(content.course_title, title_font, 22, text_width, 2)
    pdf.setFont(title_font, 22)
    for number, line in enumerate(lines):
        pdf.drawCentredString(centre, height - 312 - number * 27, line)

    fields = [(_("Completed on"), _date(content.completed_on))]
    if content.ce_hours is not None:
        fields.append((_("Continuing-education hours"), _hours(content.ce_hours)))
    fields.append((_("Valid until"), _date(content.expires_on) if content.expires_on else _("Does not expire")))
    spacing = 210
    first = centre - spacing * (len(fields) - 1) / 2
    for index, (label, value) in enumerate(fields):
        _field(pdf, first + index * spacing, 185, label, value)

    # Verification: the code, where to check it, and the same as a QR code.
    pdf.setStrokeColor(HexColor("#d8dee2"))
    pdf.setLineWidth(0.8)
    pdf.line(90, 118, width - 90, 118)
    pdf.setFillColor(MUTED)
    pdf.setFont("Helvetica", 9)
    pdf.drawString(90, 96, _("VERIFICATION CODE"))
    pdf.setFillColor(INK)
    pdf.setFont("Courier-Bold", 15)
    pdf.drawString(90, 78, content.code)
    pdf.setFillColor(MUTED)
    pdf.setFont("Helvetica", 9)
    pdf.drawString(90, 62, _("Anyone can check this certificate at:"))
    pdf.setFillColor(BRAND)
    pdf.setFont("Helvetica", 9)
    pdf.drawString(
        90 + pdfmetrics.stringWidth(_("Anyone can check this certificate at:") + " ", "Helvetica", 9),
        62,
        content.verify_url,
    )
    pdf.linkURL(content.verify_url, (90, 56, width - 160, 74))
    _qr(pdf, content.verify_url, width - 90 - 56, 54, 56)

    if content.revoked:
        pdf.saveState()
        pdf.setFillColor(HexColor("#a0001e"))
        pdf.setFont("Helvetica-Bold", 70)
        pdf.translate(centre, height / 2)
        pdf.rotate(20)
        pdf.drawCentredString(0, 0, _("REVOKED"))
        pdf.restoreState()

    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
