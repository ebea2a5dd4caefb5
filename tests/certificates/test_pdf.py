"""The PDF: one landscape page that says who, what, when, how many hours, until when, and how
to check it; made well within a second."""

import base64
import re
import time
import zlib
from datetime import date
from decimal import Decimal

from certificates.pdf import CertificateContent, certificate_pdf


def pdf_text(data: bytes) -> str:
    """The text drawn on the page: every content stream, decoded (reportlab writes them as
    ASCII85 over Flate)."""
    chunks = []
    for stream in re.findall(rb"stream\r?\n(.*?)\s*endstream", data, re.S):
        stream = stream.strip()
        if stream.endswith(b"~>"):
            stream = base64.a85decode(stream, adobe=True)
        try:
            chunks.append(zlib.decompress(stream).decode("latin-1"))
        except zlib.error:
            chunks.append(stream.decode("latin-1"))
    return "\n".join(chunks)


def content(**overrides) -> CertificateContent:
    values = {
        "holder_name": "Sam Rivera",
        "course_title": "Foundations of Harm Reduction Therapy",
        "completed_on": date(2026, 11, 20),
        "code": "7KQ2-M9XD-4HTB-0WZN",
        "verify_url": "https://training.example.org/verify/7KQ2-M9XD-4HTB-0WZN/",
        "issuer": "Harbour Street Harm Reduction Centre",
        "ce_hours": Decimal("1.50"),
        "expires_on": date(2027, 11, 20),
    }
    return CertificateContent(**{**values, **overrides})


def test_the_pdf_is_one_landscape_page_with_everything_on_it():
    data = certificate_pdf(content())
    assert data.startswith(b"%PDF")
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type /Page/") >= 1
    width, height = map(float, re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)", data).groups())
    assert width > height  # landscape
    text = pdf_text(data)
    for expected in [
        "Sam Rivera",
        "Foundations of Harm Reduction Therapy",
        "20 November 2026",
        "1.5",
        "20 November 2027",
        "7KQ2-M9XD-4HTB-0WZN",
        "https://training.example.org/verify/7KQ2-M9XD-4HTB-0WZN/",
        "HARBOUR STREET HARM REDUCTION CENTRE",
    ]:
        assert expected in text, expected


def test_without_hours_or_expiry_it_says_it_does_not_expire():
    text = pdf_text(certificate_pdf(content(ce_hours=None, expires_on=None)))
    assert "Does not expire" in text
    assert "Continuing-education hours".upper() not in text


def test_a_long_course_title_and_a_name_beyond_western_scripts_still_make_a_pdf():
    data = certificate_pdf(
        content(holder_name="Nguyễn Thị Minh Khai-Łukasiewicz", course_title="A very long course title " * 8)
    )
    assert data.startswith(b"%PDF") and b"%%EOF" in data[-10:]


def test_a_pdf_is_made_in_well_under_a_second():
    certificate_pdf(content())  # first use loads fonts
    start = time.perf_counter()
    for _ in range(5):
        certificate_pdf(content())
    assert (time.perf_counter() - start) / 5 < 1.0
